#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/model.hpp"

namespace care::server::store {

enum class Role { Agent, Supervisor, Admin };
std::string_view role_name(Role role);
std::optional<Role> role_from_name(std::string_view name);

struct AgentRecord {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::Agent;
  std::string state = "not_ready";
  std::string state_reason;
  std::int64_t state_since = 0;
  std::string language = "en";
};

struct NewAgent {
  std::string username;
  std::string display_name;
  std::string password_hash;
  Role role = Role::Agent;
};

// A knowledge search hit: `snippet` is plain text around the matched words.
struct KbHit {
  Id id = 0;
  std::string title;
  std::string snippet;
  std::string language;
  std::string category;
  std::int64_t views = 0;  // times the help portal showed it
};

// One category of the help portal's home (R-H1): its name and how many articles it has.
struct KbCategory {
  std::string name;
  std::int64_t articles = 0;
};

// A reusable reply (R-F9); "{customer}" in the body stands for the customer's name.
struct CannedResponse {
  Id id = 0;
  std::string name;
  std::string body;
};

// A task accepted since the shift began, and how long its customer had waited
// (queued → accepted, kept across missed offers).
struct AcceptedWait {
  Id queue = 0;
  Duration wait{0};
};

// One line of the audit trail (R-G3): who did what to which record, when.
struct AuditEntry {
  Id id = 0;
  Time at{};
  std::optional<Id> actor;
  std::string action;
  std::string record_type;
  Id record_id = 0;
  std::string detail;  // a JSON object
};

// An attachment as stored: the file, and where it belongs (issue 18).
struct AttachmentRow {
  Attachment file;
  Id activity = 0;                           // 0: a mail gateway's upload, not yet with its email
  Id message = 0;                            // 0: not yet sent with a message
  AuthorKind author = AuthorKind::customer;  // system: a mail gateway
  Id agent = 0;                              // the agent who uploaded it
  Time at{};
};

// A queue's chats rated over a period (issue 18), by the queue of the chat's task.
struct QueueRatings {
  Id queue = 0;
  RatingSummary ratings;
};

struct HandledTasks {
  Id agent = 0;
  Id queue = 0;
  Channel channel = Channel::chat;
  std::int64_t count = 0;
  std::int64_t handle_ms = 0;  // summed over `count` tasks
};

// What /healthz and /metrics tell of the database (issue 17). Answered quickly and
// without waiting for writes, so a load balancer's probe never hangs on a busy store.
struct StoreHealth {
  std::string engine;                // "sqlite" or "postgresql"
  bool reachable = true;             // the database answers (SQLite's file always does)
  bool full = false;                 // the last write found no room: writes get 507
  std::uint64_t refused_writes = 0;  // writes refused for want of room since the start
};

// An admin's webhook endpoint (issue 18): where deliveries go, which events it wants
// ("email.reply", "call.control", "chat.message") and the key they are signed with.
struct WebhookEndpoint {
  Id id = 0;
  std::string url;
  std::vector<std::string> events;
  std::string secret;
  std::int64_t created_at = 0;  // ms
};

// One event on its way to one endpoint, from the outbox. `state`: "pending" (tried
// again at next_at), "delivered" or "failed" (given up after the last attempt).
struct WebhookDelivery {
  Id id = 0;
  Id endpoint = 0;
  std::string url;     // the endpoint's, for the sender and the admin's list
  std::string secret;  // the endpoint's, for the sender only
  std::string event;
  std::string body;
  std::string state = "pending";
  std::int64_t attempts = 0;
  std::int64_t next_at = 0;     // ms
  std::int64_t created_at = 0;  // ms
  std::optional<std::int64_t> last_at;
  std::optional<std::int64_t> last_status;  // the receiver's HTTP status, if it answered
  std::string last_error;
};

// What one attempt to deliver came to.
struct WebhookAttempt {
  std::string state;  // pending (again at next_at), delivered or failed
  std::int64_t at = 0;
  std::int64_t next_at = 0;
  std::optional<std::int64_t> status;
  std::string error;
};

// The persistence the services need, behind an interface so a PostgreSQL store can
// follow for deployments that outgrow one node (R-G2). A method that returns outside a
// unit of work has committed: its change survives a kill of the process.
class Store {
 public:
  virtual ~Store() = default;

  // One service operation that reads and writes several records and must commit once
  // or not at all (accept, close, creating an unknown contact's customer). Every call
  // this thread makes on the store while it is open joins it, and other threads' writes
  // wait until it ends, so what it read cannot change before it writes (their reads see
  // the last commit, never the unit's half-done changes). commit() makes
  // it durable; leaving the scope without it (an early return, an exception) undoes
  // all of it. A unit opened inside another joins the outer one.
  class UnitOfWork {
   public:
    explicit UnitOfWork(Store& store) : store_(store) { store_.begin_work(); }
    ~UnitOfWork() {
      if (open_) store_.abandon_work();
    }
    UnitOfWork(const UnitOfWork&) = delete;
    UnitOfWork& operator=(const UnitOfWork&) = delete;

    void commit() {
      open_ = false;
      store_.commit_work();
    }

   private:
    Store& store_;
    bool open_ = true;
  };

  // Reads this thread makes while it is open share one snapshot, so what several
  // statements read together is consistent (a journey page: its customer, requests,
  // total and rows), and on a store with a pool of read connections they take one
  // connection and one read transaction instead of one each (issue 15). Nests; inside a
  // unit of work the reads are the unit's anyway. A store may do nothing here.
  class ReadTogether {
   public:
    explicit ReadTogether(Store& store) : store_(store) { store_.begin_reads(); }
    ~ReadTogether() { store_.end_reads(); }
    ReadTogether(const ReadTogether&) = delete;
    ReadTogether& operator=(const ReadTogether&) = delete;

   private:
    Store& store_;
  };

  virtual int schema_version() const = 0;
  virtual StoreHealth health() = 0;

  // Agents
  virtual std::int64_t count_agents() = 0;
  // nullopt when the username is taken (ignoring case).
  virtual std::optional<AgentRecord> create_agent(const NewAgent& agent, std::int64_t now_ms) = 0;
  virtual std::optional<AgentRecord> agent(std::int64_t id) = 0;
  // The agent with that username and their password hash.
  virtual std::optional<std::pair<AgentRecord, std::string>> credentials(
      std::string_view username) = 0;
  virtual std::vector<AgentRecord> agents() = 0;
  // {"ready", n}, {"not_ready", m}: for metrics and the supervisor view.
  virtual std::vector<std::pair<std::string, std::int64_t>> agent_state_counts() = 0;
  // Sets Ready / Not Ready with its reason, and records who did it in the audit trail
  // (the agent themselves, a supervisor, or nobody when the router did: missed offer).
  // Never inside a unit of work: changes made at once may share one commit.
  virtual std::optional<AgentRecord> set_agent_state(std::int64_t agent_id, std::string_view state,
                                                     std::string_view reason,
                                                     std::optional<std::int64_t> actor_id,
                                                     std::int64_t now_ms) = 0;

  // Sessions: only a hash of the cookie's token is kept.
  virtual void create_session(std::string_view token_hash, std::int64_t agent_id,
                              std::int64_t now_ms, std::int64_t expires_ms) = 0;
  // The agent a live session belongs to, read with the session in one query: every
  // signed-in request asks it.
  virtual std::optional<AgentRecord> session_agent(std::string_view token_hash,
                                                   std::int64_t now_ms) = 0;
  virtual void delete_session(std::string_view token_hash) = 0;

  // Every save below writes only if the stored version is still `edited` (R-E1) and
  // returns false when it was not (someone saved in between): the service reloads and
  // answers with a conflict. Each write appends to the audit trail as `actor` (0 = the
  // server itself: router, sweeper, ingestion).

  // Routing: who serves what (R-A3, R-A4).
  virtual std::vector<Agent> routing_agents() = 0;
  virtual std::optional<Agent> routing_agent(Id id) = 0;
  virtual void set_agent_routing(Id agent, const std::vector<Id>& queues,
                                 const std::vector<std::string>& skills, Capacity capacity) = 0;
  // When the agent's last task left their hands (closed, declined): how long they have
  // been idle counts from here (idle_since, issue 15).
  virtual void set_agent_last_task_end(Id agent, Time at) = 0;
  virtual Queue create_queue(const Queue& queue) = 0;
  virtual std::vector<Queue> queues() = 0;
  // The floor's targets of a queue (R-H3); false when there is no such queue.
  virtual bool set_queue_targets(Id queue, const QueueTargets& targets) = 0;
  // The queue's name per language (R-J2), replacing its labels; false when there is
  // no such queue.
  virtual bool set_queue_labels(Id queue, const Labels& labels) = 0;
  // The channels the queue is the default for, replacing them; false when there is no
  // such queue.
  virtual bool set_queue_default_for(Id queue, const std::vector<Channel>& channels) = 0;

  // The wrap-up list offered on close (R-F10), retired codes too, in the admin's order.
  virtual std::vector<WrapUpCode> wrap_up_codes() = 0;
  // Adds the code, or replaces its label, labels and active flag; true when added.
  virtual bool put_wrap_up_code(const WrapUpCode& code) = 0;

  // The Not Ready reasons an agent chooses from (R-A2), retired ones too.
  virtual std::vector<NotReadyReason> not_ready_reasons() = 0;
  // Adds the reason, or replaces its label, labels and active flag; true when added.
  virtual bool put_not_ready_reason(const NotReadyReason& reason) = 0;

  // Customers (R-D1–D4).
  virtual Customer create_customer(Customer customer, Id actor) = 0;
  virtual std::optional<Customer> customer(Id id) = 0;
  [[nodiscard]] virtual bool save_customer(const Customer& customer, Version edited, Id actor) = 0;
  // Name word prefixes, email prefix, phone digits prefix or request title words.
  virtual std::vector<Customer> search_customers(std::string_view query, int limit) = 0;
  virtual std::optional<Customer> customer_by_email(std::string_view email) = 0;
  virtual std::optional<Customer> customer_by_phone(std::string_view phone) = 0;

  // Requests (R-C1–C3, R-C6).
  virtual Request create_request(Request request, Id actor) = 0;
  virtual std::optional<Request> request(Id id) = 0;
  [[nodiscard]] virtual bool save_request(const Request& request, Version edited, Id actor) = 0;
  virtual std::vector<Request> requests_of(Id customer) = 0;
  // Open requests whose last update, of their own or of an activity, is at or before
  // `cutoff` (R-C3).
  virtual std::vector<Request> quiet_open_requests(Time cutoff, int limit) = 0;

  // Activities with their tags, messages and call events (R-B, R-C4).
  virtual Activity create_activity(Activity activity, std::string_view external_ref, Id actor) = 0;
  virtual std::optional<Activity> activity(Id id) = 0;
  virtual std::optional<Activity> activity_by_ref(MediaType media, std::string_view ref) = 0;
  // The connector's id of an activity (a call's id at the telephony), empty if none.
  virtual std::string external_ref(Id activity) = 0;
  // Header fields and tags (not messages or call events, which are only ever added).
  [[nodiscard]] virtual bool save_activity(const Activity& activity, Version edited, Id actor) = 0;
  virtual std::vector<Activity> activities_of_request(Id request) = 0;
  // The customer's journey (R-D5) a page at a time: the rows after `after` (from the
  // newest without it), newest first by created_at then id; at most `limit`.
  virtual std::vector<JourneyEntry> journey_page(Id customer, std::optional<JourneyCursor> after,
                                                 int limit) = 0;
  virtual std::int64_t activity_count_of_customer(Id customer) = 0;
  virtual Message add_message(Id activity, Message message) = 0;
  // The activity's message sent with this idempotency key, if any (R-J5).
  virtual std::optional<Message> message_by_key(Id activity, std::string_view key) = 0;
  // False when the call already has this event (same kind at the same moment): a
  // connector's retry, stored once.
  virtual bool add_call_event(Id activity, const CallEvent& event) = 0;
  virtual Comment add_comment(Comment comment) = 0;
  virtual std::vector<Comment> comments(Id activity) = 0;

  // Tasks (R-A3–A6).
  virtual Task create_task(Task task) = 0;
  virtual std::optional<Task> task(Id id) = 0;
  virtual std::optional<Task> task_of_activity(Id activity) = 0;
  [[nodiscard]] virtual bool save_task(const Task& task, Version edited, Id actor) = 0;
  // Every task not closed: what the router decides over.
  virtual std::vector<Task> open_tasks() = 0;
  // The agent's closed tasks, the most recently closed first (R-F7).
  virtual std::vector<Task> closed_tasks_of(Id agent, int limit) = 0;

  // Routing across nodes (issue 17: one winner). A store that several nodes may write
  // at once (PostgreSQL) says so: the router then decides offers only while it leads,
  // and checks an agent's hands as stored before giving them a task.
  virtual bool shared_by_nodes() const { return false; }
  // Whether this node leads routing now (makes offers and expires them). A store only
  // one node writes always leads; a shared one lets one node at a time lead, and
  // another take over within about a second when the leader is gone. Cheap to call
  // often: it looks at the database at most once a second. Never throws.
  virtual bool routing_lead() { return true; }
  // What the agent holds as stored, read inside a unit of work with the agent locked
  // until it ends, so no other node changes their hands meanwhile: their presence and
  // capacity, and the tasks offered or assigned to them. nullopt: no such agent.
  struct AgentHands {
    Presence presence = Presence::not_ready;
    Capacity capacity;
    std::vector<Task> tasks;
  };
  virtual std::optional<AgentHands> agent_hands(Id agent) = 0;

  // The chat widget's tokens (R-G5): only a hash is kept.
  virtual void add_widget_token(std::string_view token_hash, Id activity, Time now) = 0;
  virtual std::optional<Id> widget_activity(std::string_view token_hash) = 0;

  // Knowledge base (R-F5): full-text search over title and body (FTS5, title weighted
  // higher), best first. `words` are searched as quoted prefixes, never as FTS5 syntax;
  // all words must match (`any_word` false) or at least one. No words: newest first.
  virtual KbArticle create_article(KbArticle article, Id actor) = 0;
  virtual std::optional<KbArticle> article(Id id) = 0;
  virtual std::vector<KbHit> search_articles(const std::vector<std::string>& words, bool any_word,
                                             int limit) = 0;
  // The help portal's home (R-H1): the categories of one language's articles, by name,
  // each with its article count (articles without a category are not in one); and that
  // language's articles (of one category, if `category` is set), most viewed first.
  virtual std::vector<KbCategory> article_categories(std::string_view language) = 0;
  virtual std::vector<KbHit> popular_articles(std::string_view language,
                                              std::optional<std::string_view> category,
                                              int limit) = 0;
  // The portal showed the article `views` more times (the demo seeds some); false when
  // there is no such article.
  virtual bool add_article_views(Id id, std::int64_t views) = 0;

  // Canned responses (R-F9): few (an admin writes them), so all are listed and the
  // service filters. nullopt from create when the name is taken.
  virtual std::vector<CannedResponse> canned_responses() = 0;
  virtual std::optional<CannedResponse> canned_response(Id id) = 0;
  virtual std::optional<CannedResponse> create_canned_response(const CannedResponse& canned,
                                                               Id actor, Time at) = 0;

  // Supervisor view (R-H3): tasks closed at or after `since` that an agent had
  // accepted, counted per agent, queue and channel with their summed handle time
  // (assigned_at → closed_at).
  virtual std::vector<HandledTasks> handled_tasks(Time since) = 0;
  // Tasks accepted at or after `since`, with their wait (for the service level).
  virtual std::vector<AcceptedWait> accepted_waits(Time since) = 0;
  // Agents with a session that has not ended or expired at `now_ms`: signed in.
  virtual std::vector<Id> signed_in_agents(std::int64_t now_ms) = 0;

  // Customer satisfaction (issue 18): an activity is rated once; false when it already
  // was (the first rating stands).
  virtual bool rate_activity(Id activity, const Rating& rating) = 0;
  virtual std::optional<Rating> rating(Id activity) = 0;
  // Ratings given at or after `since`, summed per queue of the rated activity's task.
  virtual std::vector<QueueRatings> ratings_since(Time since) = 0;

  // The audit trail (R-G3). Most writes append to it themselves; this is for actions
  // that change no row of their own (a supervisor monitoring a chat, issue 18).
  virtual void record_action(std::optional<Id> actor, std::string_view action,
                             std::string_view record_type, Id record_id,
                             std::string_view detail_json, std::int64_t now_ms) = 0;
  // A record's trail, oldest first; at most `limit` lines (the newest of them).
  virtual std::vector<AuditEntry> audit_trail(std::string_view record_type, Id record_id,
                                              int limit) = 0;
  // Internal notes' mentions (issue 18): one unread mention of `note` (a stored
  // comment) for each agent in `agents`; called in the unit of work that adds the note.
  virtual std::vector<Mention> add_mentions(const Comment& note, const std::vector<Id>& agents,
                                            std::optional<Id> request) = 0;
  // The agent's mentions, the newest first (only the unread ones when `unread_only`),
  // each with its note; at most `limit`.
  virtual std::vector<Mention> mentions_of(Id agent, bool unread_only, int limit) = 0;
  virtual std::int64_t unread_mentions(Id agent) = 0;
  // Marks one of the agent's mentions read (all of them without `mention`); how many
  // were unread. nullopt when `mention` is not one of theirs.
  virtual std::optional<std::int64_t> mark_mentions_read(Id agent, std::optional<Id> mention,
                                                         std::int64_t now_ms) = 0;
  // Transfer and consult (issue 18): a handoff line, stored with its id; an activity's
  // lines, oldest first; the tasks (still assigned) `agent` is a consult guest in now.
  virtual Handoff add_handoff(Handoff handoff) = 0;
  virtual std::vector<Handoff> handoffs_of(Id activity) = 0;
  virtual std::vector<Id> consulted_tasks(Id agent) = 0;

  // Outbound webhooks (issue 18). An endpoint's deliveries go with it when deleted.
  virtual WebhookEndpoint create_webhook(WebhookEndpoint endpoint, Id actor) = 0;
  virtual std::vector<WebhookEndpoint> webhooks() = 0;
  // False when there is no such endpoint.
  virtual bool delete_webhook(Id id, Id actor, std::int64_t now_ms) = 0;
  // The outbox: one pending delivery of `body` for each endpoint that wants `event`,
  // due at once; how many. Called inside the unit of work of the change it reports,
  // so the two commit together.
  virtual std::int64_t add_webhook_deliveries(std::string_view event, std::string_view body,
                                              std::int64_t now_ms) = 0;
  // Takes pending deliveries due at `now_ms`, the oldest due first, at most `limit`,
  // for the caller to send: they are due to no other sender (another node's) until
  // `until_ms`, when a sender that died meanwhile leaves them due again.
  virtual std::vector<WebhookDelivery> claim_webhook_deliveries(std::int64_t now_ms, int limit,
                                                                std::int64_t until_ms) = 0;
  // When the next pending delivery is due; nullopt when none is pending.
  virtual std::optional<std::int64_t> next_webhook_due() = 0;
  virtual void record_webhook_attempt(Id delivery, const WebhookAttempt& attempt) = 0;
  // Deliveries in `state`, the newest first, without secrets; at most `limit`.
  virtual std::vector<WebhookDelivery> webhook_deliveries(std::string_view state, int limit) = 0;
  // A failed delivery pending again, due at `now_ms` with its attempts counted afresh;
  // nullopt when there is no such delivery, or it has not failed.
  virtual std::optional<WebhookDelivery> retry_webhook_delivery(Id id, Id actor,
                                                                std::int64_t now_ms) = 0;
  // {"pending", n}, {"delivered", m}, {"failed", k}: for /metrics.
  virtual std::vector<std::pair<std::string, std::int64_t>> webhook_delivery_counts() = 0;

  // Attachments (issue 18). The content is kept once per SHA-256 (SQLite: a file in the
  // data folder's attachments/; PostgreSQL: a bytea row), the row names it. A file
  // joins a message when the message is added with it (Message::attachments, by id);
  // only a file not yet sent with a message can join one.
  virtual Attachment add_attachment(const AttachmentRow& row, std::string_view content) = 0;
  virtual std::optional<AttachmentRow> attachment(Id id) = 0;
  virtual std::optional<std::string> attachment_content(std::string_view sha256) = 0;
  // The agent's files for this activity that no message carries yet (an email reply
  // being written), oldest first.
  virtual std::vector<Attachment> unsent_attachments(Id activity, Id agent) = 0;
  // How many distinct contents are stored (for /metrics: one per SHA-256).
  virtual std::int64_t attachment_contents() = 0;

 protected:
  // For UnitOfWork; called on one thread, always paired.
  virtual void begin_work() = 0;
  virtual void commit_work() = 0;
  virtual void abandon_work() noexcept = 0;
  virtual void begin_reads() {}
  virtual void end_reads() noexcept {}
};

}  // namespace care::server::store
