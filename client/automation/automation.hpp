#pragma once

#include <imgui.h>

#include <string>

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

// The last frame's widgets as JSON:
// {"frame":N,"items":[{"id","label","text","kind","window","x","y","w","h","visible",
//   "clip":[x,y,w,h],"scrolls":[x,y],"checked","focused","ring","active"}…]}
std::string items_json();

// True when the last frame showed a widget or text whose visible text is `text`.
bool shows(const std::string& text);

}  // namespace care::client::automation
