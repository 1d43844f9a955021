#pragma once

#include "actions.hpp"
#include "state.hpp"

namespace care::client::panels {

// A strip under the menu bar while the server cannot be reached (R-J5): when the
// next try is, and a button to try now. Nothing is drawn while connected.
Action draw_connection_banner(const DesktopState& state, double now);

}  // namespace care::client::panels
