#pragma once

#include "http/router.hpp"
#include "services/auth_service.hpp"

namespace care::server::routes {

// POST/DELETE /api/session, GET /api/me, GET/POST /api/agents.
void add_session_routes(http::Router& router, services::AuthService& auth);

}  // namespace care::server::routes
