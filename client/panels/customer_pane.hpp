#pragma once

#include "panels/panel.hpp"

namespace care::client::panels {

// The customer management pane (R-D4): Search (name, email, phone, request title),
// the customers open in my tasks, and Recent. Picking one opens it.
void draw_customer_list(Frame& frame);

// The opened customer: details with Save (R-D2, R-E1), Add request (R-C6), and the
// journey (R-D5) grouped by request, newest first, filtered by channel; only the
// visible rows are drawn, so thousands cost what a screenful costs.
void draw_customer_view(Frame& frame);
// The journey's selected activity, in full.
void draw_journey_details(const DesktopState& state);

}  // namespace care::client::panels
