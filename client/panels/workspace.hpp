#pragma once

#include "state.hpp"

namespace care::client::panels {

// The agent's workspace between the menu bar and the status line. Until work
// arrives it says who is signed in and what their state means.
void draw_workspace(const DesktopState& state);

}  // namespace care::client::panels
