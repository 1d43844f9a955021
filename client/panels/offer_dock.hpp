#pragma once

#include "panels/panel.hpp"

namespace care::client::panels {

// R-A3: the offer, docked in a strip across the top of the work area, which moves
// the columns down while it is there instead of lying over them: the call controls,
// the transcript and the composer stay where the agent can use them. Channel,
// customer, subject, first line, countdown, Accept and Decline. It never takes the
// keyboard: a line being typed goes on into its own field.
bool offer_docked(const DesktopState& state);
float offer_dock_height();
void draw_offer_dock(Frame& frame);

}  // namespace care::client::panels
