// JSON for the entities of the model. Field names here are the API's (docs/api).
#include <limits>

#include "care/codec/json.hpp"
#include "care/rules/tags.hpp"
#include "codec/readers.hpp"

namespace care {
namespace codec {
namespace {

// List bounds (R-G5): generous for real use, small enough to refuse abuse.
constexpr std::size_t kMaxQueues = 1000;
constexpr std::size_t kMaxMessages = 10000;
constexpr std::size_t kMaxCallEvents = 1000;
constexpr std::int64_t kMaxCapacity = 100;
constexpr std::int64_t kMaxPriority = 1000;
constexpr std::int64_t kMaxWaitMs = std::int64_t{100} * 365 * 24 * 3600 * 1000;

}  // namespace

AgentState read_agent_state(Reader& r) {
  AgentState s;
  s.presence = r.enumeration<Presence>("state");
  s.reason = r.text("reason", Need::optional, kNameLimit);
  s.since = r.time("since");
  return s;
}

Capacity read_capacity(Reader& r) {
  Capacity c;
  c.chats = static_cast<int>(r.integer("chats", 0, kMaxCapacity));
  c.emails = static_cast<int>(r.integer("emails", 0, kMaxCapacity));
  return c;
}

Agent read_agent(Reader& r) {
  Agent a;
  a.id = r.id("id");
  a.username = r.non_empty_text("username", kNameLimit);
  a.display_name = r.text("display_name");
  a.role = r.enumeration<Role>("role");
  a.skills = r.strings("skills", kMaxSkills, kNameLimit);
  a.queues = r.ids("queues", kMaxQueues);
  a.state = r.object<AgentState>("state", read_agent_state);
  a.capacity = r.object<Capacity>("capacity", read_capacity);
  a.language = r.text("language", Need::required, kNameLimit);
  a.version = r.version("version");
  return a;
}

QueueTargets read_queue_targets(Reader& r) {
  QueueTargets t;
  t.longest_wait =
      Duration(r.integer("longest_wait_ms", kMinWaitTarget.count(), kMaxWaitTarget.count()));
  t.waiting = static_cast<int>(r.integer("waiting", 1, kMaxWaitingTarget));
  return t;
}

Queue read_queue(Reader& r) {
  Queue q;
  q.id = r.id("id");
  q.name = r.non_empty_text("name");
  q.priority = static_cast<int>(r.integer("priority", -kMaxPriority, kMaxPriority));
  q.required_skills = r.strings("required_skills", kMaxSkills, kNameLimit);
  // Absent from queues written before targets existed: the defaults.
  if (r.has("targets")) q.targets = r.object<QueueTargets>("targets", read_queue_targets);
  q.version = r.version("version");
  q.labels = r.labels("labels");  // absent from queues written before labels: none
  if (r.has("default_for")) {
    for (const std::string& name :
         r.strings("default_for", names_of(std::type_identity<Channel>{}).size(), kNameLimit)) {
      auto channel = enum_from_name<Channel>(name);
      if (!channel) {
        r.fail(make_error(ErrorCode::invalid, r.path("default_for"), "chat, call or email"));
        break;
      }
      q.default_for.push_back(*channel);
    }
  }
  return q;
}

Customer read_customer(Reader& r) {
  Customer c;
  c.id = r.id("id");
  c.kind = r.enumeration<CustomerKind>("kind");
  c.name = r.text("name");
  c.email = r.text("email");
  c.phone = r.text("phone");
  c.language = r.text("language");
  c.location = r.text("location");
  c.primary_contact = r.optional_id("primary_contact");
  c.account = r.optional_id("account");
  c.created_at = r.time("created_at");
  c.updated = r.stamp();
  c.version = r.version("version");
  return c;
}

Request read_request(Reader& r) {
  Request q;
  q.id = r.id("id");
  q.customer = r.id_or_zero("customer");
  q.title = r.text("title");
  q.description = r.text("description");
  q.status = r.enumeration<RequestStatus>("status");
  q.priority = r.enumeration<Priority>("priority");
  q.created_at = r.time("created_at");
  q.updated = r.stamp();
  q.closed_at = r.optional_time("closed_at");
  q.version = r.version("version");
  // R-C2: a closed request has its closed date, an open one none.
  if (!r.failed() && q.closed_at.has_value() != (q.status == RequestStatus::closed)) {
    r.fail(make_error(ErrorCode::invalid, r.path("closed_at"),
                      "set exactly when the status is closed"));
  }
  return q;
}

// An email's "to", "cc" and "subject" beside the text; none of them is a chat line.
std::optional<EmailHeaders> read_email_headers(Reader& r) {
  if (!r.has("to") && !r.has("cc") && !r.has("subject")) return std::nullopt;
  EmailHeaders h;
  if (r.has("to")) h.to = r.strings("to", kMaxRecipients, kEmailLimit);
  if (r.has("cc")) h.cc = r.strings("cc", kMaxRecipients, kEmailLimit);
  h.subject = r.text("subject", Need::optional);
  return h;
}

void put_email_headers(Json& j, const std::optional<EmailHeaders>& email) {
  if (!email) return;
  j["to"] = email->to;
  j["cc"] = email->cc;
  j["subject"] = email->subject;
}

Attachment read_attachment(Reader& r) {
  Attachment a;
  a.id = r.id("id");
  a.name = r.non_empty_text("name", kMaxAttachmentName);
  a.media_type = r.non_empty_text("type", kNameLimit);
  a.size = r.integer("size", 0, std::numeric_limits<std::int64_t>::max());
  a.sha256 = r.non_empty_text("sha256", 64);
  return a;
}

Message read_message(Reader& r) {
  Message m;
  m.id = r.id("id");
  m.author = r.enumeration<AuthorKind>("author");
  m.agent = r.agent_ref("agent");
  m.author_name = r.text("author_name");
  m.text = r.text("text", Need::required, kEmailBodyLimit);
  m.at = r.time("at");
  m.key = r.text("key", Need::optional, kMaxMessageKey);
  m.email = read_email_headers(r);
  if (!r.failed() && r.has("attachments")) {
    m.attachments =
        r.objects<Attachment>("attachments", kMaxAttachmentsPerMessage, read_attachment);
  }
  return m;
}

CallEvent read_call_event(Reader& r) {
  CallEvent e;
  e.kind = r.enumeration<CallEventKind>("kind");
  e.at = r.time("at");
  return e;
}

Field read_field(Reader& r) {
  Field f;
  f.name = r.text("name");
  f.value = r.text("value");
  return f;
}

SelfServiceAction read_self_service(Reader& r) {
  SelfServiceAction a;
  a.kind = r.enumeration<SelfServiceKind>("kind");
  a.detail = r.text("detail");
  a.at = r.time("at");
  return a;
}

VisitorDetails read_visitor(Reader& r) {
  VisitorDetails v;
  v.authenticated = r.boolean("authenticated");
  v.browser = r.text("browser");
  v.operating_system = r.text("operating_system");
  v.location = r.text("location");
  v.language = r.text("language");
  return v;
}

ConversationContext read_context(Reader& r) {
  ConversationContext c;
  c.pre_chat = r.objects<Field>("pre_chat", kMaxFields, read_field);
  c.self_service = r.objects<SelfServiceAction>("self_service", kMaxSelfService, read_self_service);
  c.visitor = r.object<VisitorDetails>("visitor", read_visitor);
  c.variables = r.objects<Field>("variables", kMaxFields, read_field);
  c.skills = r.strings("skills", kMaxSkills, kNameLimit);
  c.queue = r.optional_id("queue");
  c.wait_time = Duration(r.integer("wait_time_ms", 0, kMaxWaitMs));
  c.started_at = r.optional_time("started_at");
  return c;
}

Activity read_activity(Reader& r) {
  Activity a;
  a.id = r.id("id");
  a.request = r.optional_id("request");
  a.customer = r.optional_id("customer");
  a.media = r.enumeration<MediaType>("media");
  a.subject = r.text("subject");
  a.from = r.text("from");
  a.to = r.text("to");
  a.tags = r.tags("tags");
  a.messages = r.objects<Message>("messages", kMaxMessages, read_message);
  a.call_events = r.objects<CallEvent>("call_events", kMaxCallEvents, read_call_event);
  a.context = r.object<ConversationContext>("context", read_context);
  a.created_at = r.time("created_at");
  a.updated = r.stamp();
  a.closed_at = r.optional_time("closed_at");
  a.wrap_up = r.text("wrap_up", Need::required, kNameLimit);
  a.version = r.version("version");
  return a;
}

Comment read_comment(Reader& r) {
  Comment c;
  c.id = r.id("id");
  c.activity = r.id("activity");
  c.author = r.agent_ref("author");
  c.author_name = r.text("author_name");
  c.text = r.non_empty_text("text");
  c.at = r.time("at");
  return c;
}

Task read_task(Reader& r) {
  Task t;
  t.id = r.id("id");
  t.activity = r.id("activity");
  t.queue = r.id("queue");
  t.channel = r.enumeration<Channel>("channel");
  t.state = r.enumeration<TaskState>("state");
  t.skills = r.strings("skills", kMaxSkills, kNameLimit);
  t.waiting_since = r.time("waiting_since");
  t.agent = r.optional_id("agent");
  t.offer_deadline = r.optional_time("offer_deadline");
  t.assigned_at = r.optional_time("assigned_at");
  t.closed_at = r.optional_time("closed_at");
  t.version = r.version("version");
  if (r.failed()) return t;
  // The life cycle's invariants, so no decoded task is half offered or unowned.
  const bool needs_agent = t.state == TaskState::offered || t.state == TaskState::assigned;
  if (needs_agent && !t.agent) {
    r.fail(make_error(ErrorCode::missing, r.path("agent"), "required while offered or assigned"));
  } else if (t.state == TaskState::queued && t.agent) {
    r.fail(make_error(ErrorCode::invalid, r.path("agent"), "a queued task has no agent"));
  } else if (t.offer_deadline.has_value() != (t.state == TaskState::offered)) {
    r.fail(make_error(ErrorCode::invalid, r.path("offer_deadline"),
                      "set exactly while the task is offered"));
  }
  return t;
}

KbArticle read_article(Reader& r) {
  KbArticle a;
  a.id = r.id("id");
  a.title = r.non_empty_text("title");
  a.body = r.text("body");
  a.language = r.text("language", Need::required, kNameLimit);
  a.tags = r.tags("tags");
  a.updated = r.stamp();
  a.version = r.version("version");
  a.category = r.text("category", Need::optional, kNameLimit);
  return a;
}

WrapUpCode read_wrap_up(Reader& r) {
  WrapUpCode c;
  c.code = r.non_empty_text("code", kNameLimit);
  c.label = r.non_empty_text("label");
  c.labels = r.labels("labels");
  c.active = r.boolean("active");
  return c;
}

NotReadyReason read_not_ready_reason(Reader& r) {
  NotReadyReason c;
  c.code = r.non_empty_text("code", kNameLimit);
  c.label = r.non_empty_text("label");
  c.labels = r.labels("labels");
  c.active = r.boolean("active");
  return c;
}

Error read_error(Reader& r) {
  Error e;
  e.code = r.enumeration<ErrorCode>("code");
  e.field = r.text("field", Need::optional);
  e.message = r.text("message");
  return e;
}

}  // namespace codec

using namespace codec;

void to_json(Json& j, const Error& e) {
  j = Json{
      {"code", std::string(error_code_name(e.code))}, {"field", e.field}, {"message", e.message}};
}

void to_json(Json& j, const Stamp& s) {
  j = Json::object();
  put_stamp(j, s);
}

void to_json(Json& j, const AgentState& s) {
  j = Json{
      {"state", name_of(s.presence)}, {"reason", s.reason}, {"since", format_rfc3339(s.since)}};
}

void to_json(Json& j, const Capacity& c) {
  j = Json{{"chats", c.chats}, {"emails", c.emails}};
}

void to_json(Json& j, const Agent& a) {
  j = Json{{"id", a.id},
           {"username", a.username},
           {"display_name", a.display_name},
           {"role", name_of(a.role)},
           {"skills", a.skills},
           {"queues", a.queues},
           {"state", a.state},
           {"capacity", a.capacity},
           {"language", a.language},
           {"version", a.version}};
}

void to_json(Json& j, const Queue& q) {
  j = Json{{"id", q.id},
           {"name", q.name},
           {"priority", q.priority},
           {"required_skills", q.required_skills},
           {"targets", q.targets},
           {"version", q.version},
           {"labels", q.labels}};
  Json channels = Json::array();
  for (Channel channel : q.default_for)
    channels.push_back(name_of(channel));
  j["default_for"] = std::move(channels);
}

void to_json(Json& j, const QueueTargets& t) {
  j = Json{{"longest_wait_ms", t.longest_wait.count()}, {"waiting", t.waiting}};
}

void to_json(Json& j, const Customer& c) {
  j = Json{{"id", c.id},
           {"kind", name_of(c.kind)},
           {"name", c.name},
           {"email", c.email},
           {"phone", c.phone},
           {"language", c.language},
           {"location", c.location},
           {"primary_contact", optional_json(c.primary_contact)},
           {"account", optional_json(c.account)},
           {"created_at", format_rfc3339(c.created_at)},
           {"version", c.version}};
  put_stamp(j, c.updated);
}

void to_json(Json& j, const Request& q) {
  j = Json{{"id", q.id},
           {"customer", q.customer},
           {"title", q.title},
           {"description", q.description},
           {"status", name_of(q.status)},
           {"priority", name_of(q.priority)},
           {"created_at", format_rfc3339(q.created_at)},
           {"closed_at", optional_json(q.closed_at)},
           {"version", q.version}};
  put_stamp(j, q.updated);
}

void to_json(Json& j, const Message& m) {
  j = Json{{"id", m.id},       {"author", name_of(m.author)},
           {"agent", m.agent}, {"author_name", m.author_name},
           {"text", m.text},   {"at", format_rfc3339(m.at)}};
  if (!m.key.empty()) j["key"] = m.key;
  put_email_headers(j, m.email);
  if (!m.attachments.empty()) j["attachments"] = m.attachments;
}

void to_json(Json& j, const Attachment& a) {
  j = Json{{"id", a.id},
           {"name", a.name},
           {"type", a.media_type},
           {"size", a.size},
           {"sha256", a.sha256}};
}

void to_json(Json& j, const CallEvent& e) {
  j = Json{{"kind", name_of(e.kind)}, {"at", format_rfc3339(e.at)}};
}

void to_json(Json& j, const Field& f) {
  j = Json{{"name", f.name}, {"value", f.value}};
}

void to_json(Json& j, const SelfServiceAction& a) {
  j = Json{{"kind", name_of(a.kind)}, {"detail", a.detail}, {"at", format_rfc3339(a.at)}};
}

void to_json(Json& j, const VisitorDetails& v) {
  j = Json{{"authenticated", v.authenticated},
           {"browser", v.browser},
           {"operating_system", v.operating_system},
           {"location", v.location},
           {"language", v.language}};
}

void to_json(Json& j, const ConversationContext& c) {
  j = Json{{"pre_chat", c.pre_chat},
           {"self_service", c.self_service},
           {"visitor", c.visitor},
           {"variables", c.variables},
           {"skills", c.skills},
           {"queue", optional_json(c.queue)},
           {"wait_time_ms", c.wait_time.count()},
           {"started_at", optional_json(c.started_at)}};
}

void to_json(Json& j, const Activity& a) {
  j = Json{{"id", a.id},
           {"request", optional_json(a.request)},
           {"customer", optional_json(a.customer)},
           {"media", name_of(a.media)},
           {"subject", a.subject},
           {"from", a.from},
           {"to", a.to},
           {"tags", a.tags},
           {"messages", a.messages},
           {"call_events", a.call_events},
           {"context", a.context},
           {"created_at", format_rfc3339(a.created_at)},
           {"closed_at", optional_json(a.closed_at)},
           {"wrap_up", a.wrap_up},
           {"version", a.version}};
  put_stamp(j, a.updated);
}

void to_json(Json& j, const Comment& c) {
  j = Json{{"id", c.id},         {"activity", c.activity},
           {"author", c.author}, {"author_name", c.author_name},
           {"text", c.text},     {"at", format_rfc3339(c.at)}};
}

void to_json(Json& j, const Task& t) {
  j = Json{{"id", t.id},
           {"activity", t.activity},
           {"queue", t.queue},
           {"channel", name_of(t.channel)},
           {"state", name_of(t.state)},
           {"skills", t.skills},
           {"waiting_since", format_rfc3339(t.waiting_since)},
           {"agent", optional_json(t.agent)},
           {"offer_deadline", optional_json(t.offer_deadline)},
           {"assigned_at", optional_json(t.assigned_at)},
           {"closed_at", optional_json(t.closed_at)},
           {"version", t.version}};
}

void to_json(Json& j, const KbArticle& a) {
  j = Json{
      {"id", a.id},     {"title", a.title},     {"body", a.body},        {"language", a.language},
      {"tags", a.tags}, {"version", a.version}, {"category", a.category}};
  put_stamp(j, a.updated);
}

void to_json(Json& j, const WrapUpCode& c) {
  j = Json{{"code", c.code}, {"label", c.label}, {"labels", c.labels}, {"active", c.active}};
}

void to_json(Json& j, const NotReadyReason& c) {
  j = Json{{"code", c.code}, {"label", c.label}, {"labels", c.labels}, {"active", c.active}};
}

std::optional<Error> decode_error_body(const Json& body) {
  if (!body.is_object()) return std::nullopt;
  const auto inner = body.find("error");
  if (inner == body.end() || !inner->is_object()) return std::nullopt;
  std::optional<Error> failure;
  Reader reader(*inner, "error", failure);
  Error error = read_error(reader);
  if (failure) return std::nullopt;
  return error;
}
std::optional<std::string> decode_error_message(const Json& body) {
  if (!body.is_object()) return std::nullopt;
  const auto inner = body.find("error");
  if (inner == body.end() || !inner->is_object()) return std::nullopt;
  std::optional<Error> failure;
  Reader reader(*inner, "error", failure);
  std::string message = reader.text("message");
  if (failure) return std::nullopt;
  return message;
}

template <>
Result<AgentState> decode<AgentState>(const Json& j) {
  return read_object<AgentState>(j, read_agent_state);
}
template <>
Result<Agent> decode<Agent>(const Json& j) {
  return read_object<Agent>(j, read_agent);
}
template <>
Result<Queue> decode<Queue>(const Json& j) {
  return read_object<Queue>(j, read_queue);
}
template <>
Result<QueueTargets> decode<QueueTargets>(const Json& j) {
  return read_object<QueueTargets>(j, read_queue_targets);
}
template <>
Result<Customer> decode<Customer>(const Json& j) {
  return read_object<Customer>(j, read_customer);
}
template <>
Result<Request> decode<Request>(const Json& j) {
  return read_object<Request>(j, read_request);
}
template <>
Result<Message> decode<Message>(const Json& j) {
  return read_object<Message>(j, read_message);
}
template <>
Result<Attachment> decode<Attachment>(const Json& j) {
  return read_object<Attachment>(j, read_attachment);
}
template <>
Result<CallEvent> decode<CallEvent>(const Json& j) {
  return read_object<CallEvent>(j, read_call_event);
}
template <>
Result<ConversationContext> decode<ConversationContext>(const Json& j) {
  return read_object<ConversationContext>(j, read_context);
}
template <>
Result<Activity> decode<Activity>(const Json& j) {
  return read_object<Activity>(j, read_activity);
}
template <>
Result<Comment> decode<Comment>(const Json& j) {
  return read_object<Comment>(j, read_comment);
}
template <>
Result<Task> decode<Task>(const Json& j) {
  return read_object<Task>(j, read_task);
}
template <>
Result<KbArticle> decode<KbArticle>(const Json& j) {
  return read_object<KbArticle>(j, read_article);
}
template <>
Result<WrapUpCode> decode<WrapUpCode>(const Json& j) {
  return read_object<WrapUpCode>(j, read_wrap_up);
}
template <>
Result<NotReadyReason> decode<NotReadyReason>(const Json& j) {
  return read_object<NotReadyReason>(j, read_not_ready_reason);
}

}  // namespace care
