#include "panels/shell.hpp"

#include <imgui.h>

#include <string>

#include "care/build_info.hpp"
#include "panels/labels.hpp"
#include "panels/state_control.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;

void draw_menu_bar(const DesktopState& state, Action& action, bool& show_about) {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu(label(Text::MenuFile, "menu-file").c_str())) {
    if (ImGui::MenuItem(label(Text::MenuReload, "reconnect").c_str())) {
      action.kind = Action::Kind::Reconnect;
    }
    if (state.phase == SessionPhase::SignedIn) {
      ImGui::Separator();
      if (ImGui::MenuItem(label(Text::SignOut, "sign-out").c_str())) {
        action.kind = Action::Kind::SignOut;
      }
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(label(Text::MenuLanguage, "menu-language").c_str())) {
    for (i18n::Language language : i18n::kLanguages) {
      bool selected = language == i18n::language();
      if (ImGui::MenuItem(i18n::native_name(language), nullptr, selected)) {
        action.kind = Action::Kind::SetLanguage;
        action.language = language;
      }
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(label(Text::MenuHelp, "menu-help").c_str())) {
    if (ImGui::MenuItem(label(Text::MenuAbout, "about").c_str())) show_about = true;
    ImGui::EndMenu();
  }
  if (state.phase == SessionPhase::SignedIn) draw_state_control(state, action);
  ImGui::EndMainMenuBar();
}

const char* connection_text(Connection connection) {
  switch (connection) {
    case Connection::Connected:
      return tr(Text::ServerConnected);
    case Connection::Unreachable:
      return tr(Text::ServerUnreachable);
    case Connection::Connecting:
      break;
  }
  return tr(Text::ServerConnecting);
}

ImVec4 connection_colour(Connection connection) {
  switch (connection) {
    case Connection::Connected:
      return ImVec4(0.35f, 0.80f, 0.45f, 1.0f);
    case Connection::Unreachable:
      return ImVec4(0.95f, 0.40f, 0.35f, 1.0f);
    case Connection::Connecting:
      break;
  }
  return ImVec4(0.95f, 0.75f, 0.30f, 1.0f);
}

void draw_status_line(const DesktopState& state) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const ImGuiStyle& style = ImGui::GetStyle();
  float height = ImGui::GetFrameHeight() + style.WindowPadding.y;
  ImGui::SetNextWindowPos(
      ImVec2(viewport->WorkPos.x, viewport->WorkPos.y + viewport->WorkSize.y - height));
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, height));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding,
                      ImVec2(style.WindowPadding.x, style.WindowPadding.y * 0.5f));
  constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings |
                                     ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (ImGui::Begin("##status-line", nullptr, flags)) {
    ImGui::PushStyleColor(ImGuiCol_Text, connection_colour(state.connection));
    ui::text("●");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ui::text(connection_text(state.connection));
    if (!state.server_version.empty()) {
      ImGui::SameLine(0, style.ItemSpacing.x * 3);
      std::string version = std::string(tr(Text::ServerVersion)) + " " + state.server_version;
      ui::text_disabled(version.c_str());
    }
    std::string language =
        std::string(tr(Text::Language)) + ": " + i18n::native_name(i18n::language());
    ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::CalcTextSize(language.c_str()).x -
                    style.WindowPadding.x);
    ui::text_disabled(language.c_str());
  }
  ImGui::End();
  ImGui::PopStyleVar(2);
}

void draw_about(bool& open) {
  if (open) ImGui::OpenPopup("###about");
  if (ImGui::BeginPopupModal(label(Text::MenuAbout, "about").c_str(), &open,
                             ImGuiWindowFlags_AlwaysAutoResize)) {
    std::string version = std::string("Care Desktop ") + std::string(product_version());
    ui::text(version.c_str());
    ImGui::EndPopup();
  }
}

}  // namespace

Action draw_shell(const DesktopState& state) {
  static bool show_about = false;
  Action action;
  draw_menu_bar(state, action, show_about);
  draw_status_line(state);
  draw_about(show_about);
  return action;
}

}  // namespace care::client::panels
