// Transfer and consult (issue 18, R-K1): the dialog's choices sent to the server, and a
// consulted guest leaving. A transferred task leaves the agent's hands as soon as the
// server agrees (its answer, and task.withdrawn on the stream, both reload the tasks).
#include <algorithm>

#include "desktop.hpp"

namespace care::client {

void Desktop::start_handing(care::Id task, bool consult) {
  const Hand* hand = state_.hand(task);
  if (!hand || hand->guest) return;
  Handing handing;
  handing.task = task;
  handing.consult = consult;
  handing.target = consult ? 1 : 0;
  state_.handing = std::move(handing);
  load_directory();  // colleagues signed up since the desktop started
}

void Desktop::send_handing() {
  if (!state_.handing || state_.handing->sending) return;
  Handing& handing = *state_.handing;
  const bool to_agent = handing.consult || handing.target == 1;
  if ((to_agent && handing.agent == 0) || (!to_agent && handing.queue == 0)) {
    handing.error = i18n::tr(i18n::Text::ChooseEachField);
    return;
  }
  handing.sending = true;
  handing.error.clear();
  const care::Id task = handing.task;
  auto answered = [this, task](Reply<Hand> reply) {
    if (!state_.handing || state_.handing->task != task) return;
    if (!reply) {
      state_.handing->sending = false;
      state_.handing->error = words(reply.error());
      return;
    }
    const bool consult = state_.handing->consult;
    state_.handing.reset();
    if (!consult) {
      // It is no longer ours: the next task (if any) takes the screen.
      state_.hands.erase(std::remove_if(state_.hands.begin(), state_.hands.end(),
                                        [&](const Hand& h) { return h.task.id == task; }),
                         state_.hands.end());
      if (state_.selected_task == task) state_.selected_task = 0;
    } else if (Hand* hand = state_.hand(task)) {
      hand->handoffs = reply->handoffs;
    }
    load_tasks();
  };
  if (handing.consult) {
    api_.consult(task, care::ConsultDraft{handing.agent, handing.note}, std::move(answered));
  } else {
    care::TransferDraft draft;
    if (to_agent) {
      draft.agent = handing.agent;
    } else {
      draft.queue = handing.queue;
    }
    draft.note = handing.note;
    api_.transfer(task, draft, std::move(answered));
  }
}

void Desktop::leave_consult(care::Id task) {
  api_.leave_consult(task, [this, task](Reply<Hand> left) {
    if (!left) {
      work_failed(ErrorSource::Composer, left.error());
      return;
    }
    state_.hands.erase(std::remove_if(state_.hands.begin(), state_.hands.end(),
                                      [&](const Hand& h) { return h.task.id == task; }),
                       state_.hands.end());
    if (state_.selected_task == task) state_.selected_task = 0;
    load_tasks();
  });
}

}  // namespace care::client
