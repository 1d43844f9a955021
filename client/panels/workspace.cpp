#include "panels/workspace.hpp"

#include <imgui.h>

#include <string>

#include "i18n/i18n.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {

void draw_workspace(const DesktopState& state) {
  using i18n::Text;
  using i18n::tr;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetWorkCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings |
                                     ImGuiWindowFlags_AlwaysAutoResize;
  if (ImGui::Begin("###workspace", nullptr, flags)) {
    std::string who = std::string(tr(Text::SignedInAs)) + " " + state.agent.display_name;
    ui::text(who.c_str());
    ImGui::Separator();
    ui::text_disabled(state.agent.state == "ready" ? tr(Text::WaitingForOffers)
                                                   : tr(Text::GoReadyHint));
  }
  ImGui::End();
}

}  // namespace care::client::panels
