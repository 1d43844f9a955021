#pragma once
// Internal notes with @mentions (issue 18): the note field that completes "@name" from
// the agent directory, a note's line in a transcript, and the menu of mentions of me.
#include <string>

#include "care/model.hpp"
#include "panels/panel.hpp"

namespace care::client::panels {

// A one-line note field: typing "@" and letters offers the agents whose display name
// has a word starting so; ↑/↓ move, Enter or Tab takes one ("@Name "), Esc closes the
// list (the note stays). True when Enter was pressed to add the note.
bool note_field(Frame& frame, const char* id, const char* hint, std::string& text);

// A note in a conversation's timeline: tinted, marked "Internal note", its author and
// `when` it was written.
void draw_note_line(const care::Comment& note, const std::string& when);

// The menu bar's "@ Mentions (n)": the mentions of me, newest first; choosing one opens
// its record.
void draw_mentions_menu(Frame& frame);

}  // namespace care::client::panels
