#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "store/database.hpp"
#include "store/read_pool.hpp"
#include "store/store.hpp"

namespace care::server::store {

// The embedded store: one SQLite file in the data folder. One writer connection, used
// under a mutex; every write is its own committed transaction (synchronous=FULL),
// unless a unit of work is open: then the mutex stays held by that thread from begin
// to end (it is recursive, so the store's own methods take it again) and their
// transactions join the unit's one. Methods that only read take a connection from a
// pool of read-only ones instead (WAL: they see the last commit and never wait for a
// write), unless their thread holds the writer: then they read there, and see its
// unit's changes before they are committed.
class SqliteStore final : public Store {
 public:
  static constexpr int kDefaultReadConnections = 4;
  // Opens or creates `path` and applies migrations; throws StoreError. With no read
  // connections every read takes the writer's mutex and connection, as writes do.
  explicit SqliteStore(const std::string& path, int read_connections = kDefaultReadConnections);

  int schema_version() const override { return schema_version_; }
  StoreHealth health() override;

  // Caps the database file at `max_pages` pages (PRAGMA max_page_count; never below its
  // size now, so 0 means "as it is"); beyond it every write that needs a new page is
  // refused as on a full disk. Tests fill the database for real this way.
  static constexpr std::int64_t kNoPageLimit = 1073741823;
  std::int64_t limit_pages(std::int64_t max_pages);
  // Whether the last write found room (read without the store's lock).
  const StorageState& storage() const { return writer_.storage(); }
  int read_connections() const { return readers_ ? readers_->size() : 0; }

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
  std::optional<AgentHands> agent_hands(Id agent) override;

  void add_widget_token(std::string_view token_hash, Id activity, Time now) override;
  std::optional<Id> widget_activity(std::string_view token_hash) override;

  // sqlite_store_knowledge.cpp
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

  // sqlite_store_webhooks.cpp
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

  // sqlite_store_attachments.cpp
  Attachment add_attachment(const AttachmentRow& row, std::string_view content) override;
  std::optional<AttachmentRow> attachment(Id id) override;
  std::optional<std::string> attachment_content(std::string_view sha256) override;
  std::vector<Attachment> unsent_attachments(Id activity, Id agent) override;
  std::int64_t attachment_contents() override;

 protected:
  void begin_work() override;
  void commit_work() override;
  void abandon_work() noexcept override;
  // A Reading held until end_reads, in one read transaction (ReadTogether).
  void begin_reads() override;
  void end_reads() noexcept override;

 private:
  // Held by a method that only reads, in place of the writer's lock: a read
  // connection for this thread's calls until it ends (nested ones share it).
  class Reading {
   public:
    explicit Reading(SqliteStore& store);
    ~Reading();
    Reading(const Reading&) = delete;
    Reading& operator=(const Reading&) = delete;

    // This Reading took a read connection (it is not nested, nor in a write).
    Database* lent() const { return reader_; }

   private:
    SqliteStore& store_;
    Database* reader_ = nullptr;
    std::unique_lock<WriterMutex> writer_;  // held when there is no read pool
  };
  // The Readings this thread holds open for ReadTogether, innermost last.
  static std::vector<std::pair<const SqliteStore*, std::unique_ptr<Reading>>>& held_together();

  // The connection this thread's calls use: the writer's while the thread holds mutex_,
  // else its Reading's. Methods say db_.prepare(…) either way.
  class Connection {
   public:
    explicit Connection(SqliteStore& store) : store_(store) {}
    Database& current() const;
    operator Database&() const { return current(); }  // for helpers that take a Database
    Statement& prepare(std::string_view sql) { return current().prepare(sql); }
    void exec(std::string_view sql) { current().exec(sql); }
    std::int64_t last_insert_id() const { return current().last_insert_id(); }
    int changes() const { return current().changes(); }
    void begin() { current().begin(); }
    void commit() { current().commit(); }
    void rollback() noexcept { current().rollback(); }
    template <typename Work>
    auto transaction(Work&& work) {
      return current().transaction(std::forward<Work>(work));
    }

   private:
    SqliteStore& store_;
  };

  // Appends to the audit trail (R-G3); call inside the change's transaction.
  void audit(std::optional<std::int64_t> actor_id, std::string_view action,
             std::string_view record_type, std::int64_t record_id, std::string_view detail_json,
             std::int64_t now_ms);

  // Helpers below run with mutex_ held, or within a Reading.
  std::vector<Agent> load_routing_agents(std::optional<Id> only);
  Id skill_id(const std::string& name);
  void touch_request_of(std::optional<Id> request, Time at);
  void touch_activity(Id activity, Time at);
  void write_tags(Id activity, const std::vector<std::string>& tags, Time at);
  std::optional<Activity> load_activity(Statement& select);
  std::vector<Activity> activities_where(const std::string& where, Id id, bool with_details);
  Message insert_message(Id activity, Message message);
  // Message::attachments of the activity's messages, from the attachments table.
  void load_message_attachments(Activity& activity);
  bool insert_call_event(Id activity, const CallEvent& event);

  // Agents' state changes waiting for one commit together (set_agent_state): a floor
  // of desktops going Ready at once shares fsyncs instead of queueing one each.
  struct StateChange;
  // Writes `batch` in one transaction; each change gets its row or the error.
  void write_state_changes(const std::vector<std::shared_ptr<StateChange>>& batch);
  std::mutex state_batch_mutex_;
  std::vector<std::shared_ptr<StateChange>> state_batch_;  // waiting for the next commit
  bool state_batch_writing_ = false;  // a leader has taken (or been handed) the next batch

  WriterMutex mutex_;
  Database writer_;
  Connection db_{*this};
  std::unique_ptr<ReadPool> readers_;  // after the writer: closed before it
  int schema_version_ = 0;
  // Where attachments' contents are kept: attachments/ beside the database file.
  std::string attachments_dir_;
};

}  // namespace care::server::store
