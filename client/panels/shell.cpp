#include "panels/shell.hpp"

#include <imgui.h>

#include <string>

#include "care/build_info.hpp"
#include "panels/labels.hpp"
#include "panels/mentions.hpp"
#include "panels/state_control.hpp"
#include "ui/theme.hpp"
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
      return ui::tone(ui::Tone::Good);
    case Connection::Unreachable:
      return ui::tone(ui::Tone::Error);
    case Connection::Connecting:
      break;
  }
  return ui::tone(ui::Tone::Warning);
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
  if (ImGui::BeginMenu(label(Text::MenuView, "menu-view").c_str())) {
    if (ImGui::MenuItem(label(Text::ZoomIn, "zoom-in").c_str(), "Ctrl+=")) {
      frame.ask(action::Zoom{+1});
    }
    if (ImGui::MenuItem(label(Text::ZoomOut, "zoom-out").c_str(), "Ctrl+-")) {
      frame.ask(action::Zoom{-1});
    }
    if (ImGui::MenuItem(label(Text::ZoomReset, "zoom-reset").c_str(), "Ctrl+0")) {
      frame.ask(action::Zoom{0});
    }
    ImGui::Separator();
    bool high = state.look.theme == ui::Theme::HighContrast;
    if (ImGui::MenuItem(label(Text::HighContrast, "high-contrast").c_str(), nullptr, high)) {
      frame.ask(action::SetTheme{high ? ui::Theme::Dark : ui::Theme::HighContrast});
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(label(Text::MenuHelp, "menu-help").c_str())) {
    if (ImGui::MenuItem(label(Text::MenuKeyboard, "keyboard-help").c_str(), "F1")) {
      frame.ask(action::ShowKeyboardHelp{});
    }
    if (ImGui::MenuItem(label(Text::MenuAbout, "about").c_str())) frame.ask(action::ShowAbout{});
    ImGui::EndMenu();
  }
  if (state.phase == SessionPhase::SignedIn) {
    draw_mentions_menu(frame);
    draw_state_control(frame);
  }
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
