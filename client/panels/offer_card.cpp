#include "panels/offer_card.hpp"

#include <imgui.h>

#include <cstdio>
#include <string>

#include "i18n/i18n.hpp"
#include "panels/labels.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;

const Hand* offer_of(const DesktopState& state) {
  const Hand* offer = nullptr;
  for (const Hand& hand : state.hands) {
    if (hand.task.state == care::TaskState::offered) offer = &hand;
  }
  return offer;
}

}  // namespace

OfferCard::OfferCard()
    : Window("###offer-card", ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                  ImGuiWindowFlags_NoSavedSettings |
                                  ImGuiWindowFlags_AlwaysAutoResize) {
  background = ImVec4(0.16f, 0.24f, 0.38f, 1.0f);
  rounding = 8.0f;
}

bool OfferCard::shown(const Frame& frame) const {
  return frame.state.phase == SessionPhase::SignedIn && offer_of(frame.state) != nullptr;
}

void OfferCard::place(const Frame&) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(
      ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f, viewport->WorkPos.y + 60.0f),
      ImGuiCond_Always, ImVec2(0.5f, 0.0f));
  ImGui::SetNextWindowSize(ImVec2(420.0f * ImGui::GetFontSize() / 16.0f, 0.0f));
}

void OfferCard::draw_content(Frame& frame) {
  const Hand& offer = *offer_of(frame.state);
  ImGui::SetWindowFocus();
  std::string heading = std::string(tr(Text::NewOffer)) + " · " + channel_name(offer.task.channel);
  ui::text(heading.c_str());
  ImGui::Separator();
  ui::text(contact_name(offer).c_str());
  if (!offer.activity.subject.empty()) ui::text_disabled(offer.activity.subject.c_str());
  if (!offer.activity.messages.empty()) {
    ui::text_wrapped(offer.activity.messages.front().text.c_str());
  }
  long long left = 0;
  if (offer.task.offer_deadline) {
    left = (care::unix_ms(*offer.task.offer_deadline) - care::unix_ms(frame.now) + 999) / 1000;
    if (left < 0) left = 0;
  }
  char countdown[64];
  std::snprintf(countdown, sizeof countdown, tr(Text::SecondsLeft), static_cast<int>(left));
  ui::text_colored(1.0f, 0.8f, 0.35f, countdown);
  float fraction = static_cast<float>(left) / 15.0f;
  ImGui::ProgressBar(fraction > 1.0f ? 1.0f : fraction, ImVec2(-1.0f, 4.0f), "");
  std::string accept = std::string(tr(Text::Accept)) + "###accept-offer";
  bool shortcut =
      ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
  float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  if (ImGui::Button(accept.c_str(), ImVec2(half, 0.0f)) || shortcut) {
    frame.ask(action::Accept{offer.task.id});
  }
  ImGui::SameLine();
  // No: the task goes to someone else, and the agent stays Ready (unlike a missed offer).
  if (ImGui::Button(label(Text::Decline, "decline-offer").c_str(), ImVec2(-1.0f, 0.0f))) {
    frame.ask(action::Decline{offer.task.id});
  }
  ui::text_disabled(tr(Text::AcceptShortcut));
}

}  // namespace care::client::panels
