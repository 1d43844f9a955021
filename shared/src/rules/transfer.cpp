#include "care/rules/transfer.hpp"

#include <algorithm>

namespace care {

Result<Task> transfer_task(const Task& task, std::optional<Id> queue, Time now) {
  if (task.state != TaskState::assigned) {
    return make_error(ErrorCode::conflict, "task",
                      "only a task in an agent's hands is transferred");
  }
  Task out = task;
  out.state = TaskState::queued;
  if (queue) out.queue = *queue;
  out.agent.reset();
  out.offer_deadline.reset();
  out.assigned_at.reset();
  out.waiting_since = now;
  out.version += 1;
  return out;
}

std::vector<Id> consult_guests(std::span<const Handoff> handoffs, Id task) {
  std::vector<Id> guests;
  for (const Handoff& line : handoffs) {
    if (line.task != task || !line.to_agent) continue;
    std::erase(guests, *line.to_agent);
    if (line.kind == HandoffKind::consult) guests.push_back(*line.to_agent);
  }
  return guests;
}

std::optional<Handoff> pending_transfer(std::span<const Handoff> handoffs, const Task& task) {
  if (task.state != TaskState::queued && task.state != TaskState::offered) return std::nullopt;
  for (auto line = handoffs.rbegin(); line != handoffs.rend(); ++line) {
    if (line->task == task.id && line->kind == HandoffKind::transfer) return *line;
  }
  return std::nullopt;
}

}  // namespace care
