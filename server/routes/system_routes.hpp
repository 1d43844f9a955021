#pragma once

#include "http/router.hpp"

namespace care::server::routes {

// GET /healthz and GET /api/version: what a load balancer and the desktop ask first.
void add_system_routes(http::Router& router, int schema_version);

}  // namespace care::server::routes
