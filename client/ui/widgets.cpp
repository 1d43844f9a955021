#include "ui/widgets.hpp"

#include <imgui.h>

#include "automation/automation.hpp"

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

void text_colored(float r, float g, float b, const char* value) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(r, g, b, 1.0f));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(value);
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  automation::note_text(value);
}

bool fading_sign(float r, float g, float b, const char* value, double age) {
  if (age >= kSignShows + kSignFades) return false;
  double left = age <= kSignShows ? 1.0 : 1.0 - (age - kSignShows) / kSignFades;
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(r, g, b, static_cast<float>(left)));
  ImGui::TextUnformatted(value);
  ImGui::PopStyleColor();
  automation::note_text(value);
  return true;
}

void name_last_item(const char* name) {
  automation::note_text(name);
}

}  // namespace care::client::ui
