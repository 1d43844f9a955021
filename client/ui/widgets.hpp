#pragma once

#include <imgui.h>

#include <cstddef>
#include <string>

#include "ui/theme.hpp"

namespace care::client::ui {

// Text that the automation layer can see (ImGui gives plain text no id or hook).
void text(const char* text);
void text_disabled(const char* text);
void text_wrapped(const char* text);
// Coloured by meaning (ui/theme.hpp), readable in every theme.
void text_tone(Tone tone, const char* text);
// One line at most `width` wide: cut at a character with "…" when longer (names,
// subjects, previews in narrow columns). The automation layer sees the whole text.
void text_fitted(const char* text, float width, bool disabled = false);
// The same cut, as a string: for labels of rows and buttons.
std::string fit(const char* text, float width);
// A sign that something worked ("Saved"): full for a few seconds, then fading out.
// `age` is seconds since it happened; false once it is gone (the caller forgets it).
inline constexpr double kSignShows = 3.0, kSignFades = 2.0;
bool fading_sign(Tone tone, const char* text, double age);
// SetKeyboardFocusHere() gives a field the keyboard a frame later, and ImGui drops the
// characters no active field takes: what the agent typed in between (right after Enter
// sent a line or took a completion) would be lost. A field about to take the keyboard
// back calls this first: the characters go into `text` at `caret`, which moves past
// them. True when there were any.
bool keep_typed_characters(std::string& text, std::size_t& caret);

// Names the last item for the automation layer: drawings such as a chart, which ImGui
// reports with an id but no words.
void name_last_item(const char* name);

// Widgets that ImGui's hooks report like any button, with what the accessibility mirror
// needs to say what they are: a radio button and whether it is on, a list row and
// whether it is selected.
bool radio_button(const char* label, bool active);
bool radio_button(const char* label, int* value, int button);
bool selectable(const char* label, bool selected = false, ImGuiSelectableFlags flags = 0,
                const ImVec2& size = ImVec2(0.0f, 0.0f));
// After a button that shows a pane or a tab: it is a tab, `shown` when it is the one shown.
void tab_note(bool shown);
// After a text field: its accessible name (what its hint or the label beside it says)
// and its text, for the mirror while ImGui does not hold the field; a password's text
// stays inside.
void field_note(const char* name, const std::string& value, bool password = false);

}  // namespace care::client::ui
