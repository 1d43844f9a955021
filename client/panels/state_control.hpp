#pragma once

#include "actions.hpp"
#include "state.hpp"

namespace care::client::panels {

// Ready / Not Ready with reasons, at the right of the menu bar (R-A2). The state
// shown is the server's: a change shows once the server has answered.
void draw_state_control(const DesktopState& state, Action& action);

}  // namespace care::client::panels
