#pragma once
// The automation layer's per-frame records, shared by its two readers: the JSON for
// browser tests (automation.cpp) and the accessibility mirror (mirror.cpp).
#include <imgui.h>
#include <imgui_internal.h>

#include <cstdint>
#include <string>
#include <vector>

#include "automation/automation.hpp"

namespace care::client::automation {

struct Item {
  ImGuiID id = 0;
  std::string label;
  std::string window;
  ImRect rect;
  ImRect clip;                                // what the window (or table cell) lets show of it
  bool scrolls_x = false, scrolls_y = false;  // a scrollbar: a cut-off there is no fault
  bool visible = false;
  bool is_text = false;
  ImGuiItemStatusFlags flags = 0;
  // For the mirror: where the item is and what ImGui knew of it when it was added.
  ImGuiID window_id = 0;
  ImGuiWindowFlags window_flags = 0;
  bool window_hidden = false;   // a popup's first frame, laid out unseen
  bool in_menu = false;         // the menu bar, or a menu's popup
  ImGuiItemFlags in_flags = 0;  // Inputable (a text field), Disabled
  // What the widget helpers and panels noted where the hooks cannot tell.
  Role role = Role::Auto;
  bool chosen = false;  // a tab's or a row's selection, a radio button's check
  bool has_name = false, has_value = false, password = false;
  std::string name;   // a text field's accessible name (its hint, the words before it)
  std::string value;  // a text field's text while it is not being edited
};

struct Recorder {
  std::vector<Item> building;
  std::vector<Item> last_frame;
  std::uint64_t frame = 0;
};

Recorder& recorder();

// Text typed into the mirror reaches ImGui's field (after NewFrame, before the panels).
void apply_mirror_requests();

// "Accept##offer-12" shows "Accept"; "Save###details" shows "Save".
std::string display_text(const std::string& label);

}  // namespace care::client::automation
