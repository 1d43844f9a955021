#include "panels/state_control.hpp"

#include <imgui.h>

#include <string>

#include "panels/labels.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;

}  // namespace

void draw_state_control(Frame& frame) {
  const DesktopState& state = frame.state;
  const bool ready = state.agent.state == "ready";
  std::string label = ready ? tr(Text::Ready) : tr(Text::NotReady);
  if (!ready && !state.agent.reason.empty()) {
    label += " — " + reason_label(state, state.agent.reason);
  }
  std::string shown = "● " + label + "###agent-state";
  float width =
      ImGui::CalcTextSize(shown.c_str(), nullptr, true).x + ImGui::GetStyle().ItemSpacing.x * 2;
  float name_width = ImGui::CalcTextSize(state.agent.display_name.c_str()).x;
  ImGui::SetCursorPosX(ImGui::GetWindowWidth() - width - name_width -
                       ImGui::GetStyle().ItemSpacing.x * 4);
  ui::text_disabled(state.agent.display_name.c_str());

  ImGui::PushStyleColor(ImGuiCol_Text, ui::tone(ready ? ui::Tone::Ready : ui::Tone::NotReady));
  bool open = ImGui::BeginMenu(shown.c_str(), !state.state_change_pending);
  ImGui::PopStyleColor();
  if (!open) return;
  if (ImGui::MenuItem(tr(Text::Ready), nullptr, ready)) frame.ask(action::GoReady{});
  ImGui::Separator();
  ui::text_disabled(tr(Text::NotReady));
  ImGui::Indent();
  // The admin's list (R-A2), each in the agent's language (R-J2).
  for (const care::NotReadyReason& reason : state.not_ready_reasons) {
    if (!reason.active) continue;
    bool current = !ready && state.agent.reason == reason.code;
    std::string item = reason_label(reason) + "###reason-" + reason.code;
    if (ImGui::MenuItem(item.c_str(), nullptr, current)) {
      frame.ask(action::GoNotReady{reason.code});
    }
  }
  ImGui::Unindent();
  ImGui::EndMenu();
}

}  // namespace care::client::panels
