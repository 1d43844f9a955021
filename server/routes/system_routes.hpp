#pragma once

#include "http/router.hpp"
#include "operations/metrics.hpp"

namespace care::server::routes {

// GET /healthz, GET /metrics (Prometheus text) and GET /api/version: what a load
// balancer, a monitoring system and the desktop ask first.
void add_system_routes(http::Router& router, int schema_version,
                       const operations::Metrics& metrics);

}  // namespace care::server::routes
