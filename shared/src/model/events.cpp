#include "care/events.hpp"

namespace care {

std::string_view event_type(const EventData& data) {
  struct Name {
    std::string_view operator()(const TaskOffered&) const { return "task.offered"; }
    std::string_view operator()(const TaskWithdrawn&) const { return "task.withdrawn"; }
    std::string_view operator()(const TaskAssigned&) const { return "task.assigned"; }
    std::string_view operator()(const AgentStateChanged&) const { return "agent.state"; }
    std::string_view operator()(const RecordChanged&) const { return "record.changed"; }
    std::string_view operator()(const ChatMessageAdded&) const { return "chat.message"; }
    std::string_view operator()(const CallEventAdded&) const { return "call.event"; }
    std::string_view operator()(const Resync&) const { return "resync"; }
  };
  return std::visit(Name{}, data);
}

}  // namespace care
