#pragma once

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "clock.hpp"
#include "services/attachment_service.hpp"
#include "services/auth_service.hpp"
#include "services/ingestion_service.hpp"
#include "services/mention_service.hpp"
#include "services/record_service.hpp"
#include "store/store.hpp"

namespace care::server::demo {

struct DemoAccount {
  std::string username;
  std::string password;
  std::string role;
};

// Demo mode (R-H2): a fresh data folder gets agents, queues, a few hundred customers
// with histories in the seed languages, and a traffic generator keeps chats, calls and
// emails arriving and simulated customers answering, so one person can try every flow
// alone. Deterministic for a given seed. The demo accounts get random passwords (no
// password is baked in), kept in <data>/demo-accounts.json for the next start.
class Demo {
 public:
  struct Options {
    std::filesystem::path data_dir;
    unsigned seed = 1;
    double per_minute = 4.0;  // new interactions a minute
    int customers = 300;
  };

  Demo(Options options, store::Store& store, services::AuthService& auth,
       services::IngestionService& ingestion, services::MentionService& mentions,
       const Clock& clock);
  ~Demo();
  Demo(const Demo&) = delete;
  Demo& operator=(const Demo&) = delete;

  // Seeds an empty database (no queues yet); returns the demo accounts either way.
  std::vector<DemoAccount> seed();
  void start();
  void stop();
  // One step of the generator: maybe a new interaction, customers answering agents,
  // telephony moving calls on. Tests call it directly.
  void step();
  // Some demo chats and emails carry files (issue 18), kept through this service.
  void send_files_with(services::AttachmentService& attachments) { attachments_ = &attachments; }

 private:
  void seed_customers();
  void seed_knowledge();
  void seed_transfer(const Activity& activity);
  void new_interaction();
  void customers_answer();
  // A customer whose chat an agent closed rates it (issue 18).
  void customers_rate();
  // Now and then a colleague leaves an internal note on a conversation an agent holds,
  // sometimes naming them with "@" (issue 18).
  void colleagues_note();
  // A seeded activity's note, by a random seat, mentioning another now and then.
  void seed_note(const Activity& activity, const std::vector<store::AgentRecord>& seats);

  Options options_;
  store::Store& store_;
  services::AuthService& auth_;
  services::IngestionService& ingestion_;
  services::MentionService& mentions_;
  const Clock& clock_;
  services::AttachmentService* attachments_ = nullptr;
  std::mt19937 random_;
  // The notes' own: adding them left the rest of the demo's data as it was.
  std::mt19937 notes_random_;
  std::vector<Id> considered_;  // tasks a colleague has thought of noting
  std::vector<Id> customers_;
  std::vector<store::AgentRecord>
      seated_;             // the demo's agents, while seeding (transfers in the history)
  std::vector<Id> chats_;  // the live chats the demo started, until they end
  std::int64_t next_arrival_ms_ = 0;
  int calls_ = 0;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace care::server::demo
