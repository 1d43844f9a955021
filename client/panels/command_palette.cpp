#include "panels/command_palette.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>
#include <vector>

#include "care/case_fold.hpp"
#include "panels/labels.hpp"
#include "panels/shortcuts.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;

struct Command {
  std::string words;
  Action action;
  const char* keys = "";  // its shortcut, shown beside it
};

std::vector<Command> commands(const DesktopState& state) {
  std::vector<Command> all;
  all.push_back({tr(Text::Ready), action::GoReady{}, keys_for(Text::Ready)});
  for (const Hand& hand : state.hands) {
    if (hand.task.state != care::TaskState::offered) continue;
    all.push_back(
        {tr(Text::KeyAcceptOffer), action::Accept{hand.task.id}, keys_for(Text::KeyAcceptOffer)});
    all.push_back({tr(Text::KeyDeclineOffer), action::Decline{hand.task.id},
                   keys_for(Text::KeyDeclineOffer)});
  }
  if (const Hand* hand = state.hand(state.selected_task);
      hand && hand->task.state == care::TaskState::assigned) {
    if (hand->guest) {  // consulted in it: the guest leaves; the holder closes (issue 18)
      all.push_back({tr(Text::LeaveConsult), action::LeaveConsult{hand->task.id}});
    } else {
      all.push_back({tr(Text::KeyCloseTask), action::StartClose{hand->task.id},
                     keys_for(Text::KeyCloseTask)});
      all.push_back({tr(Text::Transfer), action::StartHanding{hand->task.id, false}});
      if (hand->activity.media == care::MediaType::chat) {
        all.push_back({tr(Text::Consult), action::StartHanding{hand->task.id, true}});
      }
    }
  }
  for (const care::NotReadyReason& reason : state.not_ready_reasons) {
    if (!reason.active) continue;
    all.push_back({std::string(tr(Text::NotReady)) + " — " + reason_label(reason),
                   action::GoNotReady{reason.code}});
  }
  auto pane = [&](Text words, Pane which) { all.push_back({tr(words), action::ShowPane{which}}); };
  pane(Text::InProgress, Pane::InProgress);
  pane(Text::PaneQueue, Pane::Queue);
  pane(Text::PaneCustomers, Pane::Customers);
  if (state.agent.role == "supervisor" || state.agent.role == "admin") {
    pane(Text::PaneFloor, Pane::Floor);
  }
  for (const Hand& hand : state.hands) {
    if (hand.task.state != care::TaskState::assigned) continue;
    all.push_back({std::string(channel_name(hand.task.channel)) + " · " + contact_name(hand),
                   action::SelectTask{hand.task.id}});
  }
  for (const RecentCustomer& recent : state.customers.recent) {
    all.push_back({std::string(tr(Text::CustomerLabel)) + ": " + recent.name,
                   action::OpenCustomer{recent.id}});
  }
  for (i18n::Language language : i18n::kLanguages) {
    all.push_back({std::string(tr(Text::Language)) + ": " + i18n::native_name(language),
                   action::SetLanguage{language}});
  }
  all.push_back({tr(Text::ZoomIn), action::Zoom{+1}, "Ctrl+="});
  all.push_back({tr(Text::ZoomOut), action::Zoom{-1}, "Ctrl+-"});
  all.push_back({tr(Text::ZoomReset), action::Zoom{0}, "Ctrl+0"});
  bool high = state.look.theme == ui::Theme::HighContrast;
  all.push_back({std::string(tr(Text::HighContrast)) + (high ? " ✓" : ""),
                 action::SetTheme{high ? ui::Theme::Dark : ui::Theme::HighContrast}});
  all.push_back({tr(Text::MenuKeyboard), action::ShowKeyboardHelp{}, keys_for(Text::KeyHelp)});
  all.push_back({tr(Text::SignOut), action::SignOut{}});
  // Last: what a query matching no command is taken for.
  if (!state.palette_query.empty()) {
    all.push_back({std::string(tr(Text::FindCustomer)) + ": " + state.palette_query,
                   action::SearchCustomers{state.palette_query}});
  }
  return all;
}

bool matches(const std::string& words, const std::string& folded_query) {
  if (folded_query.empty()) return true;
  return care::fold_case(words).find(folded_query) != std::string::npos;
}

}  // namespace

// Ctrl+K opens it from anywhere (R-J8), in the same frame, so the keys typed right
// after it land in its field. ImGui 1.86 names only A, C, V, X, Y, Z; both builds use
// GLFW key codes, where K is 'K'.
bool CommandPalette::shown(const Frame& frame) const {
  if (frame.state.phase != SessionPhase::SignedIn) return false;
  return frame.state.palette_open || (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed('K', false));
}

void CommandPalette::place(const Frame&) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                                 viewport->WorkPos.y + viewport->WorkSize.y * 0.15f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.0f));
  ImGui::SetNextWindowSize(ImVec2(std::min(560.0f, viewport->WorkSize.x - 40.0f), 0.0f));
}

void CommandPalette::dismiss(Frame& frame) {
  frame.ask(action::OpenPalette{false, {}});
}

void CommandPalette::draw_content(Frame& frame) {
  DesktopState& state = frame.state;
  if (!state.palette_open) frame.ask(action::OpenPalette{});  // stays open from now on
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-1.0f);
  bool enter = ImGui::InputTextWithHint("##palette-input", tr(Text::PaletteHint),
                                        &state.palette_query, ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::IsItemEdited()) state.palette_pick = 0;
  // Up and Down walk the lines while the field keeps the typing; ImGui's navigation is
  // told the field uses them, or it would take them to leave the field.
  if (ImGui::IsItemActive()) {
    ImGui::GetCurrentContext()->ActiveIdUsingNavDirMask |=
        (1u << ImGuiDir_Up) | (1u << ImGuiDir_Down);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) ++state.palette_pick;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) --state.palette_pick;
  }
  std::string folded = care::fold_case(state.palette_query);
  std::vector<Command> lines;
  for (Command& command : commands(state)) {
    if (matches(command.words, folded) && lines.size() < 12) lines.push_back(std::move(command));
  }
  state.palette_pick =
      std::clamp(state.palette_pick, 0, std::max(0, static_cast<int>(lines.size()) - 1));
  for (int shown = 0; shown < static_cast<int>(lines.size()); ++shown) {
    Command& command = lines[shown];
    std::string line = command.words + "###palette-" + std::to_string(shown);
    const bool picked = shown == state.palette_pick;
    bool chosen = ui::selectable(line.c_str(), picked) || (enter && picked);
    if (*command.keys) {
      ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(command.keys).x);
      ui::text_disabled(command.keys);
    }
    if (chosen) {
      frame.ask(std::move(command.action));
      frame.ask(action::OpenPalette{false, {}});  // it closes as the command runs
      break;
    }
  }
}

}  // namespace care::client::panels
