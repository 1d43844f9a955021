#include "panels/offer_dock.hpp"

#include <imgui.h>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "automation/automation.hpp"
#include "care/rules/transfer.hpp"
#include "i18n/i18n.hpp"
#include "panels/labels.hpp"
#include "ui/keyboard.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;

// Read out (issue 16) once as it comes, assertively, and again at 10 and 5 seconds left
// (as the countdown passes the mark: an offer first seen with 7 s left says no "10").
void announce_offer(const Hand& offer, const std::string& who, long long left) {
  const std::string key = "offer-" + std::to_string(offer.task.id);
  char words[512];
  std::snprintf(words, sizeof words, tr(Text::OfferAnnounced), channel_name(offer.task.channel),
                who.c_str());
  automation::announce_once(key, words, automation::Urgency::Assertive);
  for (int mark : {10, 5}) {
    if (left == mark || left == mark - 1) {
      std::snprintf(words, sizeof words, tr(Text::OfferTimeLeft), mark);
      automation::announce_once(key + "-" + std::to_string(mark), words,
                                automation::Urgency::Assertive);
    }
  }
}

const Hand* offer_of(const DesktopState& state) {
  const Hand* offer = nullptr;
  for (const Hand& hand : state.hands) {
    if (hand.task.state == care::TaskState::offered) offer = &hand;
  }
  return offer;
}

}  // namespace

bool offer_docked(const DesktopState& state) {
  return state.phase == SessionPhase::SignedIn && offer_of(state) != nullptr;
}

float offer_dock_height() {
  const ImGuiStyle& style = ImGui::GetStyle();
  // Heading row with the buttons, the first line, the countdown bar; padding around.
  return ImGui::GetFrameHeightWithSpacing() + ImGui::GetTextLineHeightWithSpacing() +
         style.ItemSpacing.y + 4.0f * ImGui::GetFontSize() / 16.0f + style.WindowPadding.y * 2;
}

void draw_offer_dock(Frame& frame) {
  const Hand& offer = *offer_of(frame.state);
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ui::offer_card());
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 8.0f);
  ImGui::BeginChild("##offer-dock", ImVec2(0, offer_dock_height()), true,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ui::keyboard::pane(ui::keyboard::Pane::Offer);

  long long left = 0;
  if (offer.task.offer_deadline) {
    left = (care::unix_ms(*offer.task.offer_deadline) - care::unix_ms(frame.now) + 999) / 1000;
    if (left < 0) left = 0;
  }
  char countdown[64];
  std::snprintf(countdown, sizeof countdown, tr(Text::SecondsLeft), static_cast<int>(left));
  std::string accept = std::string(tr(Text::Accept)) + "###accept-offer";
  std::string decline = label(Text::Decline, "decline-offer");

  // The buttons and the countdown hold the right end; the words take what is left.
  const float buttons = button_width(accept) + button_width(decline) +
                        ImGui::CalcTextSize(countdown).x + style.ItemSpacing.x * 3;
  const float width = ImGui::GetContentRegionAvail().x;
  const float words = width - buttons;
  std::string heading = std::string(tr(Text::NewOffer)) + " · " + channel_name(offer.task.channel);
  // A colleague handed it on (issue 18): said in the heading, their note on the line.
  std::optional<care::Handoff> transfer = care::pending_transfer(offer.handoffs, offer.task);
  if (transfer) {
    std::vector<char> from(transfer->by_name.size() + 96);
    std::snprintf(from.data(), from.size(), tr(Text::TransferFrom), transfer->by_name.c_str());
    heading += std::string(" · ") + from.data();
  }
  std::string who = contact_name(offer);
  if (!offer.activity.subject.empty()) who += " · " + offer.activity.subject;
  announce_offer(offer, who, left);
  ImGui::AlignTextToFramePadding();
  ui::text(heading.c_str());
  ImGui::SameLine();
  ui::text_fitted(who.c_str(),
                  words - ImGui::CalcTextSize(heading.c_str()).x - style.ItemSpacing.x);
  ImGui::SameLine(ImGui::GetCursorStartPos().x + width - buttons + style.ItemSpacing.x);
  ui::text_tone(ui::Tone::Countdown, countdown);
  ImGui::SameLine();
  if (ImGui::Button(accept.c_str())) frame.ask(action::Accept{offer.task.id});
  ImGui::SameLine();
  // No: the task goes to someone else, and the agent stays Ready (unlike a missed offer).
  if (ImGui::Button(decline.c_str())) frame.ask(action::Decline{offer.task.id});

  std::string first_line =
      offer.activity.messages.empty() ? std::string() : offer.activity.messages.front().text;
  if (transfer && !transfer->note.empty()) {
    first_line = std::string(tr(Text::HandoffNote)) + ": " + transfer->note;
  }
  if (first_line.empty()) first_line = tr(Text::AcceptShortcut);
  ui::text_fitted(first_line.c_str(), width, true);
  float fraction = static_cast<float>(left) / 15.0f;
  ImGui::ProgressBar(fraction > 1.0f ? 1.0f : fraction,
                     ImVec2(-1.0f, 4.0f * ImGui::GetFontSize() / 16.0f), "");
  // Ctrl+Enter accepts, but only while no field has the keyboard: in an email reply
  // Ctrl+Enter sends, and a reply must never turn into an accepted offer.
  ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl && !io.WantTextInput &&
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false)) {
    frame.ask(action::Accept{offer.task.id});
  }
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

}  // namespace care::client::panels
