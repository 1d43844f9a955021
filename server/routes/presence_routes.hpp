#pragma once

#include "http/router.hpp"
#include "services/auth_service.hpp"
#include "services/presence_service.hpp"
#include "store/store.hpp"

namespace care::server::routes {

// /api/presence (R-F8): heartbeats while a record is open, leaving it, and who is there.
void add_presence_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                         services::PresenceService& presence);

}  // namespace care::server::routes
