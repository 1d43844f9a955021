#include "panels/connection_banner.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "ui/widgets.hpp"

namespace care::client::panels {

Action draw_connection_banner(const DesktopState& state, double now) {
  Action action;
  if (state.connection != Connection::Unreachable) return action;
  using i18n::Text;
  using i18n::tr;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, 0.0f));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.55f, 0.16f, 0.14f, 1.0f));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings |
                                     ImGuiWindowFlags_AlwaysAutoResize;
  if (ImGui::Begin("###connection-banner", nullptr, flags)) {
    int seconds = std::max(0, static_cast<int>(std::ceil(state.reconnect_at - now)));
    char message[256];
    std::snprintf(message, sizeof message, tr(Text::ConnectionLost), seconds);
    ImGui::AlignTextToFramePadding();
    ui::text(message);
    ImGui::SameLine();
    std::string button = std::string(tr(Text::ReconnectNow)) + "###reconnect-now";
    if (ImGui::SmallButton(button.c_str())) action.kind = Action::Kind::Reconnect;
  }
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  return action;
}

}  // namespace care::client::panels
