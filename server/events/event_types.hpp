#pragma once

// The event types the server publishes on GET /api/events (DESIGN "Events"). One
// place, so publishers, the stream and the OpenAPI document spell them alike.
namespace care::server::events::types {

inline constexpr const char* kTaskOffered = "task.offered";      // with its deadline
inline constexpr const char* kTaskWithdrawn = "task.withdrawn";  // offer expired or taken back
inline constexpr const char* kTaskAssigned = "task.assigned";
inline constexpr const char* kAgentState = "agent.state";
inline constexpr const char* kRecordChanged = "record.changed";  // type, id, version, by, at
inline constexpr const char* kChatMessage = "chat.message";
inline constexpr const char* kCallEvent = "call.event";
// Who views or edits a customer, request or activity (R-F8): {record, id, viewers}.
// A queue's waiting tasks changed (queued, offered, taken, closed): {queue}. Queue
// lists and the supervisor view reload on it (R-A5, R-H3).
inline constexpr const char* kQueueChanged = "queue.changed";
inline constexpr const char* kPresenceChanged = "presence.changed";
// Not published: the stream sends it when it cannot replay what a client missed
// (too old, or the client fell too far behind); the client reloads its state.
inline constexpr const char* kResync = "resync";

}  // namespace care::server::events::types
