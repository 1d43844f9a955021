#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <string>

#include "automation/automation.hpp"
#include "care/text.hpp"

namespace care::client::ui {

void text(const char* value) {
  ImGui::TextUnformatted(value);
  automation::note_text(value);
}

void text_disabled(const char* value) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextUnformatted(value);
  ImGui::PopStyleColor();
  automation::note_text(value);
}

void text_wrapped(const char* value) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(value);
  ImGui::PopTextWrapPos();
  automation::note_text(value);
}

void text_tone(Tone which, const char* value) {
  ImGui::PushStyleColor(ImGuiCol_Text, tone(which));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(value);
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  automation::note_text(value);
}

std::string fit(const char* value, float width) {
  // One line: line breaks become spaces. The cut is found in one pass over the glyph
  // advances, so a long message's preview costs its length, not its length squared.
  std::string shown(value);
  std::replace(shown.begin(), shown.end(), '\n', ' ');
  if (ImGui::CalcTextSize(shown.c_str()).x <= width) return shown;
  ImFont* font = ImGui::GetFont();
  const float scale = ImGui::GetFontSize() / font->FontSize;
  const float room = width - ImGui::CalcTextSize("…").x;
  float used = 0.0f;
  const char* at = shown.c_str();
  const char* end = at + shown.size();
  while (at < end) {
    unsigned int c = 0;
    int length = ImTextCharFromUtf8(&c, at, end);
    if (length <= 0) break;
    used += font->GetCharAdvance(static_cast<ImWchar>(c)) * scale;
    if (used > room) break;
    at += length;
  }
  return shown.substr(0, static_cast<size_t>(at - shown.c_str())) + "…";
}

void text_fitted(const char* value, float width, bool disabled) {
  std::string shown = fit(value, width);
  if (disabled) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  }
  ImGui::TextUnformatted(shown.c_str());
  if (disabled) ImGui::PopStyleColor();
  automation::note_text(value);
}

bool fading_sign(Tone which, const char* value, double age) {
  if (age >= kSignShows + kSignFades) return false;
  double left = age <= kSignShows ? 1.0 : 1.0 - (age - kSignShows) / kSignFades;
  ImVec4 colour = tone(which);
  colour.w = static_cast<float>(left);
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextUnformatted(value);
  ImGui::PopStyleColor();
  automation::note_text(value);
  return true;
}

void name_last_item(const char* name) {
  automation::note_text(name);
}

bool radio_button(const char* label, bool active) {
  bool pressed = ImGui::RadioButton(label, active);
  automation::note_role(automation::Role::Radio, active);
  return pressed;
}

bool radio_button(const char* label, int* value, int button) {
  bool pressed = ImGui::RadioButton(label, value, button);
  automation::note_role(automation::Role::Radio, *value == button);
  return pressed;
}

bool selectable(const char* label, bool selected, ImGuiSelectableFlags flags, const ImVec2& size) {
  bool pressed = ImGui::Selectable(label, selected, flags, size);
  automation::note_role(automation::Role::Option, selected);
  return pressed;
}

void tab_note(bool shown) {
  automation::note_role(automation::Role::Tab, shown);
}

bool keep_typed_characters(std::string& text, std::size_t& caret) {
  ImGuiIO& io = ImGui::GetIO();
  if (io.InputQueueCharacters.empty() || ImGui::IsAnyItemActive()) return false;
  std::string typed;
  for (ImWchar c : io.InputQueueCharacters) {
    if (c >= 0x20 && c != 0x7F) care::append_utf8(typed, static_cast<char32_t>(c));
  }
  io.InputQueueCharacters.resize(0);
  if (typed.empty()) return false;
  caret = std::min(caret, text.size());
  text.insert(caret, typed);
  caret += typed.size();
  return true;
}

void field_note(const char* name, const std::string& value, bool password) {
  automation::note_field(name, value, password);
}

}  // namespace care::client::ui
