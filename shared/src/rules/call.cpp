#include "care/rules/call.hpp"

#include <algorithm>

namespace care {

CallStage call_stage(const std::vector<CallEvent>& events) {
  CallStage stage = CallStage::ringing;
  for (const CallEvent& event : events) {
    switch (event.kind) {
      case CallEventKind::ringing:
        break;
      case CallEventKind::answered:
      case CallEventKind::resumed:
        if (stage != CallStage::ended) stage = CallStage::connected;
        break;
      case CallEventKind::held:
        if (stage != CallStage::ended) stage = CallStage::on_hold;
        break;
      case CallEventKind::ended:
        stage = CallStage::ended;
        break;
    }
  }
  return stage;
}

Status check_call_control(const std::vector<CallEvent>& events, CallEventKind kind) {
  CallStage stage = call_stage(events);
  switch (kind) {
    case CallEventKind::held:
      if (stage != CallStage::connected) {
        return make_error(ErrorCode::invalid, "action", "only a connected call can be put on hold");
      }
      return {};
    case CallEventKind::resumed:
      if (stage != CallStage::on_hold) {
        return make_error(ErrorCode::invalid, "action", "only a call on hold can be resumed");
      }
      return {};
    case CallEventKind::ended:
      if (stage == CallStage::ended) {
        return make_error(ErrorCode::invalid, "action", "the call has ended already");
      }
      return {};
    case CallEventKind::ringing:
    case CallEventKind::answered:
      break;
  }
  return make_error(ErrorCode::invalid, "action", "the desktop can hold, resume or end a call");
}

bool is_repeated_call_event(const std::vector<CallEvent>& events, CallEventKind kind,
                            std::optional<Time> at) {
  if (!events.empty() && events.back().kind == kind) return true;
  return at && std::any_of(events.begin(), events.end(),
                           [&](const CallEvent& e) { return e.kind == kind && e.at == *at; });
}

Duration call_duration(const std::vector<CallEvent>& events, Time now) {
  std::optional<Time> answered;
  for (const CallEvent& event : events) {
    if (event.kind == CallEventKind::answered && !answered) answered = event.at;
    if (event.kind == CallEventKind::ended) now = event.at;
  }
  if (!answered || now < *answered) return Duration{0};
  return std::chrono::duration_cast<Duration>(now - *answered);
}

}  // namespace care
