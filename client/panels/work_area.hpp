#pragma once

#include "actions.hpp"
#include "state.hpp"

namespace care::client::panels {

// The signed-in desktop (R-J1): In progress on the left (R-A6), the communication
// panel in the middle (R-B1–B3), request and activity details on the right (R-C).
// Edits go into the state's buffers; saving is an action.
Action draw_work_area(DesktopState& state, double now);

}  // namespace care::client::panels
