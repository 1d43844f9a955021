#pragma once

#include "http/router.hpp"
#include "services/auth_service.hpp"
#include "services/routing_service.hpp"
#include "store/store.hpp"

namespace care::server::routes {

// GET /api/queue, GET /api/tasks, POST /api/tasks/{id}/accept|close,
// GET|POST /api/queues, PUT /api/agents/{id}/routing.
void add_work_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                     services::RoutingService& routing);

}  // namespace care::server::routes
