#pragma once

#include "panels/panel.hpp"

namespace care::client::panels {

// Whether the customer of this task is open with edits not yet saved (R-D3).
bool customer_form_unsaved(const DesktopState& state, const Hand& hand);

// R-D3, R-F10: the questions care::questions_before_close asks, then Close.
class CloseDialog final : public Modal {
 public:
  CloseDialog() : Modal(ImGuiWindowFlags_AlwaysAutoResize, false) {}

 protected:
  bool shown(const Frame& frame) const override;
  std::string title() const override;
  void place(const Frame& frame) override;
  void dismiss(Frame& frame) override { frame.ask(action::CancelClose{}); }
  void draw_content(Frame& frame) override;
};

}  // namespace care::client::panels
