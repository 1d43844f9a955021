#pragma once

#include "actions.hpp"
#include "state.hpp"

namespace care::client::panels {

// R-D3, R-F10: the questions care::questions_before_close asks, then Close.
Action draw_close_dialog(DesktopState& state);

}  // namespace care::client::panels
