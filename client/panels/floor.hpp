#pragma once

#include "panels/panel.hpp"

namespace care::client::panels {

// The supervisor's floor (R-H3): queues with waiting tasks and the longest wait,
// agents by state with their work, handled counts and average handle time.
void draw_floor(Frame& frame);

}  // namespace care::client::panels
