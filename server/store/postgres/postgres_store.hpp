#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "events/event_log.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/storage_state.hpp"
#include "store/store.hpp"

namespace care::server::store {

// The store on PostgreSQL (issue 17): the same data model and behaviour as SqliteStore,
// for deployments that outgrow one node. A small pool of connections; every method
// that writes is one transaction (READ COMMITTED), and write transactions run at once,
// on every node, sharing WAL flushes. What SQLite's one writer gave for free is kept
// per record instead (docs/architecture.md, "Writes on PostgreSQL"):
// - a save is a conditional UPDATE … WHERE version = $n (two saves of one version:
//   one wins, the other changes nothing and answers false);
// - ids are sequences; one of a kind (a call event, a rating, a mention, an agent's
//   one live offer, a message's key) is a unique index, with ON CONFLICT where a
//   repeat is expected;
// - inside a unit of work, a read that the unit's later writes depend on locks what
//   it read, in one order (a task's row, an agent's row, a message key or reference,
//   an activity's row, a customer's requests, requests' rows by id): task(),
//   task_of_activity(), activity() and request() lock their row (FOR UPDATE),
//   agent_hands() the agent's, and requests_of(), message_by_key() and
//   activity_by_ref() take a transaction-scoped advisory lock on what they looked for
//   (the customer, the key, the reference), so two units deciding "none yet, so
//   create one" decide one after the other.
// A write of its own that PostgreSQL gives up for a concurrent one (deadlock,
// serialization failure) is tried again; in a unit of work it is StoreConflict.
// Reads run on any pooled connection and see the last commit. A unit of work pins one
// connection to its thread from begin to end: that thread's calls run on it and join
// its transaction.
class PostgresStore final : public Store {
 public:
  static constexpr int kDefaultConnections = 8;
  // Connects (a postgres:// URI or libpq key=value words) and applies migrations;
  // throws StoreError.
  explicit PostgresStore(const std::string& conninfo, int connections = kDefaultConnections);
  ~PostgresStore() override;

  int schema_version() const override { return schema_version_; }
  // Reachable when a connection of its own (not the pool's, which may all be busy)
  // answers within seconds; full while the server refuses writes for want of room.
  StoreHealth health() override;

  std::int64_t count_agents() override;
  std::optional<AgentRecord> create_agent(const NewAgent& agent, std::int64_t now_ms) override;
  std::optional<AgentRecord> agent(std::int64_t id) override;
  std::optional<std::pair<AgentRecord, std::string>> credentials(
      std::string_view username) override;
  std::vector<AgentRecord> agents() override;
  std::vector<std::pair<std::string, std::int64_t>> agent_state_counts() override;
  std::optional<AgentRecord> set_agent_state(std::int64_t agent_id, std::string_view state,
                                             std::string_view reason,
                                             std::optional<std::int64_t> actor_id,
                                             std::int64_t now_ms) override;

  void create_session(std::string_view token_hash, std::int64_t agent_id, std::int64_t now_ms,
                      std::int64_t expires_ms) override;
  std::optional<AgentRecord> session_agent(std::string_view token_hash,
                                           std::int64_t now_ms) override;
  void delete_session(std::string_view token_hash) override;

  std::vector<Agent> routing_agents() override;
  std::optional<Agent> routing_agent(Id id) override;
  void set_agent_last_task_end(Id agent, Time at) override;
  void set_agent_routing(Id agent, const std::vector<Id>& queues,
                         const std::vector<std::string>& skills, Capacity capacity) override;
  Queue create_queue(const Queue& queue) override;
  std::vector<Queue> queues() override;
  bool set_queue_targets(Id queue, const QueueTargets& targets) override;
  bool set_queue_labels(Id queue, const Labels& labels) override;
  bool set_queue_default_for(Id queue, const std::vector<Channel>& channels) override;

  std::vector<WrapUpCode> wrap_up_codes() override;
  bool put_wrap_up_code(const WrapUpCode& code) override;
  std::vector<NotReadyReason> not_ready_reasons() override;
  bool put_not_ready_reason(const NotReadyReason& reason) override;

  Customer create_customer(Customer customer, Id actor) override;
  std::optional<Customer> customer(Id id) override;
  [[nodiscard]] bool save_customer(const Customer& customer, Version edited, Id actor) override;
  std::vector<Customer> search_customers(std::string_view query, int limit) override;
  std::optional<Customer> customer_by_email(std::string_view email) override;
  std::optional<Customer> customer_by_phone(std::string_view phone) override;

  Request create_request(Request request, Id actor) override;
  std::optional<Request> request(Id id) override;
  [[nodiscard]] bool save_request(const Request& request, Version edited, Id actor) override;
  std::vector<Request> requests_of(Id customer) override;
  std::vector<Request> quiet_open_requests(Time cutoff, int limit) override;

  Activity create_activity(Activity activity, std::string_view external_ref, Id actor) override;
  std::optional<Activity> activity(Id id) override;
  std::optional<Activity> activity_by_ref(MediaType media, std::string_view ref) override;
  std::string external_ref(Id activity) override;
  [[nodiscard]] bool save_activity(const Activity& activity, Version edited, Id actor) override;
  std::vector<Activity> activities_of_request(Id request) override;
  std::vector<JourneyEntry> journey_page(Id customer, std::optional<JourneyCursor> after,
                                         int limit) override;
  std::int64_t activity_count_of_customer(Id customer) override;
  Message add_message(Id activity, Message message) override;
  std::optional<Message> message_by_key(Id activity, std::string_view key) override;
  bool add_call_event(Id activity, const CallEvent& event) override;
  Comment add_comment(Comment comment) override;
  std::vector<Comment> comments(Id activity) override;

  Task create_task(Task task) override;
  std::optional<Task> task(Id id) override;
  std::optional<Task> task_of_activity(Id activity) override;
  [[nodiscard]] bool save_task(const Task& task, Version edited, Id actor) override;
  std::vector<Task> open_tasks() override;
  std::vector<Task> closed_tasks_of(Id agent, int limit) override;
  bool shared_by_nodes() const override { return true; }
  bool routing_lead() override;
  std::optional<AgentHands> agent_hands(Id agent) override;

  void add_widget_token(std::string_view token_hash, Id activity, Time now) override;
  std::optional<Id> widget_activity(std::string_view token_hash) override;

  KbArticle create_article(KbArticle article, Id actor) override;
  std::optional<KbArticle> article(Id id) override;
  std::vector<KbCategory> article_categories(std::string_view language) override;
  std::vector<KbHit> popular_articles(std::string_view language,
                                      std::optional<std::string_view> category, int limit) override;
  bool add_article_views(Id id, std::int64_t views) override;
  std::vector<KbHit> search_articles(const std::vector<std::string>& words, bool any_word,
                                     int limit) override;
  std::vector<CannedResponse> canned_responses() override;
  std::optional<CannedResponse> canned_response(Id id) override;
  std::optional<CannedResponse> create_canned_response(const CannedResponse& canned, Id actor,
                                                       Time at) override;
  std::vector<HandledTasks> handled_tasks(Time since) override;
  std::vector<AcceptedWait> accepted_waits(Time since) override;
  bool rate_activity(Id activity, const Rating& rating) override;
  std::optional<Rating> rating(Id activity) override;
  std::vector<QueueRatings> ratings_since(Time since) override;
  void record_action(std::optional<Id> actor, std::string_view action, std::string_view record_type,
                     Id record_id, std::string_view detail_json, std::int64_t now_ms) override;
  std::vector<AuditEntry> audit_trail(std::string_view record_type, Id record_id,
                                      int limit) override;
  std::vector<Mention> add_mentions(const Comment& note, const std::vector<Id>& agents,
                                    std::optional<Id> request) override;
  std::vector<Mention> mentions_of(Id agent, bool unread_only, int limit) override;
  std::int64_t unread_mentions(Id agent) override;
  std::optional<std::int64_t> mark_mentions_read(Id agent, std::optional<Id> mention,
                                                 std::int64_t now_ms) override;
  Handoff add_handoff(Handoff handoff) override;
  std::vector<Handoff> handoffs_of(Id activity) override;
  std::vector<Id> consulted_tasks(Id agent) override;
  std::vector<Id> signed_in_agents(std::int64_t now_ms) override;

  // postgres_store_webhooks.cpp: not supported yet
  WebhookEndpoint create_webhook(WebhookEndpoint endpoint, Id actor) override;
  std::vector<WebhookEndpoint> webhooks() override;
  bool delete_webhook(Id id, Id actor, std::int64_t now_ms) override;
  std::int64_t add_webhook_deliveries(std::string_view event, std::string_view body,
                                      std::int64_t now_ms) override;
  std::vector<WebhookDelivery> claim_webhook_deliveries(std::int64_t now_ms, int limit,
                                                        std::int64_t until_ms) override;
  std::optional<std::int64_t> next_webhook_due() override;
  void record_webhook_attempt(Id delivery, const WebhookAttempt& attempt) override;
  std::vector<WebhookDelivery> webhook_deliveries(std::string_view state, int limit) override;
  std::optional<WebhookDelivery> retry_webhook_delivery(Id id, Id actor,
                                                        std::int64_t now_ms) override;
  std::vector<std::pair<std::string, std::int64_t>> webhook_delivery_counts() override;

  // postgres_store_attachments.cpp
  Attachment add_attachment(const AttachmentRow& row, std::string_view content) override;
  std::optional<AttachmentRow> attachment(Id id) override;
  std::optional<std::string> attachment_content(std::string_view sha256) override;
  std::vector<Attachment> unsent_attachments(Id activity, Id agent) override;
  std::int64_t attachment_contents() override;

  // postgres_store_events.cpp: the event log of every node on this database (issue 17),
  // read and written by pg::PostgresEventLog.
  // Appends one event (inside this thread's unit of work when one is open, so it
  // commits with the change), NOTIFYing its id on kEventChannel; returns the id.
  // Appends run at once: ids are taken in order but may commit out of order (one made
  // inside a unit holds the events' lock exclusively until the unit ends).
  std::int64_t append_event(std::string_view type, std::string_view data,
                            std::string_view audience);
  // The newest event's id, once every append holding an id below it has ended.
  std::int64_t last_event_id();
  // Whether this thread's unit of work appended an event (and so holds the events'
  // lock until it ends: no other append is in flight).
  bool holds_events_here() const;
  // Deletes events older than `keep_ms` by the database's clock, except the newest.
  void prune_events(std::int64_t keep_ms);
  const std::string& conninfo() const { return pool_.conninfo(); }
  static constexpr const char* kEventChannel = "care_events";
  // The events' advisory lock ('care' 'evnt'): appends hold it shared from before their
  // id is taken to their end; held exclusively, no append is in flight.
  static constexpr std::int64_t kEventsLock = 7161130662315322996;

 protected:
  void begin_work() override;
  void commit_work() override;
  void abandon_work() noexcept override;

 public:
  struct Unit;  // a thread's open unit of work (postgres_store.cpp)

 private:
  // This thread's open unit of work on this store, if any.
  Unit* unit_here() const;

  // Runs work(connection) as one write transaction, or inside this thread's unit of
  // work (an exception then dooms the unit). A transaction of its own that PostgreSQL
  // gives up for a concurrent one is run again from the start (work must leave what it
  // captured fit for that: it writes only what it returns), at most kWriteTries times.
  template <typename Work>
  auto write(Work&& work) {
    if (Unit* unit = unit_here()) return in_unit(*unit, std::forward<Work>(work));
    for (int tries = 1;; ++tries) {
      try {
        auto lease = pool_.acquire();
        pg::Transaction transaction(*lease);
        if constexpr (std::is_void_v<decltype(work(*lease))>) {
          work(*lease);
          transaction.commit();
          storage_.committed();
          return;
        } else {
          auto result = work(*lease);
          transaction.commit();
          storage_.committed();
          return result;
        }
      } catch (const StoreConflict&) {
        if (tries >= kWriteTries) throw;
      } catch (const StorageFull& full) {
        storage_.refused(full.what());
        throw;
      }
    }
  }
  static constexpr int kWriteTries = 3;
  // Runs work(connection) on this thread's unit's connection, or any pooled one.
  template <typename Work>
  auto read(Work&& work) {
    if (Unit* unit = unit_here()) return work(unit_connection(*unit));
    auto lease = pool_.acquire();
    return work(*lease);
  }
  template <typename Work>
  auto in_unit(Unit& unit, Work&& work) {
    try {
      return work(unit_connection(unit));
    } catch (const StorageFull& full) {
      doom(unit);
      storage_.refused(full.what());
      throw;
    } catch (...) {
      doom(unit);
      throw;
    }
  }
  static pg::Connection& unit_connection(Unit& unit);
  static void doom(Unit& unit);
  static void hold_events(Unit& unit);
  // What a keyed lock (lock_key) is on: the kind is the advisory lock's first half.
  enum class KeyKind : std::int32_t {
    customer_requests = 0x63726571,  // 'creq': choosing or opening a customer's request
    message_key = 0x6d6b6579,        // 'mkey': a message's client key on an activity
    external_ref = 0x78726566,       // 'xref': an activity's external reference
  };
  // Takes a transaction-scoped advisory lock on (kind, key): held until the unit of
  // work ends, so units that look for one key and create it if missing do so one at a
  // time (across nodes too).
  static void lock_key(pg::Connection& db, KeyKind kind, std::string_view key);

  // Appends to the audit trail (R-G3); call inside the change's transaction.
  static void audit(pg::Connection& db, std::optional<std::int64_t> actor_id,
                    std::string_view action, std::string_view record_type, std::int64_t record_id,
                    std::string_view detail_json, std::int64_t now_ms);

  pg::Pool pool_;
  int schema_version_ = 0;
  StorageState storage_;
  std::mutex probe_mutex_;
  std::unique_ptr<pg::Connection> probe_;  // health()'s own connection
  // routing_lead(): a connection of its own that holds the routing leader's session
  // advisory lock while this node leads (the database lets it go when the connection
  // ends, also when the process is killed), and when it last looked.
  std::mutex lead_mutex_;
  std::unique_ptr<pg::Connection> lead_;
  bool leading_ = false;
  std::chrono::steady_clock::time_point next_lead_check_{};
};

}  // namespace care::server::store
