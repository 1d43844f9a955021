#pragma once

#include "panels/panel.hpp"

namespace care::client::panels {

// Ctrl+K (R-J8): one field that reaches every action, task and recent customer by
// typing; Enter runs the first match, a click runs any; Esc closes it.
class CommandPalette final : public Modal {
 public:
  CommandPalette() : Modal(ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize) {}

 protected:
  bool shown(const Frame& frame) const override;
  std::string title() const override { return "###palette"; }
  void place(const Frame& frame) override;
  void dismiss(Frame& frame) override;
  void draw_content(Frame& frame) override;
};

}  // namespace care::client::panels
