#include "panels/floor.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "care/rules/floor.hpp"
#include "layout.hpp"
#include "panels/labels.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;

constexpr ImGuiTableFlags kTable =
    ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;

// A figure against its target: good within, warning near, error past it.
ui::Tone tone_of(care::Standing standing) {
  switch (standing) {
    case care::Standing::near:
      return ui::Tone::Warning;
    case care::Standing::crossed:
      return ui::Tone::Error;
    case care::Standing::within:
      break;
  }
  return ui::Tone::Good;
}

// The chart's lines are drawn in tones too, at full strength: the contrast test holds
// them (the target line included) to the text bar.
ImU32 u32(ui::Tone tone) {
  return ImGui::GetColorU32(ui::tone(tone));
}

Text words_of(care::Standing standing) {
  switch (standing) {
    case care::Standing::near:
      return Text::NearTarget;
    case care::Standing::crossed:
      return Text::OverTarget;
    case care::Standing::within:
      break;
  }
  return Text::OnTarget;
}

void cell(const std::string& text) {
  ImGui::TableNextColumn();
  ui::text(text.c_str());
}

void coloured_cell(ui::Tone tone, const std::string& text) {
  ImGui::TableNextColumn();
  ui::text_tone(tone, text.c_str());
}

std::string average(const std::optional<std::int64_t>& ms) {
  return ms ? duration_text(*ms) : "—";
}

// "4.3  (12)": the average of 1–5 to one decimal and how many rated; "—" when none did.
std::string rating_text(const care::RatingSummary& ratings) {
  auto mean = ratings.average();
  if (!mean) return "—";
  char text[48];
  std::snprintf(text, sizeof text, "%.1f  (%lld)", *mean, static_cast<long long>(ratings.count));
  return text;
}

// A column: its header and its share of the width.
struct Column {
  Text text;
  float weight = 1.0f;
};

// The widest word of a header: its column is never narrower, so words wrap between
// them and never inside one ("Waitin / g" at 1024 px).
float longest_word(std::string_view words) {
  float widest = 0.0f;
  while (!words.empty()) {
    size_t space = words.find(' ');
    std::string_view word = words.substr(0, space);
    widest = std::max(widest, ImGui::CalcTextSize(word.data(), word.data() + word.size()).x);
    if (space == std::string_view::npos) break;
    words.remove_prefix(space + 1);
  }
  return widest;
}

// The header row, its words wrapped inside their column (long in some languages, and
// nine columns share a laptop's middle pane); one column may explain itself on hover.
void header(std::initializer_list<Column> columns, Text explained = Text::Count,
            Text explanation = Text::Count) {
  std::vector<float> weights;
  std::vector<float> minimums;
  const float padding = ImGui::GetStyle().CellPadding.x * 2.0f + 1.0f;
  for (const Column& column : columns) {
    weights.push_back(column.weight);
    minimums.push_back(longest_word(tr(column.text)) + padding);
  }
  // The widths themselves are the weights: ImGui applies a table's weights in every
  // frame when its columns are not resizable, so they follow the pane and the language.
  const ImGuiTable* table = ImGui::GetCurrentTable();
  std::vector<float> widths =
      table_widths(weights, minimums, table ? table->WorkRect.GetWidth() : 0.0f);
  size_t at = 0;
  for (const Column& column : columns) {
    const float weight = table ? std::max(widths[at], 1.0f) : column.weight;
    ImGui::TableSetupColumn(tr(column.text), ImGuiTableColumnFlags_WidthStretch, weight);
    ++at;
  }
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  int index = 0;
  for (const Column& column : columns) {
    ImGui::TableSetColumnIndex(index++);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ui::text_wrapped(tr(column.text));
    ImGui::PopStyleColor();
    if (column.text == explained && ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s", tr(explanation));
    }
  }
}

// The wait counted here from the oldest waiting task, so it runs between reloads.
care::Duration longest_wait(const care::FloorQueue& queue, care::Time now) {
  if (!queue.waiting_since) return care::Duration{0};
  return std::max(care::Duration{0},
                  std::chrono::duration_cast<care::Duration>(now - *queue.waiting_since));
}

void draw_queues(const DesktopState& state, const care::FloorOverview& floor, care::Time now) {
  heading(Text::Queues);
  if (!ImGui::BeginTable("##floor-queues", 9, kTable)) return;
  header({{Text::QueueLabel, 1.3f},
          {Text::Target, 1.4f},
          {Text::Waiting, 0.8f},
          {Text::LongestWait, 1.5f},
          {Text::InProgressCount, 0.9f},
          {Text::ServiceLevel, 1.6f},
          {Text::Handled, 0.9f},
          {Text::AverageHandleTime, 1.4f},
          {Text::RatingColumn, 0.9f}},
         Text::ServiceLevel, Text::ServiceLevelHint);
  for (const care::FloorQueue& queue : floor.queues) {
    const care::Duration wait = longest_wait(queue, now);
    const care::Standing by_wait = care::wait_standing(wait, queue.targets);
    const care::Standing by_count = care::waiting_standing(queue.waiting, queue.targets);
    const care::Standing worst = std::max(by_wait, by_count);
    ImGui::TableNextRow();
    cell(queue_label(state, queue.id, queue.name));
    ImGui::TableNextColumn();
    ui::text_tone(tone_of(worst), (std::string("● ") + tr(words_of(worst))).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(Text::TargetHint));
    coloured_cell(tone_of(by_count),
                  std::to_string(queue.waiting) + " / " + std::to_string(queue.targets.waiting));
    coloured_cell(tone_of(by_wait),
                  (queue.waiting_since ? duration_text(wait.count()) : std::string("—")) + " / " +
                      duration_text(queue.targets.longest_wait.count()));
    cell(std::to_string(queue.in_progress));
    if (auto share = queue.service_level.share()) {
      coloured_cell(tone_of(care::service_level_standing(queue.service_level)),
                    std::to_string(static_cast<int>(*share * 100.0 + 0.5)) + " %  (" +
                        std::to_string(queue.service_level.within) + "/" +
                        std::to_string(queue.service_level.counted) + ")");
    } else {
      cell("—");
    }
    cell(std::to_string(queue.handled.count));
    cell(average(queue.handled.average_handle_ms));
    cell(rating_text(queue.ratings));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(Text::RatingHint));
  }
  ImGui::EndTable();
}

// One queue's last hour: waiting and in progress, the waiting target as a line, the
// samples the server kept and the live figures at the right edge.
void draw_chart(const std::string& name, const care::FloorQueue& queue, care::Time now,
                float width) {
  ui::text(name.c_str());
  const float height = ImGui::GetFontSize() * 4.5f;
  const std::string id = std::string(tr(Text::FloorChart)) + "##chart-" + std::to_string(queue.id);
  ImGui::InvisibleButton(id.c_str(), ImVec2(width, height));
  ui::name_last_item((std::string(tr(Text::FloorChart)) + ": " + name).c_str());
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, ImGui::GetColorU32(ImGuiCol_FrameBg), 3.0f);

  std::vector<care::FloorSample> points;
  const care::Time start = now - std::chrono::hours(1);
  for (const care::FloorSample& sample : queue.history) {
    if (sample.at >= start) points.push_back(sample);
  }
  points.push_back(care::FloorSample{now, queue.waiting, queue.in_progress});
  int top = queue.targets.waiting;
  for (const care::FloorSample& p : points)
    top = std::max({top, p.waiting, p.in_progress});
  const float scale = static_cast<float>(top) * 1.15f + 1.0f;
  const float pad = 3.0f;
  auto x_of = [&](care::Time at) {
    const float share =
        static_cast<float>((at - start).count()) /
        static_cast<float>(std::chrono::milliseconds(std::chrono::hours(1)).count());
    return min.x + pad + (max.x - min.x - 2 * pad) * std::clamp(share, 0.0f, 1.0f);
  };
  auto y_of = [&](int value) {
    return max.y - pad - (max.y - min.y - 2 * pad) * static_cast<float>(value) / scale;
  };

  const float target_y = y_of(queue.targets.waiting);
  draw->AddLine(ImVec2(min.x + pad, target_y), ImVec2(max.x - pad, target_y), u32(ui::Tone::Error),
                1.0f);
  std::vector<ImVec2> waiting, in_progress;
  for (const care::FloorSample& p : points) {
    waiting.emplace_back(x_of(p.at), y_of(p.waiting));
    in_progress.emplace_back(x_of(p.at), y_of(p.in_progress));
  }
  const float thickness = std::max(1.5f, ImGui::GetFontSize() / 10.0f);
  draw->AddPolyline(in_progress.data(), static_cast<int>(in_progress.size()),
                    u32(ui::Tone::ChartInProgress), 0, thickness);
  draw->AddPolyline(waiting.data(), static_cast<int>(waiting.size()), u32(ui::Tone::ChartWaiting),
                    0, thickness);
  for (const ImVec2& p : waiting)
    draw->AddCircleFilled(p, thickness, u32(ui::Tone::ChartWaiting));
  draw->AddText(ImVec2(min.x + pad * 2, min.y + pad), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                std::to_string(top).c_str());

  if (ImGui::IsItemHovered()) {
    // The sample nearest the pointer.
    const float mouse = ImGui::GetIO().MousePos.x;
    size_t nearest = 0;
    for (size_t i = 1; i < waiting.size(); ++i) {
      if (std::abs(waiting[i].x - mouse) < std::abs(waiting[nearest].x - mouse)) nearest = i;
    }
    draw->AddLine(ImVec2(waiting[nearest].x, min.y), ImVec2(waiting[nearest].x, max.y),
                  ImGui::GetColorU32(ImGuiCol_TextDisabled));
    const care::FloorSample& p = points[nearest];
    // How long ago, not a clock time: no time zone to get wrong.
    const std::string ago = "−" + duration_text(care::unix_ms(now) - care::unix_ms(p.at));
    ImGui::SetTooltip("%s\n%s: %d\n%s: %d", ago.c_str(), tr(Text::Waiting), p.waiting,
                      tr(Text::InProgressCount), p.in_progress);
  }
  ImGui::TextDisabled("%s", tr(Text::HourAgo));
  // SameLine's offset counts from the group's start: "now" ends where the chart does.
  const char* now_text = tr(Text::Now);
  ImGui::SameLine(width - ImGui::CalcTextSize(now_text).x);
  ImGui::TextDisabled("%s", now_text);
}

void legend_entry(ui::Tone tone, Text words) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float size = ImGui::GetFontSize();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, at.y + size * 0.45f),
                                            ImVec2(at.x + size, at.y + size * 0.6f), u32(tone));
  ImGui::Dummy(ImVec2(size, size));
  ImGui::SameLine();
  ui::text(tr(words));
}

void draw_charts(const DesktopState& state, const care::FloorOverview& floor, care::Time now) {
  if (floor.queues.empty()) return;
  ImGui::Spacing();
  legend_entry(ui::Tone::ChartWaiting, Text::Waiting);
  ImGui::SameLine(0.0f, ImGui::GetFontSize() * 1.5f);
  legend_entry(ui::Tone::ChartInProgress, Text::InProgressCount);
  ImGui::SameLine(0.0f, ImGui::GetFontSize() * 1.5f);
  legend_entry(ui::Tone::Error, Text::Target);
  // Side by side while each keeps a readable width; below each other otherwise.
  const float spacing = ImGui::GetStyle().ItemSpacing.x * 2.0f;
  const float available = ImGui::GetContentRegionAvail().x;
  const int per_row =
      std::clamp(static_cast<int>((available + spacing) / (ImGui::GetFontSize() * 16.0f + spacing)),
                 1, static_cast<int>(floor.queues.size()));
  const float width =
      (available - spacing * static_cast<float>(per_row - 1)) / static_cast<float>(per_row);
  for (size_t i = 0; i < floor.queues.size(); ++i) {
    const int column = static_cast<int>(i) % per_row;
    if (column == 0) {
      ImGui::BeginGroup();
    } else {
      ImGui::SameLine(0.0f, spacing);
      ImGui::BeginGroup();
    }
    const care::FloorQueue& queue = floor.queues[i];
    draw_chart(queue_label(state, queue.id, queue.name), queue, now, width);
    ImGui::EndGroup();
  }
}

// Reassign: a task the agent holds goes to a queue, or is offered to a Ready colleague.
void draw_reassign(Frame& frame, const care::FloorAgent& agent, const care::FloorTask& task) {
  const DesktopState& state = frame.state;
  char words[256];
  std::snprintf(words, sizeof words, tr(Text::Reassign), channel_name(task.channel),
                elapsed(task.since, frame.now).c_str());
  const std::string task_id = std::to_string(task.task);
  if (!ImGui::BeginMenu((std::string(words) + "###reassign-" + task_id).c_str())) return;
  ui::text_disabled(tr(Text::ToQueue));
  for (const care::Queue& queue : state.queues) {
    std::string item = queue_label(state, queue.id, queue.name) + "###reassign-" + task_id +
                       "-queue-" + std::to_string(queue.id);
    if (ImGui::MenuItem(item.c_str())) {
      frame.ask(action::ReassignTask{task.task, queue.id, std::nullopt});
    }
  }
  ui::text_disabled(tr(Text::ToAgent));
  for (const care::FloorAgent& other : state.floor.view.agents) {
    if (other.id == agent.id || other.state != care::FloorPresence::ready) continue;
    std::string item =
        other.display_name + "###reassign-" + task_id + "-agent-" + std::to_string(other.id);
    if (ImGui::MenuItem(item.c_str())) {
      frame.ask(action::ReassignTask{task.task, std::nullopt, other.id});
    }
  }
  ImGui::EndMenu();
}

// The agent's name, a row a supervisor clicks (or presses Enter on) for what they may
// do about the agent (issue 18): set them Not Ready for a reason, monitor one of their
// chats. The server records each.
void draw_agent_actions(Frame& frame, const care::FloorAgent& agent) {
  const DesktopState& state = frame.state;
  const std::string id = std::to_string(agent.id);
  const std::string menu = "##agent-actions-menu-" + id;
  ImGui::TableNextColumn();
  const std::string row = agent.display_name + "###agent-actions-" + id;
  if (ImGui::Selectable(row.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
    ImGui::OpenPopup(menu.c_str());
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(Text::AgentActions));
  if (!ImGui::BeginPopup(menu.c_str())) return;
  ui::text_disabled(agent.display_name.c_str());
  bool any = false;
  if (agent.state == care::FloorPresence::ready) {
    any = true;
    if (ImGui::BeginMenu(label(Text::SetNotReady, ("set-not-ready-" + id).c_str()).c_str())) {
      for (const care::NotReadyReason& reason : state.not_ready_reasons) {
        if (!reason.active) continue;
        std::string item = reason_label(reason) + "###not-ready-" + id + "-" + reason.code;
        if (ImGui::MenuItem(item.c_str())) {
          frame.ask(action::SetAgentNotReady{agent.id, reason.code});
        }
      }
      ImGui::EndMenu();
    }
  }
  for (const care::FloorTask& task : agent.in_hand) {
    any = true;
    draw_reassign(frame, agent, task);
    if (task.channel != care::Channel::chat) continue;
    char words[256];
    std::snprintf(words, sizeof words, tr(Text::MonitorChat),
                  elapsed(task.since, frame.now).c_str());
    std::string item = std::string(words) + "###monitor-" + std::to_string(task.activity);
    if (ImGui::MenuItem(item.c_str())) {
      frame.ask(action::MonitorChat{task.activity, agent.display_name});
    }
  }
  if (!any) ui::text_disabled("—");
  ImGui::EndPopup();
}

void draw_agents(Frame& frame, const care::FloorOverview& floor, care::Time now) {
  const DesktopState& state = frame.state;
  heading(Text::Agents);
  if (!ImGui::BeginTable("##floor-agents", 6, kTable)) return;
  header({{Text::AgentName, 1.3f},
          {Text::AgentState, 1.6f},
          {Text::InStateFor, 1.1f},
          {Text::Tasks, 1.5f},
          {Text::Handled, 0.7f},
          {Text::AverageHandleTime, 1.0f}});
  for (const care::FloorAgent& agent : floor.agents) {
    ImGui::TableNextRow();
    draw_agent_actions(frame, agent);
    switch (agent.state) {
      case care::FloorPresence::ready:
        coloured_cell(ui::Tone::Ready, std::string("● ") + tr(Text::Ready));
        break;
      case care::FloorPresence::not_ready: {
        std::string words = std::string("● ") + tr(Text::NotReady);
        if (!agent.reason.empty()) words += " — " + reason_label(state, agent.reason);
        coloured_cell(ui::Tone::NotReady, words);
        break;
      }
      case care::FloorPresence::offline:
        coloured_cell(ui::Tone::Offline, std::string("● ") + tr(Text::Offline));
        break;
    }
    // Signed out: when the state began says nothing about now.
    cell(agent.state == care::FloorPresence::offline ? "—" : elapsed(agent.since, now));
    std::string work;
    auto add = [&](int count, Text channel) {
      if (count > 0) work += (work.empty() ? "" : ", ") + std::to_string(count) + " " + tr(channel);
    };
    add(agent.chats, Text::ChannelChat);
    add(agent.calls, Text::ChannelCall);
    add(agent.emails, Text::ChannelEmail);
    if (agent.offered > 0) work += (work.empty() ? "" : ", ") + std::string(tr(Text::NewOffer));
    cell(work.empty() ? "—" : work);
    cell(std::to_string(agent.handled.count));
    cell(average(agent.handled.average_handle_ms));
  }
  ImGui::EndTable();
}

}  // namespace

void draw_floor(Frame& frame) {
  const care::FloorOverview& floor = frame.state.floor.view;
  draw_queues(frame.state, floor, frame.now);
  draw_charts(frame.state, floor, frame.now);
  ImGui::Spacing();
  draw_agents(frame, floor, frame.now);
}

}  // namespace care::client::panels
