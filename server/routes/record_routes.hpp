#pragma once

#include "http/router.hpp"
#include "services/auth_service.hpp"
#include "services/record_service.hpp"
#include "store/store.hpp"

namespace care::server::routes {

// /api/customers…, /api/requests/{id}, /api/activities/{id}…
void add_record_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                       services::RecordService& records);

}  // namespace care::server::routes
