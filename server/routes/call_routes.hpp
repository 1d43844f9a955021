#pragma once

#include "http/router.hpp"
#include "services/auth_service.hpp"
#include "services/ingestion_service.hpp"
#include "store/store.hpp"

namespace care::server::routes {

// POST /api/activities/{id}/call: the agent holds, resumes or ends the call in their
// hands (R-B2).
void add_call_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                     services::IngestionService& ingestion);

}  // namespace care::server::routes
