#pragma once

#include <imgui.h>
#include <imgui_internal.h>

#include <string>
#include <vector>

namespace care::client::automation {

// Every frame, ImGui's test-engine hooks report each widget (id, label, rectangle,
// window); this module keeps the last complete frame's list for JavaScript
// (`window.careDesktop.items()`), so browser tests find "Accept" by its label and
// click its centre. It is always on: it costs a vector push per widget.
void begin_frame();
void end_frame();

// Plain text has no id in ImGui and so no hook; the desktop's text helper reports it.
void note_text(const char* text);
// Text whose extent is not the last item's (a header's words inside its cell).
void note_text_at(const char* text, ImVec2 min, ImVec2 max);

// The accessibility mirror (web/mirror.js) builds a hidden DOM from the same records;
// roles come from ImGui's flags where its hooks tell (text fields, checkboxes, menus,
// tree nodes, modal windows) and from these notes on the last item where they do not.
enum class Role : unsigned char { Auto, Tab, Option, Radio };
// A tab (chosen: the one shown), a list row (chosen: selected), a radio button (chosen:
// checked).
void note_role(Role role, bool chosen);
// A text field's accessible name (its hint, or the label beside it) and its text, shown
// to assistive technology while ImGui does not hold the field active. A password's text
// is never copied out.
void note_field(const char* name, const std::string& value, bool password = false);

// Words a screen reader says at once, not tied to an item: an offer (assertive), a
// customer's new line (polite), an error or a conflict caution (an alert). No-op natively.
enum class Urgency { Polite, Assertive, Alert };
void announce(const std::string& text, Urgency urgency);
// The same, once per `key` among the last few said: panels draw every frame and keep
// no state of their own, so the memory of what was said lives here.
void announce_once(const std::string& key, const std::string& text, Urgency urgency);

// The mirror's view of the last frame as JSON (see mirror.cpp), or "" when it is the
// same as the one taken before.
std::string mirror_json();

// Where each widget was on the last complete frame (what the agent saw), to tell
// whether a click after the content jumped lands on the widget it was aimed at.
struct WidgetSpot {
  ImGuiID id = 0;
  ImRect area;  // the part that showed: the widget's rectangle within its clip
};
std::vector<WidgetSpot> widget_spots();
// The widget at `point` among `spots` (the innermost); 0 for none.
ImGuiID widget_at(const std::vector<WidgetSpot>& spots, ImVec2 point);

// Until when (unix ms) the work area holds clicks back after its content jumped
// (PointerGuard); items_json says how long that is from now, so a test clicks as a
// person would, after the jump.
void note_pointer_held(long long until_unix_ms);

// The last frame's widgets as JSON:
// {"frame":N,"pointer_held_ms":N,"items":[{"id","label","text","kind","window","x","y","w","h","visible",
//   "clip":[x,y,w,h],"scrolls":[x,y],"checked","chosen","focused","ring","active"}…]}
std::string items_json();

// True when the last frame showed a widget or text whose visible text is `text`.
bool shows(const std::string& text);

}  // namespace care::client::automation
