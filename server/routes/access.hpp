#pragma once

#include <httplib.h>

#include <optional>

#include "services/auth_service.hpp"
#include "store/store.hpp"

namespace care::server::routes {

inline constexpr const char* kSessionCookie = "care_session";

// The signed-in agent, or 401 sent (R-G5: every call but sign-in and the widget).
std::optional<store::AgentRecord> require_agent(const httplib::Request& req, httplib::Response& res,
                                                services::AuthService& auth);

// True when `agent` has at least `role` (agent < supervisor < admin); else 403 sent.
bool require_role(const store::AgentRecord& agent, store::Role role, httplib::Response& res);

// The credentials of `Authorization: Bearer <credentials>`, the scheme in any letter
// case (RFC 7235); empty when there is no such header.
std::string bearer_credentials(const httplib::Request& req);

// True when the request carries `Authorization: Bearer <key>` with the configured
// integration key (channel gateways, R-B4); else 401 sent (with WWW-Authenticate), or
// 503 when ingestion is not configured at all: no key could succeed then, so the fault
// is the server's set-up and the connector should retry later, not change its key.
bool require_integration_key(const httplib::Request& req, httplib::Response& res,
                             const std::string& key);

}  // namespace care::server::routes
