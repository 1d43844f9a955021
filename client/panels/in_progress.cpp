#include "panels/in_progress.hpp"

#include <imgui.h>

#include <string>

#include "panels/labels.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {

using i18n::Text;
using i18n::tr;

void draw_in_progress(Frame& frame) {
  const DesktopState& state = frame.state;
  bool any = false;
  for (const Hand& hand : state.hands) {
    if (hand.task.state != care::TaskState::assigned) continue;
    any = true;
    std::string since = hand.task.assigned_at ? elapsed(*hand.task.assigned_at, frame.now) : "";
    std::string line =
        row_label(std::string(channel_name(hand.task.channel)) + " · " + contact_name(hand), since,
                  "###task-" + std::to_string(hand.task.id));
    if (ui::selectable(line.c_str(), state.selected_task == hand.task.id)) {
      frame.ask(action::SelectTask{hand.task.id});
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
    std::string line =
        row_label(std::string(channel_name(done.task.channel)) + " · " + contact_name(done), when,
                  "###closed-" + std::to_string(done.task.id));
    ImGui::BeginDisabled(!done.customer);
    if (ui::selectable(line.c_str(), false) && done.customer) {
      frame.ask(action::OpenClosed{done.customer->id, done.activity.id});
    }
    ImGui::EndDisabled();
  }
}

}  // namespace care::client::panels
