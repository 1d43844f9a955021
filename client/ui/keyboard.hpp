#pragma once
// Working the whole desktop by keyboard (issue 16, R-J8): ImGui's own navigation,
// made to stop at every control as a web page does, to show where it is, and to move
// between the panes.
#include <imgui.h>

namespace care::client::ui::keyboard {

// GLFW's key codes, which both builds give ImGui (ImGui 1.86 names only a few keys).
inline constexpr int kF1 = 290, kF6 = 295, kUp = 265, kDown = 264, kEqual = 61, kMinus = 45,
                     kPadAdd = 334, kPadSubtract = 333, kZero = 48, kPadZero = 320;

// Once, after the context is made: arrow keys, Space, Enter and Esc drive ImGui's
// navigation, and the focus ring is drawn where it is.
void enable();
// Right after ImGui::NewFrame(): Tab goes through every control of the pane in reading
// order (ImGui 1.86 stops only at text fields); Enter presses a focused control; a move
// by keyboard shows the focus ring; F6 / Shift+F6 go to the next pane.
void begin_frame();

// The panes F6 goes through, in this order. A pane calls pane() first thing inside
// its window, every frame it shows.
enum class Pane { Offer, Left, Communication, Details, Count };
void pane(Pane which);

// A field that keeps Tab for itself (the tag field) was left empty by Tab or Shift+Tab:
// next frame, focus goes on from `from` to the next (step +1) or previous (-1) control
// in the same order as Tab everywhere else.
void tab_from(ImGuiID from, int step);

// A shortcut with Alt was taken: Alt's release must not also open the menu bar.
void shortcut_taken();

}  // namespace care::client::ui::keyboard
