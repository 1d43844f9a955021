// The session with the server: reachability with back-off (R-J5), sign-in and out
// (R-A1), and the agent's Ready / Not Ready state (R-A2).
#include <algorithm>

#include "desktop.hpp"

namespace care::client {

void Desktop::connection_lost() {
  if (state_.connection == Connection::Unreachable) return;
  state_.connection = Connection::Unreachable;
  state_.reconnect_at = now_ + retry_delay_;
  platform_.wake_after(retry_delay_);
}

// A broken stream is the first sign of a server gone: ask it now, so the banner comes
// before the agent's next line does (the heartbeat alone takes up to ten seconds).
// While already offline the back-off decides; the stream's own retries must not.
void Desktop::stream_lost() {
  if (state_.connection == Connection::Connected) check_server();
}

void Desktop::check_server() {
  if (version_pending_) return;
  version_pending_ = true;
  api_.version([this](Reply<std::string> version) {
    version_pending_ = false;
    if (version) {
      bool was_lost = state_.connection == Connection::Unreachable;
      state_.connection = Connection::Connected;
      state_.server_version = std::move(*version);
      retry_delay_ = 1.0;
      // A line that said the server did not answer is over now.
      if (state_.work_error_offline) state_.clear_work_error(state_.work_error_source);
      if (was_lost) {
        load_session();  // resync what may have changed meanwhile
        flush_outbox();  // and send what waited
      }
      return;
    }
    // Back off, doubling up to half a minute, so a restarting server is not flooded.
    state_.connection = Connection::Unreachable;
    state_.reconnect_at = now_ + retry_delay_;
    platform_.wake_after(retry_delay_);
    retry_delay_ = std::min(retry_delay_ * 2.0, 30.0);
  });
}

void Desktop::load_session() {
  // Reads and writes are answered on their own threads (issue 15), so a /api/me sent as
  // the stream connects can come back after the Ready the agent chose meanwhile, with
  // the state from before it: the screen said Not Ready while the server had Ready.
  const int changes_before = agent_state_changes_;
  api_.me([this, changes_before](Reply<Agent> me) {
    if (me) {
      if (agent_state_changes_ != changes_before) {
        me->state = state_.agent.state;
        me->reason = state_.agent.reason;
      }
      state_.agent = std::move(*me);
      signed_in();
    } else if (state_.phase == SessionPhase::Checking) {
      state_.phase = SessionPhase::SignedOut;
    } else if (me.error().status == 401 && state_.phase == SessionPhase::SignedIn) {
      state_.phase = SessionPhase::SignedOut;  // the session ended elsewhere
      stop_work();
      work_started_ = false;
    }
  });
}

void Desktop::signed_in() {
  state_.phase = SessionPhase::SignedIn;
  if (work_started_) return;  // a reload of /api/me after reconnecting
  work_started_ = true;
  start_work();
}

void Desktop::sign_in(const std::string& username, const std::string& password) {
  state_.phase = SessionPhase::SigningIn;
  state_.sign_in_problem = SignInProblem::None;
  api_.sign_in(care::SignIn{username, password}, [this](Reply<Agent> agent) {
    if (agent) {
      state_.agent = std::move(*agent);
      signed_in();
      return;
    }
    int status = agent.error().status;
    state_.phase = SessionPhase::SignedOut;
    state_.sign_in_problem = status == 401   ? SignInProblem::WrongCredentials
                             : status == 429 ? SignInProblem::TooManyAttempts
                                             : SignInProblem::Failed;
  });
}

void Desktop::sign_out() {
  api_.sign_out([this](Reply<Done> done) {
    if (!done && done.error().no_answer())
      return;  // still signed in on the server; try again later
    state_.phase = SessionPhase::SignedOut;
    state_.agent = Agent{};
    stop_work();
    work_started_ = false;
  });
}

void Desktop::change_state(const std::string& agent_state, const std::string& reason) {
  state_.state_change_pending = true;
  care::StateChange change;
  change.presence =
      care::enum_from_name<care::Presence>(agent_state).value_or(care::Presence::ready);
  change.reason = reason;
  api_.change_state(change, [this](Reply<care::AgentState> now) {
    state_.state_change_pending = false;
    if (now) {
      ++agent_state_changes_;
      state_.agent.state = std::string(care::enum_name(now->presence));
      state_.agent.reason = now->reason;
    } else if (now.error().status == 401) {
      state_.phase = SessionPhase::SignedOut;
    }
  });
}

}  // namespace care::client
