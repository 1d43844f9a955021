#pragma once

#include <string>

#include "panels/panel.hpp"

namespace care::client::panels {

// Whether the customer of this task is open with edits not yet saved (R-D3).
bool customer_form_unsaved(const DesktopState& state, const Hand& hand);

// What the agent typed for the task on screen and has not sent or saved (R-J5): the
// composer's line, a comment, the request's fields. Empty when all is settled.
struct UnsentWork {
  std::string line;
  std::string comment;
  bool request_fields = false;
  bool any() const { return !line.empty() || !comment.empty() || request_fields; }
};
UnsentWork unsent_work(const DesktopState& state, const Hand& hand);

// R-D3, R-F10, R-J5: the questions care::questions_before_close asks, then Close.
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
