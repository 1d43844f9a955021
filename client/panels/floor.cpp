#include "panels/floor.hpp"

#include <imgui.h>

#include <chrono>
#include <string>

#include "panels/labels.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;

constexpr ImGuiTableFlags kTable =
    ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;

void cell(const std::string& text) {
  ImGui::TableNextColumn();
  ui::text(text.c_str());
}

std::string average(const std::optional<std::int64_t>& ms) {
  return ms ? duration_text(*ms) : "—";
}

void header(std::initializer_list<Text> columns) {
  for (Text column : columns)
    ImGui::TableSetupColumn(tr(column));
  ImGui::TableHeadersRow();
}

}  // namespace

void draw_floor(Frame& frame) {
  const DesktopState& state = frame.state;
  const Floor& floor = state.floor;
  heading(Text::Queues);
  if (ImGui::BeginTable("##floor-queues", 5, kTable)) {
    header(
        {Text::QueueLabel, Text::Waiting, Text::LongestWait, Text::InProgressCount, Text::Handled});
    for (const FloorQueue& queue : floor.queues) {
      ImGui::TableNextRow();
      cell(queue.name);
      cell(std::to_string(queue.waiting));
      // Counted here from the oldest waiting task, so it runs between reloads.
      cell(queue.waiting_since ? elapsed(*queue.waiting_since, frame.now) : "—");
      cell(std::to_string(queue.in_progress));
      cell(std::to_string(queue.handled) + "  ·  " + average(queue.average_handle_ms));
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  heading(Text::Agents);
  if (ImGui::BeginTable("##floor-agents", 5, kTable)) {
    header({Text::CustomerName, Text::AgentState, Text::Since, Text::Work, Text::Handled});
    for (const FloorAgent& agent : floor.agents) {
      ImGui::TableNextRow();
      cell(agent.name);
      ImGui::TableNextColumn();
      bool ready = agent.state == "ready";
      std::string state_text = std::string("● ") + tr(ready ? Text::Ready : Text::NotReady);
      if (!ready && !agent.reason.empty()) {
        state_text += std::string(" — ") + i18n::reason_text(agent.reason);
      }
      if (ready) {
        ui::text_colored(0.35f, 0.8f, 0.45f, state_text.c_str());
      } else {
        ui::text_colored(0.95f, 0.6f, 0.35f, state_text.c_str());
      }
      cell(elapsed(agent.since, frame.now));
      std::string work;
      auto add = [&](int count, Text channel) {
        if (count > 0)
          work += (work.empty() ? "" : ", ") + std::to_string(count) + " " + tr(channel);
      };
      add(agent.chats, Text::ChannelChat);
      add(agent.calls, Text::ChannelCall);
      add(agent.emails, Text::ChannelEmail);
      if (agent.offered > 0) work += (work.empty() ? "" : ", ") + std::string(tr(Text::NewOffer));
      cell(work.empty() ? "—" : work);
      cell(std::to_string(agent.handled) + "  ·  " + average(agent.average_handle_ms));
    }
    ImGui::EndTable();
  }
}

}  // namespace care::client::panels
