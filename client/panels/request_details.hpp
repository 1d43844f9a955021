#pragma once

#include "panels/panel.hpp"

namespace care::client::panels {

// The request on screen (a task's, or the one of the activity selected in a journey),
// its title and description edited in place with counters and Save (R-C1), who saved
// meanwhile and when, with Yours beside Theirs for a field both changed (R-E1), and
// who else is here (R-F8).
void draw_request_details(Frame& frame, const care::Request* shown);

}  // namespace care::client::panels
