// Supervisor actions on the floor (issue 18): setting an agent Not Ready, reassigning a
// task, monitoring a chat silently and barging into it. The server records each in the audit trail.
#include <algorithm>

#include "care/text.hpp"
#include "desktop.hpp"

namespace care::client {

void Desktop::set_agent_not_ready(care::Id agent, const std::string& reason) {
  api_.set_agent_state(agent, care::StateChange{care::Presence::not_ready, reason},
                       [this](Reply<care::AgentState> changed) {
                         if (!changed) {
                           show_work_error(words(changed.error()), ErrorSource::Records);
                           return;
                         }
                         state_.clear_work_error(ErrorSource::Records);
                         load_floor();  // the agent.state event does too; this is sooner
                       });
}

// A supervisor moves a task someone holds (the transfer, as the supervisor's): to a
// queue, or offered to a Ready agent first.
void Desktop::reassign_task(care::Id task, std::optional<care::Id> queue,
                            std::optional<care::Id> agent) {
  care::TransferDraft draft;
  draft.queue = queue;
  draft.agent = agent;
  api_.transfer(task, draft, [this](Reply<Hand> moved) {
    if (!moved) {
      show_work_error(words(moved.error()), ErrorSource::Records);
      return;
    }
    state_.clear_work_error(ErrorSource::Records);
    load_floor();
  });
}

void Desktop::monitor_chat(care::Id activity, const std::string& agent_name) {
  if (state_.monitor && state_.monitor->activity == activity) return;
  if (state_.monitor) stop_monitoring();
  state_.monitor = Monitor{activity, agent_name, std::nullopt, {}, false, false, {}};
  resume_monitoring();
}

// Also after the stream reopens: a restarted server has forgotten its monitors, and
// lines may have passed meanwhile; the answer brings the whole transcript.
void Desktop::resume_monitoring() {
  if (!state_.monitor || state_.monitor->ended) return;
  const care::Id activity = state_.monitor->activity;
  api_.monitor(activity, [this, activity](Reply<ActivityDetails> details) {
    if (!state_.monitor || state_.monitor->activity != activity) return;  // stopped meanwhile
    if (!details) {
      // Ended meanwhile (409): said as the chat's end, not as an error.
      if (details.error().status == 409) {
        state_.monitor->ended = true;
      } else {
        state_.monitor->error = words(details.error());
      }
      return;
    }
    state_.monitor->error.clear();
    // Lines that came as events before this answer are in it too.
    state_.monitor->chat = std::move(details->activity);
    state_.monitor->ended = state_.monitor->chat->closed_at.has_value();
  });
}

void Desktop::stop_monitoring() {
  if (!state_.monitor) return;
  const care::Id activity = state_.monitor->activity;
  const bool ended = state_.monitor->ended;
  state_.monitor.reset();
  if (!ended) api_.stop_monitoring(activity, [](Reply<Done>) {});
}

void Desktop::barge_in() {
  if (!state_.monitor || state_.monitor->sending || state_.monitor->ended) return;
  Monitor& monitor = *state_.monitor;
  if (care::trim(monitor.line).empty()) return;
  if (auto checked = care::check_text("text", monitor.line, care::kChatLineLimit); !checked) {
    monitor.error = words(checked.error());
    return;
  }
  monitor.sending = true;
  monitor.error.clear();
  const care::Id activity = monitor.activity;
  care::TextDraft draft;
  draft.text = monitor.line;
  api_.send_message(activity, draft, [this, activity](Reply<care::Message> sent) {
    if (!state_.monitor || state_.monitor->activity != activity) return;
    Monitor& now = *state_.monitor;
    now.sending = false;
    if (!sent) {
      now.error = words(sent.error());  // the line stays to send again
      return;
    }
    now.line.clear();
    care::ChatMessageAdded added{activity, *sent};
    on_monitored_line(added);
  });
}

void Desktop::on_monitored_line(const care::ChatMessageAdded& added) {
  if (!state_.monitor || state_.monitor->activity != added.activity || !state_.monitor->chat) {
    return;
  }
  std::vector<care::Message>& lines = state_.monitor->chat->messages;
  // The barge's own line comes twice: as its answer and as an event.
  if (std::any_of(lines.begin(), lines.end(),
                  [&](const care::Message& m) { return m.id == added.message.id; })) {
    return;
  }
  lines.push_back(added.message);
}

void Desktop::on_monitored_change(const care::RecordChanged& change) {
  if (!state_.monitor || change.type != care::RecordType::activity ||
      change.id != state_.monitor->activity) {
    return;
  }
  const care::Id activity = change.id;
  api_.activity(activity, [this, activity](Reply<ActivityDetails> details) {
    if (!details || !state_.monitor || state_.monitor->activity != activity) return;
    state_.monitor->chat = std::move(details->activity);
    if (state_.monitor->chat->closed_at) {
      // The server forgets a monitor only when told; the view stays to read.
      if (!state_.monitor->ended) api_.stop_monitoring(activity, [](Reply<Done>) {});
      state_.monitor->ended = true;
    }
  });
}

}  // namespace care::client
