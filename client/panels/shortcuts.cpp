#include "panels/shortcuts.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <string>

#include "panels/labels.hpp"
#include "ui/keyboard.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;
namespace keys = ui::keyboard;

bool pressed(int key) {
  return ImGui::IsKeyPressed(key, false);
}

const Hand* offered(const DesktopState& state) {
  for (const Hand& hand : state.hands) {
    if (hand.task.state == care::TaskState::offered) return &hand;
  }
  return nullptr;
}

// A dialog over the desktop has the keyboard to itself (Esc, Tab, its own Enter).
bool dialog_open(const DesktopState& state) {
  return state.closing.has_value() || state.palette_open || state.about_open ||
         state.keyboard_help_open;
}

}  // namespace

const std::vector<Shortcut>& shortcut_list() {
  static const std::vector<Shortcut> list = {
      {"Tab / Shift+Tab", Text::KeyNextControl},
      {"F6 / Shift+F6", Text::KeyNextPane},
      {"← ↑ → ↓", Text::KeyArrows},
      {"Enter / Space", Text::KeyPress},
      {"Esc", Text::KeyEscape},
      {"Alt", Text::KeyMenuBar},
      {"Ctrl+K", Text::KeyPalette},
      {"Alt+R", Text::Ready},
      {"Alt+N", Text::KeyNotReady},
      {"Alt+A / Ctrl+Enter", Text::KeyAcceptOffer},
      {"Alt+D", Text::KeyDeclineOffer},
      {"Alt+C", Text::KeyCloseTask},
      {"Alt+↓ / Alt+↑", Text::KeyNextTask},
      {"Alt+1 … Alt+5", Text::KeyDetailsTabs},
      {"Ctrl+= / Ctrl+- / Ctrl+0", Text::KeyZoom},
      {"F1", Text::KeyHelp},
  };
  return list;
}

const char* keys_for(Text words) {
  for (const Shortcut& shortcut : shortcut_list()) {
    if (shortcut.words == words) return shortcut.keys;
  }
  return "";
}

bool Shortcuts::shown(const Frame&) const {
  return true;  // zoom and F1 work on the sign-in form too
}

void Shortcuts::draw_content(Frame& frame) {
  const DesktopState& state = frame.state;
  const ImGuiIO& io = ImGui::GetIO();
  if (pressed(keys::kF1)) frame.ask(action::ShowKeyboardHelp{!state.keyboard_help_open});
  // Zoom works over dialogs too: it is how the agent reads one.
  if (io.KeyCtrl && !io.KeyAlt) {
    if (pressed(keys::kEqual) || pressed(keys::kPadAdd)) frame.ask(action::Zoom{+1});
    if (pressed(keys::kMinus) || pressed(keys::kPadSubtract)) frame.ask(action::Zoom{-1});
    if (pressed(keys::kZero) || pressed(keys::kPadZero)) frame.ask(action::Zoom{0});
  }
  if (state.phase != SessionPhase::SignedIn || !io.KeyAlt || io.KeyCtrl || dialog_open(state)) {
    return;
  }
  bool taken = true;
  const Hand* offer = offered(state);
  const Hand* hand = state.hand(state.selected_task);
  if (pressed('R')) {
    frame.ask(action::GoReady{});
  } else if (pressed('N')) {
    // The reason is the agent's to choose: the palette opens on the Not Ready lines.
    frame.ask(action::OpenPalette{true, tr(Text::NotReady)});
  } else if (pressed('A') && offer) {
    frame.ask(action::Accept{offer->task.id});
  } else if (pressed('D') && offer) {
    frame.ask(action::Decline{offer->task.id});
  } else if (pressed('C') && hand && hand->task.state == care::TaskState::assigned) {
    // A consulted guest does not close: they leave (issue 18).
    if (hand->guest) {
      frame.ask(action::LeaveConsult{hand->task.id});
    } else {
      frame.ask(action::StartClose{hand->task.id});
    }
  } else if (pressed(keys::kDown)) {
    frame.ask(action::StepTask{+1});
  } else if (pressed(keys::kUp)) {
    frame.ask(action::StepTask{-1});
  } else {
    taken = false;
    const DetailsTab tabs[] = {DetailsTab::Details, DetailsTab::Conversation, DetailsTab::Cases,
                               DetailsTab::Timeline, DetailsTab::Knowledge};
    for (int i = 0; i < 5; ++i) {
      if (pressed('1' + i)) {
        frame.ask(action::ShowDetailsTab{tabs[i]});
        taken = true;
      }
    }
  }
  if (taken) {
    keys::shortcut_taken();
    ImGui::NavMoveRequestCancel();  // Alt+arrow moves through tasks, not the focus
  }
}

std::string KeyboardHelp::title() const {
  return label(Text::MenuKeyboard, "keyboard-help");
}

void KeyboardHelp::draw_content(Frame&) {
  if (ImGui::BeginTable("##shortcuts", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
    for (const Shortcut& shortcut : shortcut_list()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ui::text(shortcut.keys);
      ImGui::TableNextColumn();
      ui::text(tr(shortcut.words));
    }
    ImGui::EndTable();
  }
}

}  // namespace care::client::panels
