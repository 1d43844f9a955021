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

constexpr ImGuiWindowFlags kStatusFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                          ImGuiWindowFlags_NoSavedSettings |
                                          ImGuiWindowFlags_NoBringToFrontOnFocus;

}  // namespace

void MainMenu::draw_content(Frame& frame) {
  const DesktopState& state = frame.state;
  if (ImGui::BeginMenu(label(Text::MenuFile, "menu-file").c_str())) {
    if (ImGui::MenuItem(label(Text::MenuReload, "reconnect").c_str())) {
      frame.ask(action::Reconnect{});
    }
    if (state.phase == SessionPhase::SignedIn) {
      ImGui::Separator();
      if (ImGui::MenuItem(label(Text::SignOut, "sign-out").c_str())) frame.ask(action::SignOut{});
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(label(Text::MenuLanguage, "menu-language").c_str())) {
    for (i18n::Language language : i18n::kLanguages) {
      bool selected = language == i18n::language();
      if (ImGui::MenuItem(i18n::native_name(language), nullptr, selected)) {
        frame.ask(action::SetLanguage{language});
      }
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(label(Text::MenuHelp, "menu-help").c_str())) {
    if (ImGui::MenuItem(label(Text::MenuAbout, "about").c_str())) frame.ask(action::ShowAbout{});
    ImGui::EndMenu();
  }
  if (state.phase == SessionPhase::SignedIn) draw_state_control(frame);
}

StatusLine::StatusLine() : Window("##status-line", kStatusFlags) {
  rounding = 0.0f;
  padding_y = 0.5f;
}

void StatusLine::place(const Frame&) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  float height = ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y;
  ImGui::SetNextWindowPos(
      ImVec2(viewport->WorkPos.x, viewport->WorkPos.y + viewport->WorkSize.y - height));
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, height));
}

void StatusLine::draw_content(Frame& frame) {
  const DesktopState& state = frame.state;
  const ImGuiStyle& style = ImGui::GetStyle();
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

std::string AboutBox::title() const {
  return label(Text::MenuAbout, "about");
}

void AboutBox::draw_content(Frame&) {
  std::string version = std::string("Care Desktop ") + std::string(product_version());
  ui::text(version.c_str());
}

}  // namespace care::client::panels
