#pragma once

#include "care/codec/json.hpp"
#include "care/events.hpp"
#include "events/event_hub.hpp"

namespace care::server::events {

// Publishes a domain event (shared/events.hpp) with the payload its codec writes, so
// the client decodes exactly what the server encoded.
inline std::int64_t publish(EventHub& hub, const EventData& data, Audience audience, Time at) {
  Json whole = care::Event{0, at, data};
  return hub.publish(event_type(data), whole["data"], std::move(audience));
}

}  // namespace care::server::events
