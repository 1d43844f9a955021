#pragma once

#include <functional>

#include "events/event_hub.hpp"
#include "http/router.hpp"
#include "services/auth_service.hpp"
#include "store/store.hpp"

namespace care::server::routes {

// PUT /api/me/state and PUT /api/agents/{id}/state (supervisors): Ready / Not Ready
// with a reason (R-A2). The server is the source of truth for the state; each
// change is published as agent.state to the agent and to supervisors and admins, and
// `changed` is called with the agent (the router takes their new state and looks for
// an offer at once when they go Ready).
void add_agent_state_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                            const Clock& clock, events::EventHub& hub,
                            std::function<void(std::int64_t agent)> changed);

}  // namespace care::server::routes
