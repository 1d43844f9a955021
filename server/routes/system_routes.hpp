#pragma once

#include "http/router.hpp"
#include "operations/metrics.hpp"
#include "store/store.hpp"

namespace care::server::routes {

// GET /healthz, GET /metrics (Prometheus text) and GET /api/version: what a load
// balancer, a monitoring system and the desktop ask first. /healthz asks the store
// whether its database answers and writes find room.
void add_system_routes(http::Router& router, const operations::Metrics& metrics,
                       store::Store& store);

}  // namespace care::server::routes
