#pragma once

#include "actions.hpp"
#include "state.hpp"

namespace care::client::panels {

// Ctrl+K (R-J8): one field that reaches every action, task and recent customer by
// typing; Enter runs the first match, a click runs any.
Action draw_command_palette(DesktopState& state);

}  // namespace care::client::panels
