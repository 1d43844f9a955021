#include "panels/sign_in.hpp"

#include <imgui.h>

#include <string>

#include "automation/automation.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;

const char* problem_text(SignInProblem problem) {
  switch (problem) {
    case SignInProblem::WrongCredentials:
      return tr(Text::WrongCredentials);
    case SignInProblem::TooManyAttempts:
      return tr(Text::TooManyAttempts);
    case SignInProblem::Failed:
      return tr(Text::SignInFailed);
    case SignInProblem::None:
      break;
  }
  return nullptr;
}

}  // namespace

SignInCard::SignInCard()
    : Window("###sign-in", ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                               ImGuiWindowFlags_NoSavedSettings |
                               ImGuiWindowFlags_AlwaysAutoResize) {}

void SignInCard::place(const Frame&) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetWorkCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 22.0f, 0.0f));
}

void SignInCard::draw_content(Frame& frame) {
  const DesktopState& state = frame.state;
  ui::text("Care Desktop");
  ui::text_disabled(tr(Text::Welcome));
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Spacing();
  const bool busy = state.phase == SessionPhase::SigningIn;
  if (busy) ImGui::BeginDisabled();

  ui::text(tr(Text::Username));
  ImGui::SetNextItemWidth(-1.0f);
  if (state.phase == SessionPhase::SignedOut && seen_phase_ != SessionPhase::SignedOut) {
    ImGui::SetKeyboardFocusHere();
  }
  seen_phase_ = state.phase;
  bool submit = ImGui::InputText("##username", username_.data(), username_.size(),
                                 ImGuiInputTextFlags_EnterReturnsTrue);
  ui::field_note(tr(Text::Username), username_.data());
  ui::text(tr(Text::Password));
  ImGui::SetNextItemWidth(-1.0f);
  submit |= ImGui::InputText("##password", password_.data(), password_.size(),
                             ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  ui::field_note(tr(Text::Password), "", true);
  ImGui::Spacing();
  std::string button = std::string(tr(Text::SignIn)) + "###sign-in-button";
  submit |= ImGui::Button(button.c_str(), ImVec2(-1.0f, 0.0f));
  if (busy) ImGui::EndDisabled();

  if (state.sign_in_problem != announced_) {
    announced_ = state.sign_in_problem;
    if (const char* problem = problem_text(announced_)) {
      automation::announce(problem, automation::Urgency::Alert);
    }
  }
  if (const char* problem = problem_text(state.sign_in_problem)) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::tone(ui::Tone::Error));
    ImGui::PushTextWrapPos(0.0f);
    ui::text(problem);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  if (submit && !busy && username_[0] != '\0') {
    frame.ask(action::SignIn{username_.data(), password_.data()});
    password_.fill('\0');  // not kept longer than needed
  }
}

}  // namespace care::client::panels
