#include "ui/keyboard.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <array>
#include <vector>

#include "automation/records.hpp"
#include "platform/platform.hpp"

namespace care::client::ui::keyboard {
namespace {

struct Panes {
  // The windows the panes drew into last frame and this one (null: not shown).
  std::array<ImGuiWindow*, static_cast<size_t>(Pane::Count)> last{}, now{};
  int move = 0;  // F6 pressed: +1, Shift+F6: -1, handled once the panes are known
  // tab_from(): the field Tab left and the way it went, for the next frame.
  ImGuiID tab_from = 0;
  int tab_step = 0;
};

Panes& panes() {
  static Panes instance;
  return instance;
}

// Characters held back from the frame in which the keyboard opens a text field.
std::vector<ImWchar>& held_characters() {
  static std::vector<ImWchar> instance;
  return instance;
}

// ImGui 1.86 drops the characters that come in the frame in which the keyboard opens a
// text field (Tab, the palette's Ctrl+K, Enter on a field), and nothing takes those of
// the frame in which Tab leaves one: the first letter of a fast typist went missing. They
// wait for the next frame, in order before any that come then, when the field has them.
void hold_characters_for_field(ImGuiContext& g) {
  std::vector<ImWchar>& held = held_characters();
  ImVector<ImWchar>& queue = g.IO.InputQueueCharacters;
  if (!held.empty()) {
    held.insert(held.end(), queue.begin(), queue.end());
    queue.resize(0);
    for (ImWchar c : held)
      queue.push_back(c);
    held.clear();
  }
  const bool opening =
      (g.NavActivateInputId != 0 && g.ActiveId != g.NavActivateInputId) || g.NavNextActivateId != 0;
  if (!opening || queue.empty()) return;
  held.assign(queue.begin(), queue.end());
  queue.resize(0);
  wake_ui();
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

// Tab / Shift+Tab: every enabled control of the focused pane (and the windows inside
// it) in reading order, which is last frame's submission order in the automation
// records. A text field is opened for typing; any other control only gets focus.
// `from`: the control to go on from (ImGui's navigation focus unless given).
void tab_to_next(int step, ImGuiID from = 0) {
  ImGuiContext& g = *GImGui;
  if (from == 0) from = g.NavId;
  ImGuiWindow* scope = g.NavWindow ? g.NavWindow->RootWindowForNav : nullptr;
  if (from != g.NavId) {
    for (const automation::Item& item : automation::recorder().last_frame) {
      if (item.id != from || item.is_text) continue;
      if (ImGuiWindow* window = ImGui::FindWindowByID(item.window_id)) {
        scope = window->RootWindowForNav;
      }
      break;
    }
  }
  if (!scope) return;
  struct Stop {
    ImGuiID id;
    ImGuiWindow* window;
    ImRect rect;
    bool field;
  };
  std::vector<Stop> stops;
  int at = -1;      // the focused control's stop
  int before = -1;  // the stop after a focused control that is no stop (disabled)
  for (const automation::Item& item : automation::recorder().last_frame) {
    if (item.is_text || item.id == 0 || item.window_hidden) continue;
    ImGuiWindow* window = ImGui::FindWindowByID(item.window_id);
    if (!window || !is_or_inside(window, scope)) continue;
    const bool field = (item.in_flags & ImGuiItemFlags_Inputable) != 0;
    if (item.id == from && at < 0) before = static_cast<int>(stops.size());
    if (item.in_flags & (ImGuiItemFlags_Disabled | ImGuiItemFlags_NoNav)) continue;
    if (!field && automation::display_text(item.label).empty()) continue;  // scrollbars, grips
    bool seen =
        std::any_of(stops.begin(), stops.end(), [&](const Stop& s) { return s.id == item.id; });
    if (seen) continue;  // a multi-line field is also its own child window's item
    if (item.id == from) at = static_cast<int>(stops.size());
    stops.push_back({item.id, window, item.rect, field});
  }
  if (stops.empty()) return;
  const int n = static_cast<int>(stops.size());
  int next = at >= 0       ? at + step
             : before >= 0 ? (step > 0 ? before : before - 1)
                           : (step > 0 ? 0 : n - 1);
  const Stop& stop = stops[static_cast<size_t>((next % n + n) % n)];
  ImGui::ClearActiveID();
  ImGui::FocusWindow(stop.window);
  ImGui::SetFocusID(stop.id, stop.window);
  ImGui::ScrollToRectEx(stop.window, stop.rect, ImGuiScrollFlags_KeepVisibleEdgeY);
  if (stop.field) {
    g.NavNextActivateId = stop.id;
    g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput | ImGuiActivateFlags_TryToPreserveState;
  }
  show_ring();
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

  const bool tab = pressed(ImGui::GetKeyIndex(ImGuiKey_Tab)) && !io.KeyCtrl && !io.KeyAlt;
  // Only where ImGui itself would tab (a field that keeps Tab, e.g. the tag field, did
  // not ask): ImGui 1.86 stops only at text fields, and starts over from a button.
  if (tab && g.NavMoveSubmitted && (g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing)) {
    ImGui::NavMoveRequestCancel();
    tab_to_next(io.KeyShift ? -1 : +1);
  }
  if (p.tab_step != 0) {
    tab_to_next(p.tab_step, p.tab_from);
    p.tab_from = 0;
    p.tab_step = 0;
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
  hold_characters_for_field(g);
}

void pane(Pane which) {
  panes().now[static_cast<size_t>(which)] = ImGui::GetCurrentWindow();
}

void tab_from(ImGuiID from, int step) {
  panes().tab_from = from;
  panes().tab_step = step;
}

void shortcut_taken() {
  GImGui->NavWindowingToggleLayer = false;
}

}  // namespace care::client::ui::keyboard
