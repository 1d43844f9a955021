#pragma once

#include "http/router.hpp"
#include "services/auth_service.hpp"
#include "services/routing_service.hpp"
#include "store/store.hpp"

namespace care::server::routes {

// Transfer and consult (issue 18, R-K1): POST /api/tasks/{id}/transfer,
// POST /api/tasks/{id}/consult, DELETE /api/tasks/{id}/consult (the guest leaves).
void add_transfer_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                         services::RoutingService& routing);

}  // namespace care::server::routes
