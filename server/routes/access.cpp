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

std::string bearer_credentials(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "bearer ";
  if (header.size() <= kBearer.size()) return {};
  for (size_t i = 0; i < kBearer.size(); ++i) {
    char c = header[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kBearer[i]) return {};
  }
  return header.substr(kBearer.size());
}

bool require_integration_key(const httplib::Request& req, httplib::Response& res,
                             const std::string& key) {
  if (key.empty()) {
    http::send_error(res, 503, "ingestion_off",
                     "channel ingestion is off: start care-server with an integration key");
    return false;
  }
  if (std::string given = bearer_credentials(req); !given.empty()) {
    // Hashes have equal length, so the comparison takes the same time for every guess.
    std::string given_hash = auth::token_hash(given);
    std::string wanted = auth::token_hash(key);
    if (sodium_memcmp(given_hash.data(), wanted.data(), wanted.size()) == 0) return true;
  }
  http::send_error(res, 401, "bad_integration_key",
                   "send the integration key as Authorization: Bearer <key>", "Authorization");
  res.set_header("WWW-Authenticate", "Bearer");
  return false;
}

}  // namespace care::server::routes
