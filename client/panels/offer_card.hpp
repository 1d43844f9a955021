#pragma once

#include "actions.hpp"
#include "state.hpp"

namespace care::client::panels {

// R-A3: the offer, prominent, with its channel, customer, countdown and Accept
// (Ctrl+Enter too). `now` is ImGui time; the deadline is compared with the wall clock.
Action draw_offer_card(const DesktopState& state, double now);

}  // namespace care::client::panels
