#include "routes/access.hpp"

#include <sodium.h>

#include "auth/password.hpp"
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

bool require_integration_key(const httplib::Request& req, httplib::Response& res,
                             const std::string& key) {
  if (key.empty()) {
    http::send_error(res, 503, "ingestion_off",
                     "channel ingestion is off: start care-server with an integration key");
    return false;
  }
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (header.rfind(kBearer, 0) == 0) {
    // Hashes have equal length, so the comparison takes the same time for every guess.
    std::string given = auth::token_hash(std::string_view(header).substr(kBearer.size()));
    std::string wanted = auth::token_hash(key);
    if (sodium_memcmp(given.data(), wanted.data(), wanted.size()) == 0) return true;
  }
  http::send_error(res, 401, "bad_integration_key",
                   "send the integration key as Authorization: Bearer <key>", "Authorization");
  return false;
}

}  // namespace care::server::routes
