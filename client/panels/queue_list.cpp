#include "panels/queue_list.hpp"

#include <imgui.h>

#include <string>

#include "panels/labels.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;

const Waiting* previewed(const DesktopState& state) {
  for (const Waiting& waiting : state.queue) {
    if (waiting.hand.task.id == state.previewed_task) return &waiting;
  }
  return nullptr;
}

}  // namespace

void draw_queue_list(Frame& frame) {
  const DesktopState& state = frame.state;
  if (state.queue.empty()) {
    ui::text_disabled(tr(Text::NothingWaiting));
    return;
  }
  for (const Waiting& waiting : state.queue) {
    const Hand& hand = waiting.hand;
    std::string line = std::string(channel_name(hand.task.channel)) + " · " + contact_name(hand) +
                       "  " + elapsed(hand.task.waiting_since, frame.now) + "###queued-" +
                       std::to_string(hand.task.id);
    if (ui::selectable(line.c_str(), state.previewed_task == hand.task.id)) {
      frame.ask(action::Preview{hand.task.id});
    }
    if (ImGui::IsItemHovered() && !hand.activity.messages.empty()) {
      ImGui::BeginTooltip();
      // Wrapped at 24 ems: a tooltip has no width of its own to wrap at (text_wrapped
      // would make it one character wide).
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
      ui::text(hand.activity.messages.front().text.c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
  }
}

void draw_queue_preview(Frame& frame) {
  const DesktopState& state = frame.state;
  const Waiting* waiting = previewed(state);
  if (!waiting) {
    ui::text_disabled(state.queue.empty() ? tr(Text::NothingWaiting) : tr(Text::SelectToPreview));
    return;
  }
  const Hand& hand = waiting->hand;
  std::string title = std::string(channel_name(hand.task.channel)) + " · " + contact_name(hand);
  ui::text(title.c_str());
  ImGui::SameLine(ImGui::GetWindowWidth() - 110.0f);
  if (ImGui::Button(label(Text::Accept, "accept-queued").c_str(), ImVec2(100.0f, 0.0f))) {
    frame.ask(action::Accept{hand.task.id});
  }
  ImGui::Separator();
  ui::text_disabled((std::string(tr(Text::QueueLabel)) + ": " +
                     queue_label(state, hand.task.queue, waiting->queue_name))
                        .c_str());
  ui::text_disabled(
      (std::string(tr(Text::Waiting)) + ": " + elapsed(hand.task.waiting_since, frame.now))
          .c_str());
  ImGui::Spacing();
  heading(Text::CustomerLabel);
  if (hand.customer) {
    ui::text(hand.customer->name.c_str());
    if (!hand.customer->email.empty()) ui::text_disabled(hand.customer->email.c_str());
    if (!hand.customer->phone.empty()) ui::text_disabled(hand.customer->phone.c_str());
  } else {
    ui::text_disabled(tr(Text::UnknownContact));
    for (const care::Field& field : hand.activity.context.pre_chat) {
      ui::text((field.name + ": " + field.value).c_str());
    }
  }
  ImGui::Spacing();
  heading(Text::RequestDetails);
  if (hand.request) {
    ui::text(hand.request->title.c_str());
    if (!hand.request->description.empty()) ui::text_wrapped(hand.request->description.c_str());
  } else {
    ui::text_disabled("—");  // accepting opens a new one (R-A7)
  }
  ImGui::Spacing();
  heading(Text::ActivityDetails);
  ui::text_disabled(media_name(hand.activity.media));
  if (!hand.activity.subject.empty()) ui::text(hand.activity.subject.c_str());
  for (const care::Message& message : hand.activity.messages) {
    ui::text_tone(ui::Tone::Customer, message.author_name.c_str());
    ui::text_wrapped(message.text.c_str());
  }
}

}  // namespace care::client::panels
