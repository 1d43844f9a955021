#pragma once

#include "panels/panel.hpp"

namespace care::client::panels {

// The desktop's frame: the menu bar (with the state control when signed in), the
// status line at the bottom, and the About box. The workspace goes between.
class MainMenu final : public MenuBar {
 protected:
  void draw_content(Frame& frame) override;
};

class StatusLine final : public Window {
 public:
  StatusLine();

 protected:
  void place(const Frame& frame) override;
  void draw_content(Frame& frame) override;
};

class AboutBox final : public Modal {
 public:
  AboutBox() : Modal(ImGuiWindowFlags_AlwaysAutoResize) {}

 protected:
  bool shown(const Frame& frame) const override { return frame.state.about_open; }
  std::string title() const override;
  void dismiss(Frame& frame) override { frame.ask(action::ShowAbout{false}); }
  void draw_content(Frame& frame) override;
};

}  // namespace care::client::panels
