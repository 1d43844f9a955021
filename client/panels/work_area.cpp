#include "panels/work_area.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>
#include <string>

#include "care/text.hpp"
#include "i18n/i18n.hpp"
#include "panels/labels.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;

std::string label(Text text, const char* id) {
  return std::string(tr(text)) + "###" + id;
}

void heading(Text text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.55f, 0.75f, 1.0f, 1.0f));
  ui::text(tr(text));
  ImGui::PopStyleColor();
  ImGui::Separator();
}

// "123 / 2000", red past the limit (R-C1: shown, never silently cut).
void counter(const std::string& text) {
  size_t count = care::count_characters(text).value_or(0);
  char line[48];
  std::snprintf(line, sizeof line, "%zu / %zu", count, care::kTextLimit);
  if (count > care::kTextLimit) {
    ui::text_colored(0.95f, 0.45f, 0.4f, line);
  } else {
    ui::text_disabled(line);
  }
}

void draw_in_progress(const DesktopState& state, Action& action) {
  heading(Text::InProgress);
  bool any = false;
  for (const Hand& hand : state.hands) {
    if (hand.task.state != care::TaskState::assigned) continue;
    any = true;
    std::string since = hand.task.assigned_at ? elapsed(*hand.task.assigned_at) : "";
    std::string line = std::string(channel_name(hand.task.channel)) + " · " + contact_name(hand) +
                       "  " + since + "###task-" + std::to_string(hand.task.id);
    if (ImGui::Selectable(line.c_str(), state.selected_task == hand.task.id)) {
      action.kind = Action::Kind::Select;
      action.task = hand.task.id;
    }
  }
  if (!any) ui::text_disabled(tr(Text::NothingInProgress));
}

void draw_transcript(const Hand& hand) {
  const care::Activity& activity = hand.activity;
  if (activity.media == care::MediaType::email && !activity.subject.empty()) {
    ui::text((std::string(tr(Text::Subject)) + ": " + activity.subject).c_str());
    ImGui::Separator();
  }
  if (activity.media == care::MediaType::call) {
    std::string from = activity.from + " → " + activity.to;
    ui::text(from.c_str());
    if (hand.task.assigned_at) {
      ui::text_colored(0.5f, 0.85f, 0.55f, elapsed(*hand.task.assigned_at).c_str());
    }
    for (const care::CallEvent& event : activity.call_events) {
      std::string line = short_time(event.at) + "  " + std::string(care::enum_name(event.kind));
      ui::text_disabled(line.c_str());
    }
    for (const care::Field& field : activity.context.variables) {
      ui::text((field.name + ": " + field.value).c_str());
    }
  }
  for (const care::Message& message : activity.messages) {
    bool mine = message.author == care::AuthorKind::agent;
    std::string who = message.author_name + "  " + short_time(message.at);
    if (mine) {
      ui::text_colored(0.55f, 0.75f, 1.0f, who.c_str());
    } else {
      ui::text_colored(0.95f, 0.8f, 0.45f, who.c_str());
    }
    ui::text_wrapped(message.text.c_str());
    ImGui::Spacing();
  }
  if (hand.customer_typing) ui::text_disabled(tr(Text::CustomerTyping));
}

void draw_conversation(DesktopState& state, const Hand& hand, Action& action) {
  std::string title = std::string(channel_name(hand.task.channel)) + " · " + contact_name(hand);
  ui::text(title.c_str());
  ImGui::SameLine(ImGui::GetWindowWidth() - 110.0f);
  if (ImGui::Button(label(Text::CloseInteraction, "close-task").c_str(), ImVec2(100.0f, 0.0f))) {
    action.kind = Action::Kind::StartClose;
    action.task = hand.task.id;
  }
  ImGui::Separator();
  bool writes =
      hand.activity.media == care::MediaType::chat || hand.activity.media == care::MediaType::email;
  float composer_height = writes ? ImGui::GetFrameHeightWithSpacing() * 3.2f : 0.0f;
  ImGui::BeginChild("##transcript", ImVec2(0, -composer_height), false);
  draw_transcript(hand);
  // Follow new lines while the agent is at the bottom.
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4.0f) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
  if (!writes) return;
  // Enter sends; Ctrl+Enter adds a line (ImGui 1.86 has no Shift+Enter newline).
  bool send = ImGui::InputTextMultiline(
      "##composer", &state.composer,
      ImVec2(ImGui::GetContentRegionAvail().x - 90.0f, ImGui::GetFrameHeight() * 2.2f),
      ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine);
  ImGui::SameLine();
  send |= ImGui::Button(label(Text::Send, "send").c_str(), ImVec2(80.0f, 0.0f));
  if (send) {
    action.kind = Action::Kind::SendMessage;
    ImGui::SetKeyboardFocusHere(-1);
  }
  ui::text_disabled(tr(Text::ComposerHint));
}

struct TabbedTag {
  bool tab = false;
  std::string text;
};

int tag_callback(ImGuiInputTextCallbackData* data) {
  // Tab completes a tag just as Enter does (R-C4). The field stays active on Tab, so
  // its own buffer is emptied here (clearing the string outside would not show).
  if (data->EventFlag == ImGuiInputTextFlags_CallbackCompletion) {
    auto* tabbed = static_cast<TabbedTag*>(data->UserData);
    tabbed->tab = true;
    tabbed->text.assign(data->Buf, static_cast<size_t>(data->BufTextLen));
    data->DeleteChars(0, data->BufTextLen);
  }
  return 0;
}

void draw_customer(DesktopState& state, const Hand& hand, Action& action) {
  heading(Text::CustomerLabel);
  if (hand.customer) {
    ui::text(hand.customer->name.c_str());
    if (!hand.customer->email.empty()) ui::text_disabled(hand.customer->email.c_str());
    if (!hand.customer->phone.empty()) ui::text_disabled(hand.customer->phone.c_str());
    ImGui::Spacing();
    return;
  }
  CustomerForm& form = state.customer_form;
  ui::text_disabled(tr(Text::UnknownContact));
  ImGui::SetNextItemWidth(-1.0f);
  ImGui::InputTextWithHint("##customer-name", tr(Text::CustomerName), &form.name);
  ImGui::SetNextItemWidth(-1.0f);
  ImGui::InputTextWithHint("##customer-email", "Email", &form.email);
  ImGui::SetNextItemWidth(-1.0f);
  ImGui::InputTextWithHint("##customer-phone", tr(Text::Phone), &form.phone);
  ImGui::BeginDisabled(form.saving);
  if (ImGui::Button(label(Text::CreateCustomer, "create-customer").c_str())) {
    action.kind = Action::Kind::CreateCustomer;
  }
  ImGui::EndDisabled();
  if (!form.error.empty()) ui::text_colored(0.95f, 0.45f, 0.4f, form.error.c_str());
  ImGui::Spacing();
}

void draw_request(DesktopState& state, const Hand& hand, Action& action) {
  heading(Text::RequestDetails);
  if (!hand.request) return;
  RequestEdit& edit = state.request_edit;
  if (edit.changed_by != 0) {
    char caution[256];
    std::snprintf(caution, sizeof caution, tr(Text::ChangedElsewhere),
                  ("#" + std::to_string(edit.changed_by)).c_str(), edit.changed_at.c_str());
    ui::text_colored(0.95f, 0.75f, 0.3f, caution);
    if (ImGui::Button(label(Text::Load, "load-request").c_str())) {
      action.kind = Action::Kind::LoadRequest;
    }
  }
  ui::text(tr(Text::Title));
  ImGui::SetNextItemWidth(-1.0f);
  if (ImGui::InputText("##request-title", &edit.title)) edit.dirty = true;
  counter(edit.title);
  ui::text(tr(Text::Description));
  if (ImGui::InputTextMultiline("##request-description", &edit.description,
                                ImVec2(-1.0f, ImGui::GetFrameHeight() * 4.0f))) {
    edit.dirty = true;
  }
  counter(edit.description);
  bool valid = care::check_text("title", edit.title).ok() &&
               care::check_text("description", edit.description).ok();
  ImGui::BeginDisabled(!edit.dirty || edit.saving || !valid);
  if (ImGui::Button(label(Text::Save, "save-request").c_str())) {
    action.kind = Action::Kind::SaveRequest;
  }
  ImGui::EndDisabled();
  if (!valid) {
    auto checked = care::check_text("title", edit.title);
    if (checked.ok()) checked = care::check_text("description", edit.description);
    ui::text_colored(0.95f, 0.45f, 0.4f, checked.error().message.c_str());
  }
  if (!edit.error.empty()) ui::text_colored(0.95f, 0.45f, 0.4f, edit.error.c_str());
  const care::Request& request = *hand.request;
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

void draw_activity(DesktopState& state, const Hand& hand, Action& action) {
  ImGui::Spacing();
  heading(Text::ActivityDetails);
  ui::text_disabled(media_name(hand.activity.media));
  ui::text(tr(Text::Tags));
  for (const std::string& tag : hand.activity.tags) {
    std::string chip = tag + "  ×###tag-" + tag;
    if (ImGui::SmallButton(chip.c_str())) {
      action.kind = Action::Kind::RemoveTag;
      action.text = tag;
    }
    ImGui::SameLine();
  }
  ImGui::NewLine();
  TabbedTag tabbed;
  ImGui::SetNextItemWidth(-1.0f);
  bool enter = ImGui::InputTextWithHint(
      "##tag-input", tr(Text::TagHint), &state.tag_input,
      ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackCompletion, tag_callback,
      &tabbed);
  std::string entered = tabbed.tab ? tabbed.text : state.tag_input;
  if ((enter || tabbed.tab) && !entered.empty()) {
    action.kind = Action::Kind::AddTag;
    action.text = entered;
    state.tag_input.clear();
    if (enter) ImGui::SetKeyboardFocusHere(-1);
  }
  if (!state.tag_error.empty()) ui::text_colored(0.95f, 0.45f, 0.4f, state.tag_error.c_str());

  ImGui::Spacing();
  heading(Text::Comments);
  for (const care::Comment& comment : hand.comments) {
    ui::text_disabled((comment.author_name + "  " + short_time(comment.at)).c_str());
    ui::text_wrapped(comment.text.c_str());
  }
  ImGui::SetNextItemWidth(-1.0f);
  bool add = ImGui::InputText("##comment-input", &state.comment_input,
                              ImGuiInputTextFlags_EnterReturnsTrue);
  add |= ImGui::Button(label(Text::AddComment, "add-comment").c_str());
  if (add && !state.comment_input.empty()) action.kind = Action::Kind::AddComment;
}

}  // namespace

Action draw_work_area(DesktopState& state, double) {
  Action action;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  float status_height = ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y;
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, viewport->WorkSize.y - status_height));
  constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings |
                                     ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (ImGui::Begin("###work-area", nullptr, flags)) {
    float scale = ImGui::GetFontSize() / 16.0f;
    float left = 260.0f * scale;
    float right = 360.0f * scale;
    ImGui::BeginChild("##in-progress", ImVec2(left, 0), true);
    draw_in_progress(state, action);
    ImGui::EndChild();
    ImGui::SameLine();
    const Hand* hand = state.hand(state.selected_task);
    float middle =
        ImGui::GetContentRegionAvail().x - (hand ? right + ImGui::GetStyle().ItemSpacing.x : 0);
    ImGui::BeginChild("##communication", ImVec2(middle, 0), true);
    if (!state.notice.empty()) ui::text_colored(0.95f, 0.75f, 0.3f, state.notice.c_str());
    if (!state.work_error.empty()) ui::text_colored(0.95f, 0.45f, 0.4f, state.work_error.c_str());
    if (hand) {
      Hand copy = *hand;  // the panels may change the state's buffers while drawing
      draw_conversation(state, copy, action);
    } else {
      std::string who = std::string(tr(Text::SignedInAs)) + " " + state.agent.display_name;
      ui::text(who.c_str());
      ui::text_disabled(state.agent.state == "ready" ? tr(Text::WaitingForOffers)
                                                     : tr(Text::GoReadyHint));
    }
    ImGui::EndChild();
    if (hand) {
      ImGui::SameLine();
      Hand copy = *hand;
      ImGui::BeginChild("##details", ImVec2(0, 0), true);
      draw_customer(state, copy, action);
      draw_request(state, copy, action);
      draw_activity(state, copy, action);
      ImGui::EndChild();
    }
  }
  ImGui::End();
  return action;
}

}  // namespace care::client::panels
