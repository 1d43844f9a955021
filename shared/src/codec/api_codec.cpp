// JSON for the bodies of API requests. Optional text fields may be omitted.
#include "care/codec/json.hpp"
#include "care/rules/tags.hpp"
#include "codec/readers.hpp"

namespace care {
namespace {

using codec::name_of;
using codec::Need;
using codec::optional_json;
using codec::Reader;

// A password is not product text, but it still has a bound (R-G5).
constexpr std::size_t kPasswordLimit = 1024;

SignIn read_sign_in(Reader& r) {
  SignIn s;
  s.username = r.non_empty_text("username", codec::kNameLimit);
  s.password = r.text("password", Need::required, kPasswordLimit);
  if (!r.failed() && s.password.empty()) {
    r.fail(make_error(ErrorCode::empty, "password", "cannot be empty"));
  }
  return s;
}

StateChange read_state_change(Reader& r) {
  StateChange s;
  s.presence = r.enumeration<Presence>("state");
  s.reason = r.text("reason", Need::optional, codec::kNameLimit);
  // R-A2: Not Ready always has a reason; Ready never does.
  if (!r.failed() && s.presence == Presence::not_ready && s.reason.empty()) {
    r.fail(make_error(ErrorCode::missing, "reason", "required for not_ready"));
  }
  if (!r.failed() && s.presence == Presence::ready && !s.reason.empty()) {
    r.fail(make_error(ErrorCode::invalid, "reason", "only not_ready has a reason"));
  }
  return s;
}

CustomerDraft read_customer_draft(Reader& r) {
  CustomerDraft c;
  c.kind = r.optional_enumeration<CustomerKind>("kind").value_or(CustomerKind::contact);
  c.name = r.text("name", Need::optional);
  c.email = r.text("email", Need::optional);
  c.phone = r.text("phone", Need::optional);
  c.language = r.text("language", Need::optional);
  c.location = r.text("location", Need::optional);
  c.primary_contact = r.optional_id("primary_contact");
  c.account = r.optional_id("account");
  return c;
}

CustomerUpdate read_customer_update(Reader& r) {
  CustomerUpdate u;
  u.version = r.version("version");
  u.customer = read_customer_draft(r);
  return u;
}

RequestDraft read_request_draft(Reader& r) {
  RequestDraft d;
  d.title = r.text("title", Need::optional);
  d.description = r.text("description", Need::optional);
  d.priority = r.optional_enumeration<Priority>("priority").value_or(Priority::normal);
  return d;
}

RequestPatch read_request_patch(Reader& r) {
  RequestPatch p;
  p.version = r.version("version");
  p.title = r.maybe_text("title");
  p.description = r.maybe_text("description");
  p.status = r.optional_enumeration<RequestStatus>("status");
  p.priority = r.optional_enumeration<Priority>("priority");
  return p;
}

TextDraft read_text_draft(Reader& r) {
  TextDraft t;
  // The widest a message may be; the service holds each to its medium's limit
  // (message_limit) once it knows whether the line goes to a chat or an email.
  t.text = r.non_empty_text("text", kEmailBodyLimit);
  t.key = r.text("key", Need::optional, kMaxMessageKey);
  if (!r.failed() && !is_message_key(t.key)) {
    r.fail(make_error(ErrorCode::invalid, r.path("key"),
                      "letters, digits, '-', '_', '.' and ':' only"));
  }
  t.email = codec::read_email_headers(r);
  return t;
}

TagDraft read_tag_draft(Reader& r) {
  TagDraft t;
  // Checked as a tag here (R-C4), so the error says "tag: at most 50 characters".
  const std::string raw = r.text("tag");
  t.version = r.version("version");
  if (r.failed()) return t;
  auto tag = normalize_tag(raw, r.path("tag"));
  if (!tag) {
    r.fail(tag.error());
    return t;
  }
  t.tag = std::move(tag).value();
  return t;
}

MoveActivity read_move(Reader& r) {
  MoveActivity m;
  m.request = r.id("request");
  m.version = r.version("version");
  return m;
}

SkillsUpdate read_skills(Reader& r) {
  SkillsUpdate s;
  s.skills = r.strings("skills", codec::kMaxSkills, codec::kNameLimit);
  s.version = r.version("version");
  return s;
}

CloseAnswers read_close(Reader& r) {
  CloseAnswers a;
  a.unsaved = r.optional_enumeration<UnsavedChoice>("unsaved");
  a.unknown_contact = r.optional_enumeration<UnknownContactChoice>("unknown_contact");
  a.wrap_up = r.text("wrap_up", Need::optional, codec::kNameLimit);
  return a;
}

LabelsUpdate read_labels_update(Reader& r) {
  LabelsUpdate u;
  u.labels = r.labels("labels", Need::required);
  if (r.has("active")) u.active = r.boolean("active");
  return u;
}

CloseTask read_close_task(Reader& r) {
  CloseTask c;
  c.answers = read_close(r);
  c.unsaved_customer_changes = r.boolean("unsaved_customer_changes", Need::optional);
  return c;
}

CallControl read_call_control(Reader& r) {
  CallControl c;
  const std::string action = r.non_empty_text("action", codec::kNameLimit);
  if (r.failed()) return c;
  if (auto named = call_control_named(action)) return *named;
  r.fail(make_error(ErrorCode::invalid, r.path("action"), "hold, resume or end"));
  return c;
}

PresenceHeartbeat read_heartbeat(Reader& r) {
  PresenceHeartbeat h;
  h.record = r.enumeration<RecordType>("record");
  h.id = r.id("id");
  h.editing = r.boolean("editing", Need::optional);
  return h;
}

SessionAgent read_session_agent(Reader& r) {
  SessionAgent a;
  a.id = r.id("id");
  a.username = r.non_empty_text("username", codec::kNameLimit);
  a.display_name = r.text("display_name");
  a.role = r.enumeration<Role>("role");
  a.state = r.enumeration<Presence>("state");
  a.state_reason = r.text("state_reason", Need::optional, codec::kNameLimit);
  a.language = r.text("language", Need::required, codec::kNameLimit);
  return a;
}

DirectoryAgent read_directory_agent(Reader& r) {
  DirectoryAgent a;
  a.id = r.id("id");
  a.display_name = r.text("display_name");
  a.role = r.enumeration<Role>("role");
  return a;
}

PresenceViewers read_viewers(Reader& r) {
  return PresenceViewers{
      r.objects<PresenceViewer>("viewers", codec::kMaxViewers, codec::read_viewer)};
}

ChatStart read_chat_start(Reader& r) {
  ChatStart c;
  c.name = r.text("name", Need::optional);
  c.email = r.text("email", Need::optional);
  c.question = r.text("question", Need::optional);
  // The widget may name its queue by id or by name (the portal's `data-queue`).
  if (r.has("queue") && r.is_text("queue")) {
    c.queue_name = r.non_empty_text("queue", codec::kNameLimit);
  } else {
    c.queue = r.optional_id("queue");
  }
  if (r.failed()) return c;
  // The widget may leave out what it does not know; present parts are checked fully.
  if (c.visitor = VisitorDetails{}; r.has("visitor")) {
    c.visitor = r.object<VisitorDetails>("visitor", codec::read_visitor);
  }
  if (r.has("self_service")) {
    c.self_service = r.objects<SelfServiceAction>("self_service", codec::kMaxSelfService,
                                                  codec::read_self_service);
  }
  if (r.has("variables")) {
    c.variables = r.objects<Field>("variables", codec::kMaxFields, codec::read_field);
  }
  return c;
}

InboundEmail read_email(Reader& r) {
  InboundEmail e;
  e.from = r.non_empty_text("from");
  e.to = r.text("to", Need::optional);
  e.subject = r.text("subject", Need::optional);
  e.body = r.text("body", Need::optional, kEmailBodyLimit);
  e.message_id = r.text("message_id", Need::optional, kMaxMessageIdLength);
  e.queue = r.optional_id("queue");
  if (r.has("cc")) e.cc = r.strings("cc", kMaxRecipients, codec::kEmailLimit);
  if (r.has("attachments")) e.attachments = r.ids("attachments", kMaxAttachmentsPerMessage);
  return e;
}

InboundCallEvent read_call(Reader& r) {
  InboundCallEvent c;
  c.call = r.non_empty_text("call", codec::kNameLimit);
  c.kind = r.enumeration<CallEventKind>("kind");
  c.from = r.text("from", Need::optional);
  c.to = r.text("to", Need::optional);
  c.queue = r.optional_id("queue");
  c.at = r.optional_time("at");
  if (!r.failed() && r.has("collected")) {
    c.collected = r.objects<Field>("collected", codec::kMaxFields, codec::read_field);
  }
  return c;
}

Json draft_json(const CustomerDraft& c) {
  return Json{{"kind", name_of(c.kind)},
              {"name", c.name},
              {"email", c.email},
              {"phone", c.phone},
              {"language", c.language},
              {"location", c.location},
              {"primary_contact", optional_json(c.primary_contact)},
              {"account", optional_json(c.account)}};
}

}  // namespace

void to_json(Json& j, const SignIn& s) {
  j = Json{{"username", s.username}, {"password", s.password}};
}

void to_json(Json& j, const StateChange& s) {
  j = Json{{"state", name_of(s.presence)}, {"reason", s.reason}};
}

void to_json(Json& j, const CustomerDraft& c) {
  j = draft_json(c);
}

void to_json(Json& j, const CustomerUpdate& u) {
  j = draft_json(u.customer);
  j["version"] = u.version;
}

void to_json(Json& j, const RequestDraft& d) {
  j = Json{{"title", d.title}, {"description", d.description}, {"priority", name_of(d.priority)}};
}

void to_json(Json& j, const RequestPatch& p) {
  j = Json{{"version", p.version}};
  if (p.title) j["title"] = *p.title;
  if (p.description) j["description"] = *p.description;
  if (p.status) j["status"] = name_of(*p.status);
  if (p.priority) j["priority"] = name_of(*p.priority);
}

void to_json(Json& j, const TextDraft& t) {
  j = Json{{"text", t.text}};
  if (!t.key.empty()) j["key"] = t.key;
  codec::put_email_headers(j, t.email);
}

void to_json(Json& j, const TagDraft& t) {
  j = Json{{"tag", t.tag}, {"version", t.version}};
}

void to_json(Json& j, const MoveActivity& m) {
  j = Json{{"request", m.request}, {"version", m.version}};
}

void to_json(Json& j, const SkillsUpdate& s) {
  j = Json{{"skills", s.skills}, {"version", s.version}};
}

void to_json(Json& j, const CloseAnswers& a) {
  j = Json{
      {"unsaved", a.unsaved ? Json(name_of(*a.unsaved)) : Json(nullptr)},
      {"unknown_contact", a.unknown_contact ? Json(name_of(*a.unknown_contact)) : Json(nullptr)},
      {"wrap_up", a.wrap_up}};
}

void to_json(Json& j, const CloseTask& c) {
  to_json(j, c.answers);
  j["unsaved_customer_changes"] = c.unsaved_customer_changes;
}

void to_json(Json& j, const CallControl& c) {
  j = Json{{"action", std::string(call_action_name(c.kind))}};
}

void to_json(Json& j, const PresenceHeartbeat& h) {
  j = Json{{"record", name_of(h.record)}, {"id", h.id}, {"editing", h.editing}};
}

void to_json(Json& j, const DirectoryAgent& a) {
  j = Json{{"id", a.id}, {"display_name", a.display_name}, {"role", name_of(a.role)}};
}

void to_json(Json& j, const SessionAgent& a) {
  j = Json{{"id", a.id},
           {"username", a.username},
           {"display_name", a.display_name},
           {"role", name_of(a.role)},
           {"state", name_of(a.state)},
           {"state_reason", a.state_reason},
           {"language", a.language}};
}

void to_json(Json& j, const PresenceViewers& v) {
  j = Json{{"viewers", v.viewers}};
}

void to_json(Json& j, const ChatStart& c) {
  j = Json{{"name", c.name},          {"email", c.email},
           {"question", c.question},  {"queue", optional_json(c.queue)},
           {"visitor", c.visitor},    {"self_service", c.self_service},
           {"variables", c.variables}};
  if (!c.queue_name.empty()) j["queue"] = c.queue_name;
}

void to_json(Json& j, const LabelsUpdate& u) {
  j = Json{{"labels", u.labels}};
  if (u.active) j["active"] = *u.active;
}

void to_json(Json& j, const InboundEmail& e) {
  j = Json{{"from", e.from},
           {"to", e.to},
           {"subject", e.subject},
           {"body", e.body},
           {"queue", optional_json(e.queue)},
           {"cc", e.cc}};
  if (!e.message_id.empty()) j["message_id"] = e.message_id;
  if (!e.attachments.empty()) j["attachments"] = e.attachments;
}

void to_json(Json& j, const InboundCallEvent& c) {
  j = Json{{"call", c.call}, {"kind", name_of(c.kind)},         {"from", c.from},
           {"to", c.to},     {"queue", optional_json(c.queue)}, {"collected", c.collected}};
  if (c.at) j["at"] = format_rfc3339(*c.at);
}

using codec::read_object;

template <>
Result<SignIn> decode<SignIn>(const Json& j) {
  return read_object<SignIn>(j, read_sign_in);
}
template <>
Result<StateChange> decode<StateChange>(const Json& j) {
  return read_object<StateChange>(j, read_state_change);
}
template <>
Result<CustomerDraft> decode<CustomerDraft>(const Json& j) {
  return read_object<CustomerDraft>(j, read_customer_draft);
}
template <>
Result<CustomerUpdate> decode<CustomerUpdate>(const Json& j) {
  return read_object<CustomerUpdate>(j, read_customer_update);
}
template <>
Result<RequestDraft> decode<RequestDraft>(const Json& j) {
  return read_object<RequestDraft>(j, read_request_draft);
}
template <>
Result<RequestPatch> decode<RequestPatch>(const Json& j) {
  return read_object<RequestPatch>(j, read_request_patch);
}
template <>
Result<TextDraft> decode<TextDraft>(const Json& j) {
  return read_object<TextDraft>(j, read_text_draft);
}
template <>
Result<TagDraft> decode<TagDraft>(const Json& j) {
  return read_object<TagDraft>(j, read_tag_draft);
}
template <>
Result<MoveActivity> decode<MoveActivity>(const Json& j) {
  return read_object<MoveActivity>(j, read_move);
}
template <>
Result<SkillsUpdate> decode<SkillsUpdate>(const Json& j) {
  return read_object<SkillsUpdate>(j, read_skills);
}
template <>
Result<CloseAnswers> decode<CloseAnswers>(const Json& j) {
  return read_object<CloseAnswers>(j, read_close);
}
template <>
Result<CloseTask> decode<CloseTask>(const Json& j) {
  return read_object<CloseTask>(j, read_close_task);
}
template <>
Result<LabelsUpdate> decode<LabelsUpdate>(const Json& j) {
  return read_object<LabelsUpdate>(j, read_labels_update);
}
template <>
Result<CallControl> decode<CallControl>(const Json& j) {
  return read_object<CallControl>(j, read_call_control);
}
template <>
Result<PresenceHeartbeat> decode<PresenceHeartbeat>(const Json& j) {
  return read_object<PresenceHeartbeat>(j, read_heartbeat);
}
template <>
Result<SessionAgent> decode<SessionAgent>(const Json& j) {
  return read_object<SessionAgent>(j, read_session_agent);
}
template <>
Result<DirectoryAgent> decode<DirectoryAgent>(const Json& j) {
  return read_object<DirectoryAgent>(j, read_directory_agent);
}
template <>
Result<PresenceViewers> decode<PresenceViewers>(const Json& j) {
  return read_object<PresenceViewers>(j, read_viewers);
}
template <>
Result<ChatStart> decode<ChatStart>(const Json& j) {
  return read_object<ChatStart>(j, read_chat_start);
}
template <>
Result<InboundEmail> decode<InboundEmail>(const Json& j) {
  return read_object<InboundEmail>(j, read_email);
}
template <>
Result<InboundCallEvent> decode<InboundCallEvent>(const Json& j) {
  return read_object<InboundCallEvent>(j, read_call);
}

}  // namespace care
