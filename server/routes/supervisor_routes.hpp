#pragma once

#include "http/router.hpp"
#include "services/auth_service.hpp"
#include "services/supervisor_service.hpp"
#include "store/store.hpp"

namespace care::server::routes {

// GET /api/supervisor/overview (R-H3): supervisors and admins.
void add_supervisor_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                           services::SupervisorService& supervisor);

}  // namespace care::server::routes
