#pragma once

#include "panels/panel.hpp"

namespace care::client::panels {

// The task's customer; for an unknown contact, a form prefilled from what the channel
// told (contact or account, name, email, phone) and Create customer (R-D1–D3).
void draw_customer_form(Frame& frame, const Hand& hand);

}  // namespace care::client::panels
