#pragma once

#include "http/router.hpp"
#include "services/auth_service.hpp"
#include "services/routing_service.hpp"
#include "store/store.hpp"

namespace care::server::routes {

// The lists an admin sets, each entry with a word per language (R-J2): GET (any
// signed-in agent) and PUT {code} (admins) of /api/wrap-up-codes (R-F10) and
// /api/not-ready-reasons (R-A2); PUT /api/queues/{id}/labels.
void add_list_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                     services::RoutingService& routing);

}  // namespace care::server::routes
