#pragma once

#include <functional>

#include "http/allowed_hosts.hpp"
#include "http/client_address.hpp"
#include "http/router.hpp"
#include "services/auth_service.hpp"

namespace care::server::routes {

// POST/DELETE /api/session, GET /api/me, GET/POST /api/agents.
// `signed_in_or_out(agent)` runs after a sign-in or a sign-out, so the floor can show
// the agent Offline or back (R-H3). Through an https public URL in `hosts` the session
// cookie is Secure. Failed sign-ins are limited per username and per client address
// (behind `proxies`).
void add_session_routes(http::Router& router, services::AuthService& auth,
                        const http::AllowedHosts& hosts, const http::TrustedProxies& proxies,
                        std::function<void(std::int64_t agent)> signed_in_or_out = {});

}  // namespace care::server::routes
