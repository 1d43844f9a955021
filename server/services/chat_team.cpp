#include "services/chat_team.hpp"

#include "care/rules/transfer.hpp"

namespace care::server::services {

std::vector<std::int64_t> chat_team(store::Store& store, Id activity) {
  std::vector<std::int64_t> team;
  auto task = store.task_of_activity(activity);
  if (!task || !task->agent || task->state == TaskState::closed) return team;
  team.push_back(*task->agent);
  if (task->state != TaskState::assigned) return team;
  for (Id guest : consult_guests(store.handoffs_of(activity), task->id))
    team.push_back(guest);
  return team;
}

}  // namespace care::server::services
