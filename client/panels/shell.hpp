#pragma once

#include "actions.hpp"
#include "state.hpp"

namespace care::client::panels {

// The desktop's frame: menu bar (with the state control when signed in), the
// status line, and the About box. Draw it first; the workspace goes between.
Action draw_shell(const DesktopState& state);

}  // namespace care::client::panels
