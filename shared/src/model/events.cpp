#include "care/events.hpp"

#include "care/event_names.hpp"

namespace care {

std::string_view event_type(const EventData& data) {
  struct Name {
    std::string_view operator()(const TaskOffered&) const { return event_names::task_offered; }
    std::string_view operator()(const TaskWithdrawn&) const { return event_names::task_withdrawn; }
    std::string_view operator()(const TaskAssigned&) const { return event_names::task_assigned; }
    std::string_view operator()(const AgentStateChanged&) const { return event_names::agent_state; }
    std::string_view operator()(const RecordChanged&) const { return event_names::record_changed; }
    std::string_view operator()(const ChatMessageAdded&) const { return event_names::chat_message; }
    std::string_view operator()(const ChatTyping&) const { return event_names::chat_typing; }
    std::string_view operator()(const ChatJoined&) const { return event_names::chat_joined; }
    std::string_view operator()(const ChatEnded&) const { return event_names::chat_ended; }
    std::string_view operator()(const ChatQueuePlace&) const { return event_names::chat_queue; }
    std::string_view operator()(const CallEventAdded&) const { return event_names::call_event; }
    std::string_view operator()(const QueueChanged&) const { return event_names::queue_changed; }
    std::string_view operator()(const PresenceChanged&) const {
      return event_names::presence_changed;
    }
    std::string_view operator()(const Resync&) const { return event_names::resync; }
    std::string_view operator()(const MentionAdded&) const { return event_names::mention_added; }
    std::string_view operator()(const ChatTransferring&) const {
      return event_names::chat_transferring;
    }
  };
  return std::visit(Name{}, data);
}

}  // namespace care
