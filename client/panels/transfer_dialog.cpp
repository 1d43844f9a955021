#include "panels/transfer_dialog.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

#include "care/model/handoff.hpp"
#include "care/text.hpp"
#include "i18n/i18n.hpp"
#include "panels/labels.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {

using i18n::Text;
using i18n::tr;

bool TransferDialog::shown(const Frame& frame) const {
  const DesktopState& state = frame.state;
  return state.phase == SessionPhase::SignedIn && state.handing &&
         state.hand(state.handing->task) != nullptr;
}

std::string TransferDialog::title() const {
  // One id for both: the dialog is the same window whichever it does.
  return std::string(tr(consult_ ? Text::ConsultTitle : Text::Transfer)) + "###transfer-dialog";
}

void TransferDialog::place(const Frame& frame) {
  consult_ = frame.state.handing && frame.state.handing->consult;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetWorkCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
}

void TransferDialog::draw_content(Frame& frame) {
  DesktopState& state = frame.state;
  Handing& handing = *state.handing;
  const float list_width = ImGui::GetFontSize() * 20.0f;
  if (!handing.consult) {
    ui::radio_button(label(Text::ToQueue, "transfer-to-queue").c_str(), &handing.target, 0);
    ImGui::SameLine();
    ui::radio_button(label(Text::ToAgent, "transfer-to-agent").c_str(), &handing.target, 1);
  }
  const bool to_agent = handing.consult || handing.target == 1;
  const float rows = ImGui::GetTextLineHeightWithSpacing() * 7.5f;
  ImGui::BeginChild("##transfer-targets", ImVec2(list_width, rows), true,
                    ImGuiWindowFlags_NavFlattened);
  if (to_agent) {
    for (const care::DirectoryAgent& agent : state.directory.agents) {
      if (agent.id == state.agent.id) continue;  // not to themselves
      // Admin accounts set the centre up and take no work (the Floor leaves them out
      // too); a supervisor stays: an escalation goes to them.
      if (agent.role == care::Role::admin) continue;
      std::string row = agent.display_name + "###transfer-agent-" + std::to_string(agent.id);
      if (ui::selectable(row.c_str(), handing.agent == agent.id)) {
        handing.agent = agent.id;
        handing.error.clear();
      }
    }
  } else {
    for (const care::Queue& queue : state.queues) {
      std::string row = queue.name + "###transfer-queue-" + std::to_string(queue.id);
      if (ui::selectable(row.c_str(), handing.queue == queue.id)) {
        handing.queue = queue.id;
        handing.error.clear();
      }
    }
  }
  ImGui::EndChild();

  ui::text(tr(Text::HandoffNote));
  ImGui::SetNextItemWidth(list_width);
  bool enter =
      ImGui::InputText("##transfer-note", &handing.note, ImGuiInputTextFlags_EnterReturnsTrue);
  ui::field_note(tr(Text::HandoffNote), handing.note);
  const std::size_t typed = care::count_characters(handing.note).value_or(0);
  if (typed > care::kHandoffNoteLimit) {
    counter(std::to_string(typed) + " / " + std::to_string(care::kHandoffNoteLimit));
  }
  if (!handing.error.empty()) ui::text_tone(ui::Tone::Error, handing.error.c_str());

  const bool chosen = to_agent ? handing.agent != 0 : handing.queue != 0;
  ImGui::BeginDisabled(!chosen || handing.sending);
  std::string go = label(handing.consult ? Text::Invite : Text::Transfer, "transfer-confirm");
  if (ImGui::Button(go.c_str()) || (enter && chosen)) frame.ask(action::SendHanding{});
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(label(Text::Cancel, "transfer-cancel").c_str())) {
    frame.ask(action::CancelHanding{});
  }
}

}  // namespace care::client::panels
