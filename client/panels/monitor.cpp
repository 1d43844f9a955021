#include "panels/monitor.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>
#include <string>

#include "panels/conversation.hpp"
#include "panels/labels.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {

using i18n::Text;
using i18n::tr;

void draw_monitor(Frame& frame) {
  Monitor& monitor = *frame.state.monitor;
  std::string customer = monitor.chat && !monitor.chat->context.pre_chat.empty()
                             ? monitor.chat->context.pre_chat[0].value
                             : std::string("…");
  char title[512];
  std::snprintf(title, sizeof title, tr(Text::Monitoring), customer.c_str(),
                monitor.agent_name.c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, ui::tone(ui::Tone::Link));
  ui::text_wrapped(title);
  ImGui::PopStyleColor();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ui::text_wrapped(tr(Text::MonitorSilent));
  ImGui::PopStyleColor();
  if (ImGui::SmallButton(label(Text::StopMonitoring, "stop-monitoring").c_str())) {
    frame.ask(action::StopMonitoring{});
  }
  ImGui::Separator();
  const float composer = monitor.ended ? 0.0f : ImGui::GetFrameHeightWithSpacing() * 2.5f;
  ImGui::BeginChild("##monitor-transcript", ImVec2(0, -composer), false);
  if (monitor.chat) {
    for (const care::Message& message : monitor.chat->messages)
      draw_message(frame, message);
    // Follows the chat while the supervisor is at its end, as chat tools do.
    if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1.0f) ImGui::SetScrollHereY(1.0f);
  }
  if (monitor.ended) ui::text_disabled(tr(Text::MonitoredChatEnded));
  ImGui::EndChild();
  if (!monitor.error.empty()) ui::text_tone(ui::Tone::Error, monitor.error.c_str());
  if (monitor.ended) return;
  ImGui::SetNextItemWidth(-1.0f);
  bool sent = ImGui::InputTextWithHint("##barge-line", tr(Text::BargeHint), &monitor.line,
                                       ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::BeginDisabled(monitor.sending);
  if (ImGui::Button(label(Text::BargeIn, "barge-in").c_str()) || sent) {
    frame.ask(action::BargeIn{});
  }
  ImGui::EndDisabled();
}

}  // namespace care::client::panels
