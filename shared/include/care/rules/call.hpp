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

// How long the customer has been connected, holds included, up to `now` (or to the
// end): the call timer the agent sees.
Duration call_duration(const std::vector<CallEvent>& events, Time now);

}  // namespace care
