#include "panels/sign_in.hpp"

#include <imgui.h>

#include <string>

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

Action draw_sign_in(const DesktopState& state, SignInForm& form) {
  Action action;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float width = ImGui::GetFontSize() * 22.0f;
  ImGui::SetNextWindowPos(viewport->GetWorkCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(width, 0.0f));
  constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings |
                                     ImGuiWindowFlags_AlwaysAutoResize;
  if (ImGui::Begin("###sign-in", nullptr, flags)) {
    ui::text("Care Desktop");
    ui::text_disabled(tr(Text::Welcome));
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    const bool busy = state.phase == SessionPhase::SigningIn;
    if (busy) ImGui::BeginDisabled();

    ui::text(tr(Text::Username));
    ImGui::SetNextItemWidth(-1.0f);
    if (form.focus_requested) {
      ImGui::SetKeyboardFocusHere();
      form.focus_requested = false;
    }
    bool submit = ImGui::InputText("##username", form.username.data(), form.username.size(),
                                   ImGuiInputTextFlags_EnterReturnsTrue);
    ui::text(tr(Text::Password));
    ImGui::SetNextItemWidth(-1.0f);
    submit |= ImGui::InputText("##password", form.password.data(), form.password.size(),
                               ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::Spacing();
    std::string button = std::string(tr(Text::SignIn)) + "###sign-in-button";
    submit |= ImGui::Button(button.c_str(), ImVec2(-1.0f, 0.0f));
    if (busy) ImGui::EndDisabled();

    if (const char* problem = problem_text(state.sign_in_problem)) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.45f, 0.40f, 1.0f));
      ImGui::PushTextWrapPos(0.0f);
      ui::text(problem);
      ImGui::PopTextWrapPos();
      ImGui::PopStyleColor();
    }
    if (submit && !busy && form.username[0] != '\0') {
      action.kind = Action::Kind::SignIn;
      action.username = form.username.data();
      action.password = form.password.data();
      form.password.fill('\0');  // not kept longer than needed
    }
  }
  ImGui::End();
  return action;
}

}  // namespace care::client::panels
