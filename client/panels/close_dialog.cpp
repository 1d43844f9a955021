#include "panels/close_dialog.hpp"

#include <imgui.h>

#include <string>

#include "care/rules/close.hpp"
#include "care/text.hpp"
#include "i18n/i18n.hpp"
#include "panels/labels.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {

using i18n::Text;
using i18n::tr;

bool customer_form_unsaved(const DesktopState& state, const Hand& hand) {
  return hand.customer && state.customer && state.customer->customer.id == hand.customer->id &&
         state.customer->dirty;
}

UnsentWork unsent_work(const DesktopState& state, const Hand& hand) {
  UnsentWork unsent;
  if (hand.task.id != state.selected_task) return unsent;  // its buffers are a draft
  if (!care::trim(state.composer).empty()) unsent.line = state.composer;
  if (!care::trim(state.comment_input).empty()) unsent.comment = state.comment_input;
  const RequestEdit& edit = state.request_edit;
  // Typed back to what is saved is nothing to lose.
  unsent.request_fields =
      edit.dirty && hand.request && edit.request == hand.request->id &&
      (edit.title != hand.request->title || edit.description != hand.request->description);
  return unsent;
}

namespace {

// A line of what is unsent: its kind and the start of its words, on one line.
void unsent_line(Text kind, const std::string& words) {
  std::string first = words.substr(0, words.find('\n'));
  if (first.size() < words.size()) first += "\u2026";
  std::string line = "\u2022 " + std::string(tr(kind)) + ": \u201c" + first + "\u201d";
  ui::text_fitted(line.c_str(), ImGui::GetFontSize() * 26.0f);
}

}  // namespace

bool CloseDialog::shown(const Frame& frame) const {
  const DesktopState& state = frame.state;
  return state.phase == SessionPhase::SignedIn && state.closing &&
         state.hand(state.closing->task) != nullptr;
}

std::string CloseDialog::title() const {
  return std::string(tr(Text::CloseInteraction)) + "###close-dialog";
}

void CloseDialog::place(const Frame&) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetWorkCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
}

void CloseDialog::draw_content(Frame& frame) {
  DesktopState& state = frame.state;
  Closing& closing = *state.closing;
  const Hand* hand = state.hand(closing.task);
  bool unsaved = customer_form_unsaved(state, *hand);
  UnsentWork unsent = unsent_work(state, *hand);
  care::CloseSituation situation{unsaved, hand->customer.has_value(), state.wrap_up_codes,
                                 unsent.any() || closing.settling};
  std::vector<care::CloseQuestion> questions = care::questions_before_close(situation);

  bool answered = !closing.settling;
  for (care::CloseQuestion question : questions) {
    if (question == care::CloseQuestion::unsent_text) {
      if (closing.settling) {
        ui::text(tr(Text::SendingBeforeClose));
        ImGui::Spacing();
        continue;
      }
      ui::text(tr(Text::UnsentQuestion));
      if (!unsent.line.empty()) unsent_line(Text::UnsentLine, unsent.line);
      if (!unsent.comment.empty()) unsent_line(Text::UnsentComment, unsent.comment);
      if (unsent.request_fields) {
        ui::text((std::string("\u2022 ") + tr(Text::UnsentRequestFields)).c_str());
      }
      ui::radio_button((std::string(tr(Text::SendAndSave)) + "###close-send").c_str(),
                       &closing.unsent, 0);
      ImGui::SameLine();
      ui::radio_button((std::string(tr(Text::DiscardTyped)) + "###close-drop").c_str(),
                       &closing.unsent, 1);
      answered = answered && closing.unsent >= 0;
      ImGui::Spacing();
    }
    if (question == care::CloseQuestion::unsaved_customer_changes) {
      ui::text(tr(Text::UnsavedCustomerQuestion));
      ui::radio_button((std::string(tr(Text::SaveChanges)) + "###close-save").c_str(),
                       &closing.unsaved, 0);
      ImGui::SameLine();
      ui::radio_button((std::string(tr(Text::DiscardChanges)) + "###close-discard").c_str(),
                       &closing.unsaved, 1);
      answered = answered && closing.unsaved >= 0;
      ImGui::Spacing();
    }
    if (question == care::CloseQuestion::unknown_contact) {
      ui::text(tr(Text::UnknownContactQuestion));
      ui::radio_button((std::string(tr(Text::CreateCustomer)) + "###close-create").c_str(),
                       &closing.unknown_contact, 0);
      ImGui::SameLine();
      ui::radio_button((std::string(tr(Text::LeaveWithoutCreating)) + "###close-leave").c_str(),
                       &closing.unknown_contact, 1);
      answered = answered && closing.unknown_contact >= 0;
      ImGui::Spacing();
    }
    if (question == care::CloseQuestion::wrap_up) {
      ui::text(tr(Text::WrapUp));
      for (size_t i = 0; i < state.wrap_up_codes.size(); ++i) {
        const care::WrapUpCode& code = state.wrap_up_codes[i];
        if (!code.active) continue;  // retired: kept only to name old activities
        std::string label = wrap_up_label(code) + "###wrap-" + code.code;
        ui::radio_button(label.c_str(), &closing.wrap_up, static_cast<int>(i));
      }
      answered = answered && closing.wrap_up >= 0;
      ImGui::Spacing();
    }
  }
  if (!closing.error.empty()) ui::text_tone(ui::Tone::Error, closing.error.c_str());
  ImGui::BeginDisabled(!answered);
  if (ImGui::Button((std::string(tr(Text::CloseInteraction)) + "###close-confirm").c_str())) {
    frame.ask(action::Close{});
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button((std::string(tr(Text::Cancel)) + "###close-cancel").c_str())) {
    frame.ask(action::CancelClose{});
  }
}

}  // namespace care::client::panels
