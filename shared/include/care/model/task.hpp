#pragma once

#include <optional>
#include <string>
#include <vector>

#include "care/model/common.hpp"

namespace care {

// A routed piece of work offering one activity to an agent:
// queued -> offered -> assigned -> closed; an offer not accepted in time goes back to
// queued (R-A3); an agent may also take a queued task directly from the queue list (R-A5).
enum class TaskState { queued, offered, assigned, closed };
constexpr auto names_of(std::type_identity<TaskState>) {
  return std::array<std::string_view, 4>{"queued", "offered", "assigned", "closed"};
}

struct Task {
  Id id = 0;
  Id activity = 0;
  Id queue = 0;
  Channel channel = Channel::chat;
  TaskState state = TaskState::queued;
  std::vector<std::string> skills;     // needed beyond the queue's (R-F1 re-routing)
  Time waiting_since{};                // kept when an offer is missed: wait time counts on
  std::optional<Id> agent;             // offered to / assigned to
  std::optional<Time> offer_deadline;  // while offered
  std::optional<Time> assigned_at;
  std::optional<Time> closed_at;
  Version version = 1;

  bool operator==(const Task&) const = default;
};

}  // namespace care
