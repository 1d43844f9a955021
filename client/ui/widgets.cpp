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

}  // namespace care::client::ui
