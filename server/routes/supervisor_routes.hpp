#pragma once

#include "http/router.hpp"
#include "services/auth_service.hpp"
#include "services/record_service.hpp"
#include "services/record_watch.hpp"
#include "services/supervisor_service.hpp"
#include "store/store.hpp"

namespace care::server::routes {

// GET /api/supervisor/overview (R-H3); monitoring a chat (issue 18: the supervisor
// barges in by writing in it, POST /api/activities/{id}/messages); a record's audit
// trail (R-G3). Supervisors and admins.
void add_supervisor_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                           services::SupervisorService& supervisor,
                           services::RecordService& records, services::RecordWatch& watch);

}  // namespace care::server::routes
