#include "panels/activity_details.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

#include "panels/labels.hpp"
#include "panels/mentions.hpp"
#include "ui/keyboard.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;

struct TabbedTag {
  bool tab = false;
  bool back = false;  // Shift+Tab
  std::string text;
};

int tag_callback(ImGuiInputTextCallbackData* data) {
  // Tab completes a tag just as Enter does (R-C4). The field stays active on Tab, so
  // its own buffer is emptied here (clearing the string outside would not show).
  if (data->EventFlag == ImGuiInputTextFlags_CallbackCompletion) {
    auto* tabbed = static_cast<TabbedTag*>(data->UserData);
    tabbed->tab = true;
    tabbed->back = ImGui::GetIO().KeyShift;
    tabbed->text.assign(data->Buf, static_cast<size_t>(data->BufTextLen));
    data->DeleteChars(0, data->BufTextLen);
  }
  return 0;
}

// Move the activity to another open request of its customer (R-C6).
void draw_move(Frame& frame, const Hand& hand) {
  const DesktopState& state = frame.state;
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
      if (ui::selectable(line.c_str())) {
        frame.ask(action::MoveActivity{hand.activity.id, request.id});
      }
    }
    ImGui::EndPopup();
  }
}

}  // namespace

void draw_activity_details(Frame& frame, const Hand& hand) {
  DesktopState& state = frame.state;
  ImGui::Spacing();
  heading(Text::ActivityDetails);
  ui::text_disabled(media_name(hand.activity.media));
  draw_move(frame, hand);
  draw_handoffs(hand.handoffs);  // who handed it to whom (issue 18)
  ui::text(tr(Text::Tags));
  for (const std::string& tag : hand.activity.tags) {
    std::string chip = tag + "  ×###tag-" + tag;
    if (ImGui::SmallButton(chip.c_str())) {
      frame.ask(action::RemoveTag{tag});
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
  const ImGuiID tag_field = ImGui::GetID("##tag-input");
  ui::field_note(tr(Text::TagHint), state.tag_input);
  if (ImGui::IsItemEdited()) state.tag_error.clear();  // the agent is putting it right
  std::string entered = tabbed.tab ? tabbed.text : state.tag_input;
  // Tab adds what is typed; with nothing typed it goes on to the next control (Shift+Tab:
  // back to the one before), as everywhere else (the field keeps Tab for itself while
  // it is being edited).
  if (tabbed.tab && entered.empty()) {
    ui::keyboard::tab_from(tag_field, tabbed.back ? -1 : +1);
  }
  if ((enter || tabbed.tab) && !entered.empty()) {
    frame.ask(action::AddTag{entered});
    state.tag_input.clear();
    if (enter) ImGui::SetKeyboardFocusHere(-1);
  }
  if (!state.tag_error.empty()) ui::text_tone(ui::Tone::Error, state.tag_error.c_str());

  ImGui::Spacing();
  heading(Text::Comments);
  for (const care::Comment& comment : hand.comments) {
    ui::text_disabled((comment.author_name + "  " + short_time(comment.at)).c_str());
    ui::text_wrapped(comment.text.c_str());
  }
  bool add = note_field(frame, "##comment-input", tr(Text::Comments), state.comment_input);
  if (ImGui::IsItemEdited()) state.clear_work_error(ErrorSource::Comment);
  add |= ImGui::Button(label(Text::AddComment, "add-comment").c_str());
  if (add && !state.comment_input.empty()) frame.ask(action::AddComment{});
}

}  // namespace care::client::panels
