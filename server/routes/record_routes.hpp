#pragma once

#include "http/router.hpp"
#include "services/auth_service.hpp"
#include "services/record_service.hpp"
#include "services/record_watch.hpp"
#include "store/store.hpp"

namespace care::server::routes {

// /api/customers…, /api/requests/{id}, /api/activities/{id}…. A read of a customer (or
// its journey), request or activity is noted in `watch` before it is made: the reader's
// desktop is told of the record's changes from then on.
void add_record_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                       services::RecordService& records, services::RecordWatch& watch);

}  // namespace care::server::routes
