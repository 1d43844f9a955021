#pragma once

#include "http/router.hpp"
#include "operations/metrics.hpp"
#include "store/storage_state.hpp"

namespace care::server::routes {

// GET /healthz, GET /metrics (Prometheus text) and GET /api/version: what a load
// balancer, a monitoring system and the desktop ask first. `storage` tells /healthz
// whether writes find room.
void add_system_routes(http::Router& router, int schema_version, const operations::Metrics& metrics,
                       const store::StorageState& storage);

}  // namespace care::server::routes
