#pragma once

#include "http/router.hpp"
#include "services/auth_service.hpp"
#include "store/store.hpp"

namespace care::server::routes {

// PUT /api/me/state and PUT /api/agents/{id}/state (supervisors): Ready / Not Ready
// with a reason (R-A2). The server is the source of truth for the state.
void add_agent_state_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                            const Clock& clock);

}  // namespace care::server::routes
