#include "panels/command_palette.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>
#include <vector>

#include "care/case_fold.hpp"
#include "panels/labels.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;

struct Command {
  std::string words;
  Action action;
};

Action make(Action::Kind kind) {
  Action action;
  action.kind = kind;
  return action;
}

std::vector<Command> commands(const DesktopState& state) {
  std::vector<Command> all;
  all.push_back({tr(Text::Ready), make(Action::Kind::GoReady)});
  for (const char* reason : {"break", "lunch", "meeting", "training"}) {
    Action action = make(Action::Kind::GoNotReady);
    action.reason = reason;
    all.push_back({std::string(tr(Text::NotReady)) + " — " + i18n::reason_text(reason), action});
  }
  auto pane = [&](Text words, Pane which) {
    Action action = make(Action::Kind::ShowPane);
    action.number = static_cast<int>(which);
    all.push_back({tr(words), action});
  };
  pane(Text::InProgress, Pane::InProgress);
  pane(Text::PaneQueue, Pane::Queue);
  pane(Text::PaneCustomers, Pane::Customers);
  if (state.agent.role == "supervisor" || state.agent.role == "admin") {
    pane(Text::PaneFloor, Pane::Floor);
  }
  for (const Hand& hand : state.hands) {
    if (hand.task.state != care::TaskState::assigned) continue;
    Action action = make(Action::Kind::Select);
    action.task = hand.task.id;
    all.push_back({std::string(channel_name(hand.task.channel)) + " · " + contact_name(hand),
                   action});
  }
  for (const RecentCustomer& recent : state.customers.recent) {
    Action action = make(Action::Kind::OpenCustomer);
    action.id = recent.id;
    all.push_back({std::string(tr(Text::CustomerLabel)) + ": " + recent.name, action});
  }
  if (!state.palette_query.empty()) {
    Action action = make(Action::Kind::SearchCustomers);
    action.text = state.palette_query;
    all.push_back({std::string(tr(Text::FindCustomer)) + ": " + state.palette_query, action});
  }
  for (i18n::Language language : i18n::kLanguages) {
    Action action = make(Action::Kind::SetLanguage);
    action.language = language;
    all.push_back({std::string(tr(Text::Language)) + ": " + i18n::native_name(language), action});
  }
  all.push_back({tr(Text::SignOut), make(Action::Kind::SignOut)});
  return all;
}

bool matches(const std::string& words, const std::string& folded_query) {
  if (folded_query.empty()) return true;
  return care::fold_case(words).find(folded_query) != std::string::npos;
}

}  // namespace

Action draw_command_palette(DesktopState& state) {
  Action chosen;
  if (!state.palette_open) return chosen;
  if (!ImGui::IsPopupOpen("###palette")) ImGui::OpenPopup("###palette");
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                                 viewport->WorkPos.y + viewport->WorkSize.y * 0.15f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.0f));
  ImGui::SetNextWindowSize(ImVec2(std::min(560.0f, viewport->WorkSize.x - 40.0f), 0.0f));
  bool open = true;
  if (ImGui::BeginPopupModal("###palette", &open,
                             ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize)) {
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1.0f);
    bool enter = ImGui::InputTextWithHint("##palette-input", tr(Text::PaletteHint),
                                          &state.palette_query,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    std::string folded = care::fold_case(state.palette_query);
    int shown = 0;
    for (Command& command : commands(state)) {
      if (!matches(command.words, folded) || shown >= 12) continue;
      std::string line = command.words + "###palette-" + std::to_string(shown);
      bool first = shown++ == 0;
      if (ImGui::Selectable(line.c_str(), first) || (enter && first)) {
        chosen = command.action;
      }
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) open = false;
    if (chosen.kind != Action::Kind::None || !open) {
      state.palette_open = false;
      state.palette_query.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  } else {
    state.palette_open = false;
  }
  return chosen;
}

}  // namespace care::client::panels
