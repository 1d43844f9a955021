#include "panels/request_details.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

#include "care/rules/request.hpp"
#include "care/text.hpp"
#include "i18n/problems.hpp"
#include "panels/labels.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {

using i18n::Text;
using i18n::tr;

namespace {

// The first rule the edit breaks, with the server's words (the same shared checks).
care::Status check_edit(const RequestEdit& edit) {
  if (care::Status title = care::check_request_title(edit.title); !title) return title;
  return care::check_text("description", edit.description);
}

}  // namespace

void draw_request_details(Frame& frame, const care::Request* shown) {
  DesktopState& state = frame.state;
  heading(Text::RequestDetails);
  if (!shown) return;
  if (state.request_presence.id == shown->id) draw_viewers(state.request_presence);
  RequestEdit& edit = state.request_edit;
  // R-E1: someone else saved meanwhile; their text came in where the agent had not
  // typed, and a field both changed waits for the agent's choice.
  if (edit.changed_by != 0 && edit.request == shown->id) {
    draw_changed_by(state, edit.changed_by, edit.changed_at, frame.now);
  }
  ui::text(tr(Text::Title));
  ImGui::SetNextItemWidth(-1.0f);
  if (ImGui::InputText("##request-title", &edit.title)) {
    edit.dirty = true;
    edit.saved = false;
  }
  ui::field_note(tr(Text::Title), edit.title);
  counter(edit.title);
  if (edit.title_base.clash) {
    if (auto choice = draw_clash("title", edit.title, edit.title_base.value)) {
      frame.ask(action::ResolveRequestField{action::RequestField::title, *choice});
    }
  }
  ui::text(tr(Text::Description));
  if (ImGui::InputTextMultiline("##request-description", &edit.description,
                                ImVec2(-1.0f, ImGui::GetFrameHeight() * 3.0f))) {
    edit.dirty = true;
    edit.saved = false;
  }
  ui::field_note(tr(Text::Description), edit.description);
  counter(edit.description);
  if (edit.description_base.clash) {
    if (auto choice = draw_clash("description", edit.description, edit.description_base.value)) {
      frame.ask(action::ResolveRequestField{action::RequestField::description, *choice});
    }
  }
  // Save stays off for what the server would refuse: a blank or too long title.
  care::Status valid = check_edit(edit);
  ImGui::BeginDisabled(!edit.dirty || edit.saving || !valid || edit.undecided());
  if (ImGui::Button(label(Text::Save, "save-request").c_str())) frame.ask(action::SaveRequest{});
  ImGui::EndDisabled();
  if (edit.saved && !edit.dirty) {
    ImGui::SameLine();
    edit.saved = ui::fading_sign(ui::Tone::Good, tr(Text::Saved), frame.ui_seconds - edit.saved_at);
  }
  if (edit.undecided()) ui::text_tone(ui::Tone::Warning, tr(Text::ChooseEachField));
  if (!valid) ui::text_tone(ui::Tone::Error, i18n::describe(valid.error()).c_str());
  if (!edit.error.empty()) ui::text_tone(ui::Tone::Error, edit.error.c_str());
  const care::Request& request = *shown;
  std::string status =
      std::string(tr(Text::Status)) + ": " +
      tr(request.status == care::RequestStatus::open ? Text::StatusOpen : Text::StatusClosed);
  ui::text_disabled(status.c_str());
  ui::text_disabled(
      (std::string(tr(Text::Created)) + ": " + short_time(request.created_at)).c_str());
  if (request.closed_at) {
    ui::text_disabled(
        (std::string(tr(Text::ClosedOn)) + ": " + short_time(*request.closed_at)).c_str());
  }
}

}  // namespace care::client::panels
