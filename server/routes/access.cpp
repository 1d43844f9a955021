#include "routes/access.hpp"

#include "http/request_body.hpp"
#include "http/responses.hpp"

namespace care::server::routes {

std::optional<store::AgentRecord> require_agent(const httplib::Request& req, httplib::Response& res,
                                                services::AuthService& auth) {
  auto agent = auth.authenticate(http::cookie(req, kSessionCookie));
  if (!agent) http::send_error(res, 401, "unauthenticated", "sign in first");
  return agent;
}

bool require_role(const store::AgentRecord& agent, store::Role role, httplib::Response& res) {
  if (static_cast<int>(agent.role) >= static_cast<int>(role)) return true;
  http::send_error(res, 403, "forbidden",
                   "this needs the " + std::string(store::role_name(role)) + " role");
  return false;
}

}  // namespace care::server::routes
