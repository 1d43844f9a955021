#pragma once

#include <array>
#include <string_view>

// The names of the events the server sends (the SSE `event:` line and the JSON "type"),
// in one place: the server publishes under them, the shared codec reads by them, and
// the web client subscribes to exactly this list (DESIGN "Events").
namespace care::event_names {

inline constexpr std::string_view task_offered = "task.offered";      // with its deadline
inline constexpr std::string_view task_withdrawn = "task.withdrawn";  // offer expired or taken
inline constexpr std::string_view task_assigned = "task.assigned";
inline constexpr std::string_view agent_state = "agent.state";
inline constexpr std::string_view record_changed = "record.changed";  // type, id, version, by, at
inline constexpr std::string_view chat_message = "chat.message";
inline constexpr std::string_view chat_typing = "chat.typing";  // the customer types (or stopped)
inline constexpr std::string_view chat_joined = "chat.joined";  // to the widget: an agent took it
inline constexpr std::string_view chat_ended = "chat.ended";    // to the widget: the agent closed
inline constexpr std::string_view chat_queue = "chat.queue";    // to the widget: its queue place
inline constexpr std::string_view call_event = "call.event";
// A queue's waiting tasks changed (queued, offered, taken, closed): queue lists and the
// supervisor view reload on it (R-A5, R-H3).
inline constexpr std::string_view queue_changed = "queue.changed";
// Who views or edits a customer, request or activity (R-F8).
inline constexpr std::string_view presence_changed = "presence.changed";
// To the mentioned agent only: an internal note named them (issue 18).
inline constexpr std::string_view mention_added = "mention.added";
// Never published: a stream sends it when it cannot replay what a client missed (too
// old, or the client fell too far behind); the client reloads what it shows (R-J5).
inline constexpr std::string_view resync = "resync";
// To the widget: the chat is handed on to another agent or a queue (issue 18).
inline constexpr std::string_view chat_transferring = "chat.transferring";

// Every name a stream may carry.
inline constexpr std::array all = {
    task_offered,     task_withdrawn, task_assigned, agent_state,
    record_changed,   chat_message,   chat_typing,   chat_joined,
    chat_ended,       chat_queue,     call_event,    queue_changed,
    presence_changed, resync,         mention_added, chat_transferring};

// Not on the wire: what a client's transport reports each time its stream (re)opens, so
// the desktop reloads what it may have missed.
inline constexpr std::string_view stream_opened = "stream.open";
// Not on the wire either: the stream broke (the server went, or the network). The
// desktop asks the server at once instead of waiting for its next request to fail.
inline constexpr std::string_view stream_lost = "stream.lost";

}  // namespace care::event_names
