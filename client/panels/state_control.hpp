#pragma once

#include "panels/panel.hpp"

namespace care::client::panels {

// Ready / Not Ready with reasons, at the right of the menu bar (R-A2). The state
// shown is the server's: a change shows once the server has answered.
void draw_state_control(Frame& frame);

}  // namespace care::client::panels
