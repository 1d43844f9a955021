#pragma once

#include <vector>

#include "care/error.hpp"
#include "care/model.hpp"

namespace care {

// R-B2: where a call stands, from the events the telephony reported and the agent's
// own controls: ringing → connected ⇄ on hold → ended.
enum class CallStage { ringing, connected, on_hold, ended };
CallStage call_stage(const std::vector<CallEvent>& events);

// Whether the agent may hold, resume or end the call now: hold a connected call,
// resume a held one, end any call not ended. `kind` is held, resumed or ended.
Status check_call_control(const std::vector<CallEvent>& events, CallEventKind kind);

// Whether a call event the telephony posts is one already recorded (a retry after a
// lost answer, R-B4): the same kind at the same `at`, or, whatever the time, the same
// kind as the call's latest event (a call cannot ring, hold or end twice in a row).
bool is_repeated_call_event(const std::vector<CallEvent>& events, CallEventKind kind,
                            std::optional<Time> at);

// How long the customer has been connected, holds included, up to `now` (or to the
// end): the call timer the agent sees.
Duration call_duration(const std::vector<CallEvent>& events, Time now);

}  // namespace care
