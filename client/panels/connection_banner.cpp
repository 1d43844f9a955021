#include "panels/connection_banner.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {

using i18n::Text;
using i18n::tr;

ConnectionBanner::ConnectionBanner()
    // It comes by itself, mid-sentence: appearing must not take focus (ImGui would let
    // go of the field being typed in).
    : Window("###connection-banner", ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_AlwaysAutoResize |
                                         ImGuiWindowFlags_NoFocusOnAppearing) {
  rounding = 0.0f;
}

void ConnectionBanner::place(const Frame&) {
  background = ui::offline_banner();  // the theme may have changed
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, 0.0f));
}

void ConnectionBanner::draw_content(Frame& frame) {
  int seconds =
      std::max(0, static_cast<int>(std::ceil(frame.state.reconnect_at - frame.ui_seconds)));
  char message[256];
  std::snprintf(message, sizeof message, tr(Text::ConnectionLost), seconds);
  ImGui::AlignTextToFramePadding();
  ui::text(message);
  ImGui::SameLine();
  std::string button = std::string(tr(Text::ReconnectNow)) + "###reconnect-now";
  if (ImGui::SmallButton(button.c_str())) frame.ask(action::Reconnect{});
}

}  // namespace care::client::panels
