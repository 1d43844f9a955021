#include "panels/work_area.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "care/rules/call.hpp"
#include "care/text.hpp"
#include "i18n/i18n.hpp"
#include "panels/conversation_context.hpp"
#include "panels/customer_pane.hpp"
#include "panels/floor.hpp"
#include "panels/labels.hpp"
#include "panels/queue_list.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;

void draw_in_progress(const DesktopState& state, Action& action) {
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
  if (state.closed.empty()) return;
  // Closed conversations leave the list above and wait here (R-F7); one opens in
  // its customer's journey.
  ImGui::Spacing();
  heading(Text::ClosedItems);
  for (const Hand& done : state.closed) {
    std::string when = done.task.closed_at ? short_time(*done.task.closed_at).substr(11) : "";
    std::string line = std::string(channel_name(done.task.channel)) + " · " + contact_name(done) +
                       "  " + when + "###closed-" + std::to_string(done.task.id);
    ImGui::BeginDisabled(!done.customer);
    if (ImGui::Selectable(line.c_str(), false) && done.customer) {
      action.kind = Action::Kind::OpenClosed;
      action.id = done.customer->id;
      action.task = done.activity.id;
    }
    ImGui::EndDisabled();
  }
}

void draw_message(const care::Message& message) {
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

// Only the lines in view are laid out (a 5,000-line chat costs what a screenful
// costs): each line's height is measured when it is drawn and estimated until then,
// and the lines out of view are one empty space each side.
void draw_messages(const care::Activity& activity) {
  struct Layout {
    care::Id activity = 0;
    float width = 0.0f;
    std::vector<float> heights;  // measured, or estimated (negative) until drawn
  };
  static Layout layout;
  const auto& messages = activity.messages;
  float width = ImGui::GetContentRegionAvail().x;
  if (layout.activity != activity.id || layout.width != width ||
      layout.heights.size() > messages.size()) {
    layout = Layout{activity.id, width, {}};
  }
  float line = ImGui::GetTextLineHeightWithSpacing();
  while (layout.heights.size() < messages.size()) {
    const std::string& text = messages[layout.heights.size()].text;
    float chars_per_line = std::max(1.0f, width / (ImGui::GetFontSize() * 0.5f));
    float lines = 1.0f + std::floor(static_cast<float>(text.size()) / chars_per_line);
    layout.heights.push_back(-(line * (1.0f + lines) + ImGui::GetStyle().ItemSpacing.y));
  }
  float top = ImGui::GetScrollY();
  float bottom = top + ImGui::GetWindowHeight();
  float y = ImGui::GetCursorPosY();
  float skipped = 0.0f;
  for (size_t i = 0; i < messages.size(); ++i) {
    float height = std::fabs(layout.heights[i]);
    if (y + height < top || y > bottom) {
      skipped += height;
    } else {
      if (skipped > 0.0f) ImGui::Dummy(ImVec2(0.0f, skipped - ImGui::GetStyle().ItemSpacing.y));
      skipped = 0.0f;
      float before = ImGui::GetCursorPosY();
      draw_message(messages[i]);
      height = ImGui::GetCursorPosY() - before;
      layout.heights[i] = height;
    }
    y += height;
  }
  if (skipped > 0.0f) ImGui::Dummy(ImVec2(0.0f, skipped - ImGui::GetStyle().ItemSpacing.y));
}

// R-B2: where the call stands, its running timer, and hold / resume / end, each
// offered only when the shared rule allows it.
void draw_call_controls(const Hand& hand, Action& action) {
  const auto& events = hand.activity.call_events;
  care::CallStage stage = care::call_stage(events);
  Text stage_words = stage == care::CallStage::ringing     ? Text::CallRinging
                     : stage == care::CallStage::connected ? Text::CallConnected
                     : stage == care::CallStage::on_hold   ? Text::CallOnHold
                                                           : Text::CallEnded;
  auto now = std::chrono::time_point_cast<care::Duration>(std::chrono::system_clock::now());
  std::string timer = std::string(tr(stage_words)) + "  " +
                      duration_text(care::call_duration(events, now).count());
  if (stage == care::CallStage::on_hold) {
    ui::text_colored(0.95f, 0.75f, 0.3f, timer.c_str());
  } else {
    ui::text_colored(0.5f, 0.85f, 0.55f, timer.c_str());
  }
  struct Control {
    care::CallEventKind kind;
    Text words;
    const char* id;
    const char* name;
  };
  const Control controls[] = {{care::CallEventKind::held, Text::Hold, "call-hold", "hold"},
                              {care::CallEventKind::resumed, Text::Resume, "call-resume", "resume"},
                              {care::CallEventKind::ended, Text::EndCall, "call-end", "end"}};
  for (const Control& control : controls) {
    bool allowed = care::check_call_control(events, control.kind).ok();
    ImGui::BeginDisabled(!allowed);
    if (ImGui::Button(label(control.words, control.id).c_str())) {
      action.kind = Action::Kind::ControlCall;
      action.text = control.name;
      action.id = hand.activity.id;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
  }
  ImGui::NewLine();
}

void draw_transcript(const Hand& hand, Action& action) {
  const care::Activity& activity = hand.activity;
  if (activity.media == care::MediaType::email && !activity.subject.empty()) {
    ui::text((std::string(tr(Text::Subject)) + ": " + activity.subject).c_str());
    ImGui::Separator();
  }
  if (activity.media == care::MediaType::call) {
    std::string from = activity.from + " → " + activity.to;
    ui::text(from.c_str());
    draw_call_controls(hand, action);
    for (const care::CallEvent& event : activity.call_events) {
      std::string line = short_time(event.at) + "  " + std::string(care::enum_name(event.kind));
      ui::text_disabled(line.c_str());
    }
    for (const care::Field& field : activity.context.variables) {
      ui::text((field.name + ": " + field.value).c_str());
    }
  }
  draw_messages(activity);
  if (hand.customer_typing) ui::text_disabled(tr(Text::CustomerTyping));
}

void draw_conversation(DesktopState& state, const Hand& hand, Action& action) {
  std::string title = std::string(channel_name(hand.task.channel)) + " · " + contact_name(hand);
  ui::text(title.c_str());
  // The mood beside the title when there is room before Close; always in the
  // Conversation tab.
  float room = ImGui::GetWindowWidth() - 110.0f - ImGui::GetItemRectMax().x +
               ImGui::GetWindowPos().x;
  if (room > ImGui::GetFontSize() * 12.0f) {
    ImGui::SameLine(0, ImGui::GetStyle().ItemSpacing.x * 4);
    draw_sentiment(hand);
  }
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
  draw_transcript(hand, action);
  // Follow new lines while the agent is at the bottom.
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4.0f) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
  if (!writes) return;
  // Enter sends; Ctrl+Enter adds a line (ImGui 1.86 has no Shift+Enter newline).
  // Enter also leaves the field, so the next frame puts the caret back in it.
  static bool keep_typing = false;
  if (keep_typing) ImGui::SetKeyboardFocusHere();
  keep_typing = false;
  bool send = ImGui::InputTextMultiline(
      "##composer", &state.composer,
      ImVec2(ImGui::GetContentRegionAvail().x - 90.0f, ImGui::GetFrameHeight() * 2.2f),
      ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine);
  ImGui::SameLine();
  send |= ImGui::Button(label(Text::Send, "send").c_str(), ImVec2(80.0f, 0.0f));
  // "/" starts a canned response search (R-F9): Enter takes the first match.
  bool canned = !state.composer.empty() && state.composer[0] == '/' &&
                state.composer.find('\n') == std::string::npos;
  if (canned && state.composer.substr(1) != state.canned_query) {
    action.kind = Action::Kind::FindCanned;
    action.text = state.composer.substr(1);
  }
  if (send && canned && !state.canned.empty()) {
    action.kind = Action::Kind::UseCanned;
    action.id = state.canned.front().id;
    keep_typing = true;
  } else if (send) {
    action.kind = Action::Kind::SendMessage;
    keep_typing = true;
  }
  if (canned && !state.canned.empty()) {
    float top = ImGui::GetItemRectMin().y;
    float height = ImGui::GetTextLineHeightWithSpacing() *
                   (static_cast<float>(std::min<size_t>(state.canned.size(), 6)) + 1.5f);
    ImGui::SetNextWindowPos(
        ImVec2(ImGui::GetWindowPos().x + ImGui::GetStyle().WindowPadding.x, top - height - 8.0f));
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetWindowWidth() * 0.8f, height));
    ImGui::Begin("##canned", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoSavedSettings);
    ui::text_disabled(tr(Text::CannedHint));
    for (const CannedResponse& response : state.canned) {
      std::string line = "/" + response.name + "  " + response.body.substr(0, 60) + "###canned-" +
                         std::to_string(response.id);
      if (ImGui::Selectable(line.c_str())) {
        action.kind = Action::Kind::UseCanned;
        action.id = response.id;
      }
    }
    ImGui::End();
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
  ImGui::SameLine();
  if (ImGui::RadioButton(label(Text::Contact, "new-contact").c_str(), !form.account)) {
    form.account = false;
  }
  ImGui::SameLine();
  if (ImGui::RadioButton(label(Text::Account, "new-account").c_str(), form.account)) {
    form.account = true;
  }
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

void draw_request(DesktopState& state, const care::Request* shown, Action& action) {
  heading(Text::RequestDetails);
  if (!shown) return;
  if (state.request_presence.id == shown->id) draw_viewers(state.request_presence);
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
                                ImVec2(-1.0f, ImGui::GetFrameHeight() * 3.0f))) {
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

// Move the activity to another open request of its customer (R-C6).
void draw_move(const DesktopState& state, const Hand& hand, Action& action) {
  if (!hand.customer || !state.customer || state.customer->customer.id != hand.customer->id) {
    return;
  }
  // A button and a popup rather than a combo: ImGui 1.86 gives combos no automation
  // label, and tests and screen readers need one.
  std::string button = std::string(tr(Text::MoveTo)) + " ▾###move-activity";
  if (ImGui::Button(button.c_str())) ImGui::OpenPopup("##move-targets");
  if (ImGui::BeginPopup("##move-targets")) {
    for (const care::Request& request : state.customer->requests) {
      if (hand.request && request.id == hand.request->id) continue;
      if (request.status != care::RequestStatus::open) continue;
      std::string line = request.title + "###move-to-" + std::to_string(request.id);
      if (ImGui::Selectable(line.c_str())) {
        action.kind = Action::Kind::MoveActivity;
        action.id = hand.activity.id;
        action.task = request.id;  // the request it goes to
      }
    }
    ImGui::EndPopup();
  }
}

void draw_activity(DesktopState& state, const Hand& hand, Action& action) {
  ImGui::Spacing();
  heading(Text::ActivityDetails);
  ui::text_disabled(media_name(hand.activity.media));
  draw_move(state, hand, action);
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

// The request of the activity selected in the journey: edited like a task's (R-C1).
const care::Request* journey_request(const DesktopState& state) {
  const CustomerView& view = *state.customer;
  for (const care::Activity& activity : view.activities) {
    if (activity.id != view.selected_activity || !activity.request) continue;
    for (const care::Request& request : view.requests) {
      if (request.id == *activity.request) return &request;
    }
  }
  return nullptr;
}

// The pane switcher on top of the left column.
void draw_panes(const DesktopState& state, Action& action) {
  struct Choice {
    Pane pane;
    Text words;
    const char* id;
  };
  bool supervises = state.agent.role == "supervisor" || state.agent.role == "admin";
  const Choice choices[] = {{Pane::InProgress, Text::InProgress, "pane-progress"},
                            {Pane::Queue, Text::PaneQueue, "pane-queue"},
                            {Pane::Customers, Text::PaneCustomers, "pane-customers"},
                            {Pane::Floor, Text::PaneFloor, "pane-floor"}};
  bool first = true;
  for (const Choice& choice : choices) {
    if (choice.pane == Pane::Floor && !supervises) continue;
    std::string text = label(choice.words, choice.id);
    // Side by side while they fit, else on the next line (long words in some languages).
    float width = ImGui::CalcTextSize(tr(choice.words)).x + ImGui::GetStyle().FramePadding.x * 2;
    if (!first) {
      ImGui::SameLine();
      if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
    }
    first = false;
    bool selected = state.pane == choice.pane;
    if (selected) {
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    }
    if (ImGui::SmallButton(text.c_str())) {
      action.kind = Action::Kind::ShowPane;
      action.number = static_cast<int>(choice.pane);
    }
    if (selected) ImGui::PopStyleColor();
  }
  ImGui::Separator();
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
    float left = 290.0f * scale;
    float right = 360.0f * scale;
    ImGui::BeginChild("##left", ImVec2(left, 0), true);
    draw_panes(state, action);
    switch (state.pane) {
      case Pane::InProgress:
        draw_in_progress(state, action);
        break;
      case Pane::Queue:
        draw_queue_list(state, action);
        break;
      case Pane::Customers:
        draw_customer_list(state, action);
        break;
      case Pane::Floor:
        draw_in_progress(state, action);
        break;
    }
    ImGui::EndChild();
    ImGui::SameLine();
    // Drawn from the state by reference: copying a 5,000-line chat every frame would
    // cost more than drawing the visible part of it. Panels change only the edit
    // buffers; the hands change after the frame, when the action is applied.
    const Hand* hand = state.pane == Pane::InProgress ? state.hand(state.selected_task) : nullptr;
    bool details = hand != nullptr || (state.pane == Pane::Customers && state.customer &&
                                       state.customer->selected_activity != 0);
    float middle = ImGui::GetContentRegionAvail().x -
                   (details ? right + ImGui::GetStyle().ItemSpacing.x : 0.0f);
    ImGui::BeginChild("##communication", ImVec2(middle, 0), true);
    if (!state.notice.empty()) ui::text_colored(0.95f, 0.75f, 0.3f, state.notice.c_str());
    if (!state.work_error.empty()) ui::text_colored(0.95f, 0.45f, 0.4f, state.work_error.c_str());
    switch (state.pane) {
      case Pane::InProgress:
        if (hand) {
          draw_conversation(state, *hand, action);
        } else {
          std::string who = std::string(tr(Text::SignedInAs)) + " " + state.agent.display_name;
          ui::text(who.c_str());
          ui::text_disabled(state.agent.state == "ready" ? tr(Text::WaitingForOffers)
                                                         : tr(Text::GoReadyHint));
        }
        break;
      case Pane::Queue:
        draw_queue_preview(state, action);
        break;
      case Pane::Customers:
        draw_customer_view(state, action);
        break;
      case Pane::Floor:
        draw_floor(state);
        break;
    }
    ImGui::EndChild();
    if (details) {
      ImGui::SameLine();
      ImGui::BeginChild("##details", ImVec2(0, 0), true);
      if (hand) {
        draw_details_tabs(state, action);
        switch (state.details_tab) {
          case DetailsTab::Details:
            draw_customer(state, *hand, action);
            draw_request(state, hand->request ? &*hand->request : nullptr, action);
            draw_activity(state, *hand, action);
            break;
          case DetailsTab::Conversation:
            draw_conversation_context(state, *hand, action);
            break;
          case DetailsTab::Cases:
            draw_recent_cases(state, *hand, action);
            break;
          case DetailsTab::Timeline:
            draw_timeline(state, *hand, action);
            break;
          case DetailsTab::Knowledge:
            draw_knowledge(state, action);
            break;
        }
      } else {
        draw_request(state, journey_request(state), action);
        ImGui::Spacing();
        draw_journey_details(state);
      }
      ImGui::EndChild();
    }
  }
  ImGui::End();
  return action;
}

}  // namespace care::client::panels
