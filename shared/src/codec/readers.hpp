#pragma once

// Private to the codecs: the readers of each entity's fields, shared by the entity,
// event and payload decoders, and the helpers for writing.

#include <string>

#include "codec/reader.hpp"

namespace care::codec {

// Short identifiers: usernames, languages, codes, reasons.
inline constexpr std::size_t kNameLimit = 100;
inline constexpr std::size_t kMaxFields = 100;
inline constexpr std::size_t kMaxSkills = 100;
inline constexpr std::size_t kMaxSelfService = 200;
// Viewers of one record: bounded like the server's own list (agents on one node).
inline constexpr std::size_t kMaxViewers = 10000;
// An email address (RFC 5321's path limit).
inline constexpr std::size_t kEmailLimit = 254;

AgentState read_agent_state(Reader& r);
Capacity read_capacity(Reader& r);
Agent read_agent(Reader& r);
QueueTargets read_queue_targets(Reader& r);
Queue read_queue(Reader& r);
Customer read_customer(Reader& r);
Request read_request(Reader& r);
// "to", "cc" and "subject" when any of them is there (an email), else none (a chat).
std::optional<EmailHeaders> read_email_headers(Reader& r);
void put_email_headers(Json& j, const std::optional<EmailHeaders>& email);
Message read_message(Reader& r);
CallEvent read_call_event(Reader& r);
Field read_field(Reader& r);
SelfServiceAction read_self_service(Reader& r);
VisitorDetails read_visitor(Reader& r);
ConversationContext read_context(Reader& r);
Activity read_activity(Reader& r);
Comment read_comment(Reader& r);
Task read_task(Reader& r);
KbArticle read_article(Reader& r);
WrapUpCode read_wrap_up(Reader& r);
NotReadyReason read_not_ready_reason(Reader& r);
Error read_error(Reader& r);
PresenceViewer read_viewer(Reader& r);
Mention read_mention(Reader& r);

template <class E>
std::string name_of(E e) {
  return std::string(enum_name(e));
}

inline void put_stamp(Json& j, const Stamp& s) {
  j["updated_by"] = s.by;
  j["updated_at"] = format_rfc3339(s.at);
}

}  // namespace care::codec
