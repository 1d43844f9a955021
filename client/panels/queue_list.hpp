#pragma once

#include "actions.hpp"
#include "state.hpp"

namespace care::client::panels {

// The queue list (R-A5): waiting tasks of my queues, longest waiting first. Selecting
// one previews its customer, request and activity; Accept pulls it.
void draw_queue_list(const DesktopState& state, Action& action);
void draw_queue_preview(const DesktopState& state, Action& action);

}  // namespace care::client::panels
