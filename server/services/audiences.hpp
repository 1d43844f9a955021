#pragma once
// Who hears what, in the product's terms, on top of the event hub's audiences.
#include "care/model/common.hpp"
#include "events/event_hub.hpp"

namespace care::server::services {

// An agent's own state reaches them and the supervisors watching the floor (R-H3).
inline events::Audience agent_and_supervisors(Id agent) {
  return events::Audience::agent(agent).and_role(store::Role::Supervisor);
}

// The chat widget's stream for one conversation listens under the negative of the
// activity's id: agent ids are positive, so the two can never meet, and the hub
// sends a widget only what is addressed to it (never "everyone" events).
inline std::int64_t widget_listener(Id activity) { return -activity; }
inline events::Audience widget_audience(Id activity) {
  return events::Audience::agent(widget_listener(activity));
}

}  // namespace care::server::services
