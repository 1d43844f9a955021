#pragma once

#include "panels/panel.hpp"

namespace care::client::panels {

// The queue list (R-A5): waiting tasks of my queues, longest waiting first. Selecting
// one previews its customer, request and activity; Accept pulls it.
void draw_queue_list(Frame& frame);
void draw_queue_preview(Frame& frame);

}  // namespace care::client::panels
