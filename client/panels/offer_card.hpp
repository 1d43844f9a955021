#pragma once

#include "panels/panel.hpp"

namespace care::client::panels {

// R-A3: the offer, prominent, with its channel, customer, countdown and Accept
// (Ctrl+Enter too). The deadline is compared with the frame's wall clock.
class OfferCard final : public Window {
 public:
  OfferCard();

 protected:
  bool shown(const Frame& frame) const override;
  void place(const Frame& frame) override;
  void draw_content(Frame& frame) override;
};

}  // namespace care::client::panels
