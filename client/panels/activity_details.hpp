#pragma once

#include "panels/panel.hpp"

namespace care::client::panels {

// The activity in hand: its channel, Move to another request (R-C6), tags added by
// Enter or Tab and removed by × (R-C4), and comments (R-C5).
void draw_activity_details(Frame& frame, const Hand& hand);

}  // namespace care::client::panels
