// JSON for events: {"id": 42, "type": "task.offered", "at": "...", "data": {...}}.
#include "care/codec/json.hpp"
#include "codec/readers.hpp"

namespace care {
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
  Json operator()(const CallEventAdded& e) const {
    return {{"activity", e.activity}, {"event", e.event}};
  }
  Json operator()(const Resync&) const { return Json::object(); }
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

EventData read_resync(Reader&) { return Resync{}; }

// Reads "data" as the alternative named by `type` (the names of event_type()).
EventData read_data(Reader& r, std::string_view type) {
  using ReadData = EventData (*)(Reader&);
  static constexpr std::pair<std::string_view, ReadData> kReaders[] = {
      {"task.offered", read_task_offered},     {"task.withdrawn", read_task_withdrawn},
      {"task.assigned", read_task_assigned},   {"agent.state", read_agent_state_changed},
      {"record.changed", read_record_changed}, {"chat.message", read_chat_message},
      {"call.event", read_call_event_added},   {"resync", read_resync},
  };
  for (const auto& [name, read] : kReaders) {
    if (name == type) return r.object<EventData>("data", read);
  }
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

template <> Result<Event> decode<Event>(const Json& j) {
  return codec::read_object<Event>(j, read_event);
}

}  // namespace care
