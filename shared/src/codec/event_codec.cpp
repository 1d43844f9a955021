// JSON for events: {"id": 42, "type": "task.offered", "at": "...", "data": {...}}.
#include "care/codec/json.hpp"
#include "care/event_names.hpp"
#include "codec/readers.hpp"

namespace care {
namespace codec {

PresenceViewer read_viewer(Reader& v) {
  PresenceViewer viewer;
  viewer.agent = v.id("agent");
  viewer.display_name = v.text("display_name", Need::optional);
  viewer.editing = v.boolean("editing", Need::optional);
  viewer.since = v.optional_time("since").value_or(Time{});
  return viewer;
}

}  // namespace codec

namespace {

using codec::Reader;

struct DataToJson {
  Json operator()(const TaskOffered& e) const {
    return {{"task", e.task}, {"agent", e.agent}, {"deadline", format_rfc3339(e.deadline)}};
  }
  Json operator()(const TaskWithdrawn& e) const {
    return {{"task", e.task}, {"agent", e.agent}, {"reason", e.reason}};
  }
  Json operator()(const TaskAssigned& e) const { return {{"task", e.task}, {"agent", e.agent}}; }
  Json operator()(const AgentStateChanged& e) const {
    return {{"agent", e.agent}, {"state", e.state}};
  }
  Json operator()(const RecordChanged& e) const {
    Json j{{"type", codec::name_of(e.type)}, {"id", e.id}, {"version", e.version}};
    codec::put_stamp(j, e.updated);
    return j;
  }
  Json operator()(const ChatMessageAdded& e) const {
    return {{"activity", e.activity}, {"message", e.message}};
  }
  Json operator()(const ChatTyping& e) const {
    return {{"activity", e.activity}, {"typing", e.typing}};
  }
  Json operator()(const ChatJoined& e) const { return {{"agent", e.agent}}; }
  Json operator()(const ChatEnded&) const { return Json::object(); }
  Json operator()(const ChatQueuePlace& e) const { return {{"position", e.position}}; }
  Json operator()(const CallEventAdded& e) const {
    return {{"activity", e.activity}, {"event", e.event}};
  }
  Json operator()(const QueueChanged& e) const { return {{"queue", e.queue}}; }
  Json operator()(const PresenceChanged& e) const {
    return {{"record", codec::name_of(e.record)}, {"id", e.id}, {"viewers", e.viewers}};
  }
  Json operator()(const Resync&) const { return Json::object(); }
  Json operator()(const MentionAdded& e) const { return {{"mention", e.mention}}; }
  Json operator()(const ChatTransferring& e) const { return {{"to", e.to}}; }
};

EventData read_task_offered(Reader& d) {
  TaskOffered e;
  e.task = d.id("task");
  e.agent = d.id("agent");
  e.deadline = d.time("deadline");
  return e;
}

EventData read_task_withdrawn(Reader& d) {
  TaskWithdrawn e;
  e.task = d.id("task");
  e.agent = d.id("agent");
  e.reason = d.non_empty_text("reason", codec::kNameLimit);
  return e;
}

EventData read_task_assigned(Reader& d) {
  TaskAssigned e;
  e.task = d.id("task");
  e.agent = d.id("agent");
  return e;
}

EventData read_agent_state_changed(Reader& d) {
  AgentStateChanged e;
  e.agent = d.id("agent");
  e.state = d.object<AgentState>("state", codec::read_agent_state);
  return e;
}

EventData read_record_changed(Reader& d) {
  RecordChanged e;
  e.type = d.enumeration<RecordType>("type");
  e.id = d.id("id");
  e.version = d.version("version");
  e.updated = d.stamp();
  return e;
}

EventData read_chat_message(Reader& d) {
  ChatMessageAdded e;
  e.activity = d.id("activity");
  e.message = d.object<Message>("message", codec::read_message);
  return e;
}

EventData read_call_event_added(Reader& d) {
  CallEventAdded e;
  e.activity = d.id("activity");
  e.event = d.object<CallEvent>("event", codec::read_call_event);
  return e;
}

EventData read_chat_typing(Reader& d) {
  ChatTyping e;
  e.activity = d.id("activity");
  e.typing = d.boolean("typing");
  return e;
}

EventData read_chat_joined(Reader& d) {
  ChatJoined e;
  e.agent = d.text("agent", codec::Need::optional, codec::kNameLimit);
  return e;
}

EventData read_chat_ended(Reader&) {
  return ChatEnded{};
}

EventData read_chat_queue(Reader& d) {
  ChatQueuePlace e;
  e.position = static_cast<int>(d.integer("position", 1, 1000000));
  return e;
}

EventData read_queue_changed(Reader& d) {
  QueueChanged e;
  e.queue = d.id("queue");
  return e;
}

EventData read_presence_changed(Reader& d) {
  PresenceChanged e;
  e.record = d.enumeration<RecordType>("record");
  e.id = d.id("id");
  e.viewers = d.objects<PresenceViewer>("viewers", codec::kMaxViewers, codec::read_viewer);
  return e;
}

EventData read_resync(Reader&) {
  return Resync{};
}

EventData read_mention_added(Reader& d) {
  MentionAdded e;
  e.mention = d.object<Mention>("mention", codec::read_mention);
  return e;
}

EventData read_chat_transferring(Reader& d) {
  ChatTransferring e;
  e.to = d.text("to", codec::Need::optional, codec::kNameLimit);
  return e;
}

using ReadData = EventData (*)(Reader&);

// The reader of each event type (the names of event_type()); nullptr for none.
ReadData reader_of(std::string_view type) {
  namespace n = event_names;
  static constexpr std::pair<std::string_view, ReadData> kReaders[] = {
      {n::task_offered, read_task_offered},
      {n::task_withdrawn, read_task_withdrawn},
      {n::task_assigned, read_task_assigned},
      {n::agent_state, read_agent_state_changed},
      {n::record_changed, read_record_changed},
      {n::chat_message, read_chat_message},
      {n::chat_typing, read_chat_typing},
      {n::chat_joined, read_chat_joined},
      {n::chat_ended, read_chat_ended},
      {n::chat_queue, read_chat_queue},
      {n::call_event, read_call_event_added},
      {n::queue_changed, read_queue_changed},
      {n::presence_changed, read_presence_changed},
      {n::resync, read_resync},
      {n::mention_added, read_mention_added},
      {n::chat_transferring, read_chat_transferring},
  };
  static_assert(std::size(kReaders) == event_names::all.size(), "a reader for every event");
  for (const auto& [name, read] : kReaders) {
    if (name == type) return read;
  }
  return nullptr;
}

// Reads "data" as the alternative named by `type`.
EventData read_data(Reader& r, std::string_view type) {
  if (ReadData read = reader_of(type)) return r.object<EventData>("data", read);
  r.fail(make_error(ErrorCode::invalid, r.path("type"), "not a known event type"));
  return Resync{};
}

Event read_event(Reader& r) {
  Event e;
  e.id = r.id("id");
  const std::string type = r.non_empty_text("type", codec::kNameLimit);
  e.at = r.time("at");
  if (!r.failed()) e.data = read_data(r, type);
  return e;
}

}  // namespace

void to_json(Json& j, const Event& e) {
  j = Json{{"id", e.id},
           {"type", std::string(event_type(e.data))},
           {"at", format_rfc3339(e.at)},
           {"data", std::visit(DataToJson{}, e.data)}};
}

template <>
Result<Event> decode<Event>(const Json& j) {
  return codec::read_object<Event>(j, read_event);
}

void to_json(Json& j, const PresenceViewer& v) {
  j = Json{{"agent", v.agent},
           {"display_name", v.display_name},
           {"editing", v.editing},
           {"since", format_rfc3339(v.since)}};
}

template <>
Result<PresenceViewer> decode<PresenceViewer>(const Json& j) {
  return codec::read_object<PresenceViewer>(j, codec::read_viewer);
}

Json encode_event_data(const EventData& data) {
  return std::visit(DataToJson{}, data);
}

Result<EventData> decode_event_data(std::string_view type, const Json& data) {
  ReadData read = reader_of(type);
  if (!read) return make_error(ErrorCode::invalid, "type", "not a known event type");
  return codec::read_object<EventData>(data, read);
}

}  // namespace care
