#pragma once

#include "actions.hpp"
#include "state.hpp"

namespace care::client::panels {

// Whether the customer of this task is open with edits not yet saved (R-D3).
bool customer_form_unsaved(const DesktopState& state, const Hand& hand);

// R-D3, R-F10: the questions care::questions_before_close asks, then Close.
Action draw_close_dialog(DesktopState& state);

}  // namespace care::client::panels
