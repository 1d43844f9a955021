#pragma once
// The desktop's keyboard shortcuts (issue 16, R-J8): one table, read by the handler
// every frame, shown under Help → Keyboard shortcuts (F1) and beside the palette's
// commands.
#include <vector>

#include "i18n/i18n.hpp"
#include "panels/panel.hpp"

namespace care::client::panels {

struct Shortcut {
  const char* keys;  // "Alt+R": key names read the same in every language here
  i18n::Text words;
};
const std::vector<Shortcut>& shortcut_list();
// The keys of the shortcut that does `words` ("" when none), for the palette.
const char* keys_for(i18n::Text words);

// Acts on the shortcuts; draws nothing.
class Shortcuts final : public Panel {
 protected:
  bool shown(const Frame& frame) const override;
  void draw_content(Frame& frame) override;

 private:
  bool open(Frame&, bool shown) override { return shown; }
  void close(bool) override {}
};

class KeyboardHelp final : public Modal {
 public:
  KeyboardHelp() : Modal(ImGuiWindowFlags_AlwaysAutoResize) {}

 protected:
  bool shown(const Frame& frame) const override { return frame.state.keyboard_help_open; }
  std::string title() const override;
  void dismiss(Frame& frame) override { frame.ask(action::ShowKeyboardHelp{false}); }
  void draw_content(Frame& frame) override;
};

}  // namespace care::client::panels
