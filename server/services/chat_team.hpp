#pragma once
// Who works a chat (issue 18, consult): the agent holding its task and the colleagues
// invited into it. They all hear its lines and typing, and may write in it.
#include <cstdint>
#include <vector>

#include "care/model/common.hpp"
#include "store/store.hpp"

namespace care::server::services {

// The agent the task is offered or assigned to first, then its guests (while assigned).
// Empty when nobody has it (queued, closed, or no task).
std::vector<std::int64_t> chat_team(store::Store& store, Id activity);

}  // namespace care::server::services
