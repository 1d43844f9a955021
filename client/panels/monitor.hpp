#pragma once

#include "panels/panel.hpp"

namespace care::client::panels {

// A chat a supervisor monitors from the floor (issue 18), beside the floor: the
// transcript as it grows, a line to barge in with, and Stop monitoring.
void draw_monitor(Frame& frame);

}  // namespace care::client::panels
