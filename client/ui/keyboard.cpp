#include "ui/keyboard.hpp"

#include <imgui_internal.h>

#include <array>

namespace care::client::ui::keyboard {
namespace {

struct Panes {
  // The windows the panes drew into last frame and this one (null: not shown).
  std::array<ImGuiWindow*, static_cast<size_t>(Pane::Count)> last{}, now{};
  int move = 0;  // F6 pressed: +1, Shift+F6: -1, handled once the panes are known
};

Panes& panes() {
  static Panes instance;
  return instance;
}

bool pressed(int key) {
  return ImGui::IsKeyPressed(key, false);
}

bool is_or_inside(const ImGuiWindow* window, const ImGuiWindow* pane) {
  for (; window; window = window->ParentWindow) {
    if (window == pane) return true;
  }
  return false;
}

bool modal_open() {
  ImGuiContext& g = *GImGui;
  for (const ImGuiPopupData& popup : g.OpenPopupStack) {
    if (popup.Window && (popup.Window->Flags & ImGuiWindowFlags_Modal)) return true;
  }
  return false;
}

void show_ring() {
  ImGuiContext& g = *GImGui;
  g.NavDisableHighlight = false;
  g.NavDisableMouseHover = true;
}

// F6: the pane after the one holding focus, wrapping; from outside any pane, the first.
void focus_next_pane(int step) {
  Panes& p = panes();
  ImGuiContext& g = *GImGui;
  const int count = static_cast<int>(Pane::Count);
  int at = -1;
  for (int i = 0; i < count; ++i) {
    if (p.last[i] && is_or_inside(g.NavWindow, p.last[i])) at = i;
  }
  for (int tried = 1; tried <= count; ++tried) {
    int next = at < 0 ? (step > 0 ? tried - 1 : count - tried)
                      : ((at + step * tried) % count + count) % count;
    ImGuiWindow* window = p.last[next];
    if (!window || window->Hidden) continue;
    ImGui::FocusWindow(window);
    ImGui::NavInitWindow(window, true);
    show_ring();
    return;
  }
}

}  // namespace

void enable() {
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
}

void begin_frame() {
  ImGuiContext& g = *GImGui;
  ImGuiIO& io = g.IO;
  Panes& p = panes();
  p.last = p.now;
  p.now = {};

  // ImGui 1.86 stops Tab only at text fields; an agent expects every control. A tab
  // stop that is not a text field gets focus, not a press (ImGui asks such an item
  // for text input, which buttons ignore).
  ImGui::PushItemFlag(ImGuiItemFlags_Inputable, true);

  const bool tab = pressed(ImGui::GetKeyIndex(ImGuiKey_Tab)) && !io.KeyCtrl && !io.KeyAlt;
  if (tab) {
    // ImGui 1.86 starts over at the window's first control when no text field is
    // being edited; from a focused button the next one is meant.
    if (g.NavMoveSubmitted && (g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing) &&
        g.NavTabbingDir == 0 && g.NavId != 0) {
      g.NavTabbingDir = +1;
    }
    show_ring();
  }
  const int arrows[] = {ImGuiKey_UpArrow, ImGuiKey_DownArrow, ImGuiKey_LeftArrow,
                        ImGuiKey_RightArrow};
  for (int arrow : arrows) {
    if (g.ActiveId == 0 && !io.KeyAlt && pressed(ImGui::GetKeyIndex(arrow))) show_ring();
  }

  // Enter presses the focused control, as Space does (ImGui 1.86 gives Enter only to
  // text fields). Not while a field is being edited: there Enter is the field's.
  if (g.ActiveId == 0 && g.NavId != 0 && !g.NavDisableHighlight && !io.KeyCtrl && !io.KeyAlt &&
      (pressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
       pressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter)))) {
    g.NavActivateId = g.NavActivateDownId = g.NavActivatePressedId = g.NavId;
    g.NavActivateFlags = ImGuiActivateFlags_None;
  }

  if (pressed(kF6) && !io.KeyCtrl && !io.KeyAlt && !modal_open()) {
    focus_next_pane(io.KeyShift ? -1 : +1);
  }
}

void item_added(ImGuiID id) {
  ImGuiContext& g = *GImGui;
  if (id != g.NavId || !g.NavMoveScoringItems || !(g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing)) {
    return;
  }
  if (!(g.LastItemData.InFlags & ImGuiItemFlags_Disabled)) return;  // ImGui counted it
  if (g.NavTabbingDir == +1 && g.NavTabbingCounter < 0) {
    g.NavTabbingCounter = 1;  // the next stop is the one
  } else if (g.NavTabbingDir == -1 && g.NavMoveResultLocal.ID != 0) {
    g.NavMoveScoringItems = false;  // the stop before it is the one
  }
}

void end_frame() {
  ImGuiContext& g = *GImGui;
  // The focused control is gone altogether: Tab starts over at the pane's first stop
  // rather than doing nothing.
  if (g.NavMoveScoringItems && (g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing) &&
      g.NavTabbingDir == +1 && g.NavTabbingCounter < 0) {
    g.NavTabbingDir = 0;
  }
  ImGui::PopItemFlag();
}

void pane(Pane which) {
  panes().now[static_cast<size_t>(which)] = ImGui::GetCurrentWindow();
}

bool moving_by_keyboard() {
  return !GImGui->NavDisableHighlight;
}

void shortcut_taken() {
  GImGui->NavWindowingToggleLayer = false;
}

}  // namespace care::client::ui::keyboard
