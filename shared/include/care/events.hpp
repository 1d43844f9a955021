#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "care/model/activity.hpp"
#include "care/model/agent.hpp"

namespace care {

// What the server publishes on each agent's event stream (R-G1). Every event has a
// global increasing id, so a reconnecting client resumes from Last-Event-ID (R-J5).

// R-A3: with the deadline the desktop counts down to.
struct TaskOffered {
  Id task = 0;
  Id agent = 0;
  Time deadline{};
  bool operator==(const TaskOffered&) const = default;
};

// The offer is gone: "missed_offer" (timed out) or "taken" (another agent pulled it).
struct TaskWithdrawn {
  Id task = 0;
  Id agent = 0;
  std::string reason;
  bool operator==(const TaskWithdrawn&) const = default;
};

struct TaskAssigned {
  Id task = 0;
  Id agent = 0;
  bool operator==(const TaskAssigned&) const = default;
};

struct AgentStateChanged {
  Id agent = 0;
  AgentState state;
  bool operator==(const AgentStateChanged&) const = default;
};

enum class RecordType { customer, request, activity, task, agent, kb_article };
constexpr auto names_of(std::type_identity<RecordType>) {
  return std::array<std::string_view, 6>{"customer", "request", "activity", "task", "agent",
                                         "kb_article"};
}

// R-E1: lets an open screen show the caution before the agent even saves.
struct RecordChanged {
  RecordType type = RecordType::request;
  Id id = 0;
  Version version = 1;
  Stamp updated;
  bool operator==(const RecordChanged&) const = default;
};

struct ChatMessageAdded {  // R-B1
  Id activity = 0;
  Message message;
  bool operator==(const ChatMessageAdded&) const = default;
};

struct CallEventAdded {  // R-B2
  Id activity = 0;
  CallEvent event;
  bool operator==(const CallEventAdded&) const = default;
};

// The client missed more than the server kept: reload everything on screen (R-J5).
struct Resync {
  bool operator==(const Resync&) const = default;
};

using EventData = std::variant<TaskOffered, TaskWithdrawn, TaskAssigned, AgentStateChanged,
                               RecordChanged, ChatMessageAdded, CallEventAdded, Resync>;

struct Event {
  std::int64_t id = 0;
  Time at{};
  EventData data;
  bool operator==(const Event&) const = default;
};

// "task.offered", "task.withdrawn", "task.assigned", "agent.state", "record.changed",
// "chat.message", "call.event", "resync": the SSE `event:` name and the JSON "type".
std::string_view event_type(const EventData& data);

}  // namespace care
