#pragma once

#include "care/codec/json.hpp"
#include "care/events.hpp"
#include "events/event_hub.hpp"

namespace care::server::events {

// Publishes a domain event (shared/events.hpp) under its shared name with the data its
// shared codec writes, so the desktop and the chat widget decode exactly what the
// server encoded. Every server event goes through here.
inline std::int64_t publish(EventHub& hub, const EventData& data, Audience audience) {
  return hub.publish(event_type(data), encode_event_data(data), std::move(audience));
}

}  // namespace care::server::events
