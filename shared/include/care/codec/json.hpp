#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "care/api.hpp"
#include "care/error.hpp"
#include "care/events.hpp"
#include "care/model.hpp"
#include "care/rules/concurrency.hpp"

namespace care {

using Json = nlohmann::json;

// JSON for every entity, event and API payload.
//
// Encoding: `Json j = request;` (or to_json(j, request)) through nlohmann's ADL hook.
// Times are RFC 3339 strings, enums their wire names (model/names.hpp), optional values
// null, a Stamp two fields "updated_by" and "updated_at". Encoding assumes valid records
// (valid UTF-8 text); every decoded record is one.
//
// Decoding: decode<T>(json) or decode_text<T>(text) returns the value or an Error naming
// the field by its path ("context.visitor.browser", "messages[3].text"). Missing,
// mistyped, out-of-range and oversized fields are refused (text over 2000 characters,
// R-C1; tags over 50 or repeated ignoring case, R-C4). Decoders never throw and never
// trust the input: they are fuzzed (tests/fuzz). Unknown fields are ignored, so older
// clients keep working when fields are added. decode(encode(x)) == x for every valid x.

// Documents larger or deeper than this are refused before parsing (R-G5).
inline constexpr std::size_t kMaxJsonBytes = 8 * 1024 * 1024;
inline constexpr std::size_t kMaxJsonDepth = 32;

// Parses text into JSON without exceptions: `malformed` for anything that is not one
// JSON document within the size and depth limits.
Result<Json> parse_json(std::string_view text);

void to_json(Json& j, const Error& value);
void to_json(Json& j, const Stamp& value);
void to_json(Json& j, const AgentState& value);
void to_json(Json& j, const Capacity& value);
void to_json(Json& j, const Agent& value);
void to_json(Json& j, const Queue& value);
void to_json(Json& j, const Customer& value);
void to_json(Json& j, const Request& value);
void to_json(Json& j, const Message& value);
void to_json(Json& j, const Attachment& value);
void to_json(Json& j, const CallEvent& value);
void to_json(Json& j, const Field& value);
void to_json(Json& j, const SelfServiceAction& value);
void to_json(Json& j, const VisitorDetails& value);
void to_json(Json& j, const ConversationContext& value);
void to_json(Json& j, const Activity& value);
void to_json(Json& j, const JourneyEntry& value);
void to_json(Json& j, const Comment& value);
void to_json(Json& j, const Task& value);
void to_json(Json& j, const KbArticle& value);
void to_json(Json& j, const WrapUpCode& value);
void to_json(Json& j, const NotReadyReason& value);
void to_json(Json& j, const LabelsUpdate& value);
void to_json(Json& j, const Event& value);
void to_json(Json& j, const SignIn& value);
void to_json(Json& j, const StateChange& value);
void to_json(Json& j, const CustomerDraft& value);
void to_json(Json& j, const CustomerUpdate& value);
void to_json(Json& j, const RequestDraft& value);
void to_json(Json& j, const RequestPatch& value);
void to_json(Json& j, const TextDraft& value);
void to_json(Json& j, const TagDraft& value);
void to_json(Json& j, const MoveActivity& value);
void to_json(Json& j, const SkillsUpdate& value);
void to_json(Json& j, const CloseAnswers& value);
void to_json(Json& j, const CloseTask& value);
void to_json(Json& j, const CallControl& value);
void to_json(Json& j, const PresenceHeartbeat& value);
void to_json(Json& j, const SessionAgent& value);
void to_json(Json& j, const DirectoryAgent& value);
void to_json(Json& j, const PresenceViewer& value);
void to_json(Json& j, const PresenceViewers& value);
void to_json(Json& j, const ChatStart& value);
void to_json(Json& j, const InboundEmail& value);
void to_json(Json& j, const InboundCallEvent& value);
void to_json(Json& j, const QueueTargets& value);
void to_json(Json& j, const FloorOverview& value);
void to_json(Json& j, const RatingDraft& value);
void to_json(Json& j, const Rating& value);
void to_json(Json& j, const Mention& value);
void to_json(Json& j, const MentionList& value);
void to_json(Json& j, const TransferDraft& value);
void to_json(Json& j, const ConsultDraft& value);
void to_json(Json& j, const Handoff& value);

template <class T>
Result<T> decode(const Json& j);

template <>
Result<AgentState> decode<AgentState>(const Json& j);
template <>
Result<Agent> decode<Agent>(const Json& j);
template <>
Result<Queue> decode<Queue>(const Json& j);
template <>
Result<Customer> decode<Customer>(const Json& j);
template <>
Result<Request> decode<Request>(const Json& j);
template <>
Result<Message> decode<Message>(const Json& j);
template <>
Result<Attachment> decode<Attachment>(const Json& j);
template <>
Result<CallEvent> decode<CallEvent>(const Json& j);
template <>
Result<ConversationContext> decode<ConversationContext>(const Json& j);
template <>
Result<Activity> decode<Activity>(const Json& j);
template <>
Result<JourneyEntry> decode<JourneyEntry>(const Json& j);
template <>
Result<Comment> decode<Comment>(const Json& j);
template <>
Result<Task> decode<Task>(const Json& j);
template <>
Result<KbArticle> decode<KbArticle>(const Json& j);
template <>
Result<WrapUpCode> decode<WrapUpCode>(const Json& j);
template <>
Result<NotReadyReason> decode<NotReadyReason>(const Json& j);
template <>
Result<LabelsUpdate> decode<LabelsUpdate>(const Json& j);
template <>
Result<Event> decode<Event>(const Json& j);
template <>
Result<SignIn> decode<SignIn>(const Json& j);
template <>
Result<StateChange> decode<StateChange>(const Json& j);
template <>
Result<CustomerDraft> decode<CustomerDraft>(const Json& j);
template <>
Result<CustomerUpdate> decode<CustomerUpdate>(const Json& j);
template <>
Result<RequestDraft> decode<RequestDraft>(const Json& j);
template <>
Result<RequestPatch> decode<RequestPatch>(const Json& j);
template <>
Result<TextDraft> decode<TextDraft>(const Json& j);
template <>
Result<TagDraft> decode<TagDraft>(const Json& j);
template <>
Result<MoveActivity> decode<MoveActivity>(const Json& j);
template <>
Result<SkillsUpdate> decode<SkillsUpdate>(const Json& j);
template <>
Result<CloseAnswers> decode<CloseAnswers>(const Json& j);
template <>
Result<CloseTask> decode<CloseTask>(const Json& j);
template <>
Result<CallControl> decode<CallControl>(const Json& j);
template <>
Result<PresenceHeartbeat> decode<PresenceHeartbeat>(const Json& j);
template <>
Result<SessionAgent> decode<SessionAgent>(const Json& j);
template <>
Result<DirectoryAgent> decode<DirectoryAgent>(const Json& j);
template <>
Result<PresenceViewer> decode<PresenceViewer>(const Json& j);
template <>
Result<PresenceViewers> decode<PresenceViewers>(const Json& j);
template <>
Result<ChatStart> decode<ChatStart>(const Json& j);
template <>
Result<InboundEmail> decode<InboundEmail>(const Json& j);
template <>
Result<InboundCallEvent> decode<InboundCallEvent>(const Json& j);
template <>
Result<QueueTargets> decode<QueueTargets>(const Json& j);
template <>
Result<FloorOverview> decode<FloorOverview>(const Json& j);
template <>
Result<RatingDraft> decode<RatingDraft>(const Json& j);
template <>
Result<Rating> decode<Rating>(const Json& j);
template <>
Result<Mention> decode<Mention>(const Json& j);
template <>
Result<MentionList> decode<MentionList>(const Json& j);
template <>
Result<TransferDraft> decode<TransferDraft>(const Json& j);
template <>
Result<ConsultDraft> decode<ConsultDraft>(const Json& j);
template <>
Result<Handoff> decode<Handoff>(const Json& j);

// An event's "data" alone, as the SSE stream carries it under its `event:` name.
Json encode_event_data(const EventData& data);
Result<EventData> decode_event_data(std::string_view type, const Json& data);

template <class T>
Result<T> decode_text(std::string_view text) {
  auto j = parse_json(text);
  if (!j) return j.error();
  return decode<T>(*j);
}

template <class T>
std::string encode(const T& value) {
  return Json(value).dump();
}

// {"error": {"code": ..., "field": ..., "message": ...}}: every 4xx body (DESIGN: API).
Json error_body(const Error& error);

// The Error in a body made by error_body; nullopt when `body` is not shaped like one.
std::optional<Error> decode_error_body(const Json& body);

// The message of any error body, also one whose code is not an ErrorCode (the HTTP
// layer's own: forbidden, unauthenticated, rate_limited …); nullopt
// when `body` is not shaped like one.
std::optional<std::string> decode_error_message(const Json& body);

// R-E1: the 409 body: the error, the current record, who changed it and when.
template <VersionedRecord R>
Json conflict_body(const Conflict<R>& conflict, std::string_view record_type) {
  Json body = error_body(conflict_error(record_type, conflict.edited, conflict.current.version));
  body["current"] = conflict.current;
  body["changed_by"] = conflict.changed_by();
  body["changed_at"] = format_rfc3339(conflict.changed_at());
  return body;
}

// R-E1: the Conflict in a body made by conflict_body (who changed it and when are the
// current record's stamp); nullopt when `body` is not one. `edited` is the version the
// rejected save started from, which the sender knows.
template <VersionedRecord R>
std::optional<Conflict<R>> decode_conflict_body(const Json& body, Version edited) {
  auto error = decode_error_body(body);
  if (!error || error->code != ErrorCode::conflict) return std::nullopt;
  const auto current = body.find("current");
  if (current == body.end()) return std::nullopt;
  auto record = decode<R>(*current);
  if (!record) return std::nullopt;
  return Conflict<R>{std::move(record).value(), edited};
}

}  // namespace care
