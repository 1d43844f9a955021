#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "care/model/activity.hpp"
#include "care/model/agent.hpp"
#include "care/model/mention.hpp"

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
  return std::array<std::string_view, 6>{"customer", "request", "activity",
                                         "task",     "agent",   "kb_article"};
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

// A customer's typing in the chat, to the agent who holds it (R-B1).
struct ChatTyping {
  Id activity = 0;
  bool typing = false;
  bool operator==(const ChatTyping&) const = default;
};

// To the customer's widget: an agent took the chat, by their display name.
struct ChatJoined {
  std::string agent;
  bool operator==(const ChatJoined&) const = default;
};

// To the customer's widget: the agent closed the chat.
struct ChatEnded {
  bool operator==(const ChatEnded&) const = default;
};

// To the customer's widget while the chat waits: its place in its queue, 1 = next
// (R-H1). Sent when the place changes; GET /api/channels/chat/{id} tells it at any time.
struct ChatQueuePlace {
  int position = 0;
  bool operator==(const ChatQueuePlace&) const = default;
};

// To the customer's widget: the chat is being handed on (issue 18, R-K1), to an agent
// by their display name or to a queue by its name.
struct ChatTransferring {
  std::string to;
  bool operator==(const ChatTransferring&) const = default;
};

// A queue's waiting tasks changed (R-A5, R-H3).
struct QueueChanged {
  Id queue = 0;
  bool operator==(const QueueChanged&) const = default;
};

// One agent with a record open (R-F8).
struct PresenceViewer {
  Id agent = 0;
  std::string display_name;
  bool editing = false;
  Time since{};
  bool operator==(const PresenceViewer&) const = default;
};

// Everyone who has a customer, request or activity open, after a change (R-F8).
struct PresenceChanged {
  RecordType record = RecordType::request;
  Id id = 0;
  std::vector<PresenceViewer> viewers;
  bool operator==(const PresenceChanged&) const = default;
};

// An internal note named the agent who receives this, and only them (issue 18).
struct MentionAdded {
  Mention mention;
  bool operator==(const MentionAdded&) const = default;
};

// The client missed more than the server kept: reload everything on screen (R-J5).
struct Resync {
  bool operator==(const Resync&) const = default;
};

using EventData = std::variant<TaskOffered, TaskWithdrawn, TaskAssigned, AgentStateChanged,
                               RecordChanged, ChatMessageAdded, ChatTyping, ChatJoined, ChatEnded,
                               ChatQueuePlace, CallEventAdded, QueueChanged, PresenceChanged,
                               Resync, MentionAdded, ChatTransferring>;

struct Event {
  std::int64_t id = 0;
  Time at{};
  EventData data;
  bool operator==(const Event&) const = default;
};

// The SSE `event:` name and the JSON "type" (event_names.hpp).
std::string_view event_type(const EventData& data);

}  // namespace care
