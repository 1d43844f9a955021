#pragma once

#include <atomic>
#include <chrono>
#include <thread>

#include "events/event_hub.hpp"
#include "events/event_log.hpp"

namespace care::server::events {

// One thread per node on a shared database (issue 17): waits for the log's news (a
// NOTIFY carrying only the new id), then has the hub deliver what other nodes appended
// to this node's streams. Reads anyway every `quiet_poll` while the notification
// connection is up, and every `down_poll` while it is lost (the fallback); prunes events
// older than `keep` every `prune_every`.
class LogFollower {
 public:
  struct Options {
    std::chrono::milliseconds quiet_poll{2'000};
    std::chrono::milliseconds down_poll{200};
    std::chrono::milliseconds keep{10 * 60'000};
    std::chrono::milliseconds prune_every{60'000};
  };

  LogFollower(EventHub& hub, EventLog& log, Options options);
  ~LogFollower();
  LogFollower(const LogFollower&) = delete;
  LogFollower& operator=(const LogFollower&) = delete;

  void stop();

 private:
  void run();

  EventHub& hub_;
  EventLog& log_;
  const Options options_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace care::server::events
