#pragma once

#include <string>

#include "panels/panel.hpp"

namespace care::client::panels {

// Transfer and consult (issue 18, R-K1): to a queue or an agent, with a note; or a
// colleague invited into the chat. Esc closes it; Tab, the arrows and Enter work it.
class TransferDialog final : public Modal {
 public:
  TransferDialog() : Modal(ImGuiWindowFlags_AlwaysAutoResize, false) {}

 protected:
  bool shown(const Frame& frame) const override;
  std::string title() const override;
  void place(const Frame& frame) override;
  void dismiss(Frame& frame) override { frame.ask(action::CancelHanding{}); }
  void draw_content(Frame& frame) override;

 private:
  bool consult_ = false;  // what the title says: set by shown() each frame
};

}  // namespace care::client::panels
