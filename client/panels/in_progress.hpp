#pragma once

#include "panels/panel.hpp"

namespace care::client::panels {

// The left column's In progress (R-A6): the tasks in my hands with the time since I
// took them, then the closed work items (R-F7).
void draw_in_progress(Frame& frame);

}  // namespace care::client::panels
