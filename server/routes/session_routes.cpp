#include "routes/session_routes.hpp"

#include <nlohmann/json.hpp>

#include "care/codec/json.hpp"
#include "care/model/names.hpp"
#include "http/request_body.hpp"
#include "http/request_limits.hpp"
#include "http/responses.hpp"
#include "routes/access.hpp"

namespace care::server::routes {
namespace {

using nlohmann::json;

constexpr size_t kMaxUsernameChars = 100;
constexpr size_t kMaxPasswordChars = 200;
constexpr size_t kMaxNameChars = 200;
constexpr int kSessionCookieSeconds = 12 * 60 * 60;

json agent_json(const store::AgentRecord& agent) {
  return {{"id", agent.id},
          {"username", agent.username},
          {"display_name", agent.display_name},
          {"role", store::role_name(agent.role)},
          {"state", agent.state},
          {"state_reason", agent.state_reason},
          {"language", agent.language}};
}

// HttpOnly: scripts cannot read it; SameSite=Strict: other sites cannot send it;
// Secure when the browser came through an https public URL (TLS ends at a proxy in
// front, so the request itself is plain HTTP): it never travels unencrypted. Reached
// straight over plain HTTP (an admin on the host) a browser would drop a Secure one.
std::string session_cookie(const httplib::Request& req, const http::AllowedHosts& hosts,
                           const std::string& token, int max_age) {
  return std::string(kSessionCookie) + "=" + token +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (hosts.reached_over_https(req.get_header_value("Host")) ? "; Secure" : "");
}

}  // namespace

void add_session_routes(http::Router& router, services::AuthService& auth,
                        const http::AllowedHosts& hosts, const http::TrustedProxies& proxies,
                        std::function<void(std::int64_t agent)> signed_in_or_out) {
  router.post("/api/session", [&auth, &hosts, &proxies, signed_in_or_out](
                                  const httplib::Request& req, httplib::Response& res) {
    auto body = http::json_object_body(req, res);
    if (!body) return;
    auto username = http::required_string(*body, "username", kMaxUsernameChars, res);
    if (!username) return;
    auto password = http::required_string(*body, "password", kMaxPasswordChars, res);
    if (!password) return;
    services::SignIn result =
        auth.sign_in(*username, *password, http::client_address(req, proxies));
    switch (result.outcome) {
      case services::SignIn::Outcome::RateLimited:
        http::send_rate_limited(res, result.retry_after_ms, "rate_limited",
                                "too many failed sign-ins; wait a minute and try again");
        return;
      case services::SignIn::Outcome::Busy:
        // Answered at once: queueing would hold a thread and 64 MiB per waiting guess.
        res.set_header("Retry-After", std::to_string((result.retry_after_ms + 999) / 1000));
        http::send_error(res, 503, "busy", "the server is checking many sign-ins; try again");
        return;
      case services::SignIn::Outcome::Invalid:
        http::send_error(res, 401, "invalid_credentials", "wrong username or password");
        return;
      case services::SignIn::Outcome::SignedIn:
        res.set_header("Set-Cookie",
                       session_cookie(req, hosts, result.token, kSessionCookieSeconds));
        http::send_json(res, 200, {{"agent", agent_json(result.agent)}});
        if (signed_in_or_out) signed_in_or_out(result.agent.id);
        return;
    }
  });

  router.del("/api/session", [&auth, &hosts, signed_in_or_out](const httplib::Request& req,
                                                               httplib::Response& res) {
    const std::string token = http::cookie(req, kSessionCookie);
    auto agent = auth.authenticate(token);
    auth.sign_out(token);
    if (agent && signed_in_or_out) signed_in_or_out(agent->id);
    res.set_header("Set-Cookie", session_cookie(req, hosts, "", 0));
    res.status = 204;
  });

  router.get("/api/me", [&auth](const httplib::Request& req, httplib::Response& res) {
    auto agent = require_agent(req, res, auth);
    if (agent) http::send_json(res, 200, {{"agent", agent_json(*agent)}});
  });

  router.get("/api/agents", [&auth](const httplib::Request& req, httplib::Response& res) {
    auto agent = require_agent(req, res, auth);
    if (!agent || !require_role(*agent, store::Role::Supervisor, res)) return;
    json list = json::array();
    for (const auto& each : auth.agents())
      list.push_back(agent_json(each));
    http::send_json(res, 200, {{"agents", list}});
  });

  // The directory (issue 13: agents by name): any signed-in agent may name who changed
  // a record or who is on it. Only id, display name and role: sign-in names stay with
  // supervisors (GET /api/agents), as they are half of what signing in as someone takes.
  router.get("/api/agents/directory", [&auth](const httplib::Request& req, httplib::Response& res) {
    if (!require_agent(req, res, auth)) return;
    json list = json::array();
    for (const auto& each : auth.agents()) {
      list.push_back(
          care::DirectoryAgent{each.id, each.display_name,
                               care::enum_from_name<care::Role>(store::role_name(each.role))
                                   .value_or(care::Role::agent)});
    }
    http::send_json(res, 200, {{"agents", list}});
  });

  // Admins create accounts; the first admin comes from the command line (main.cpp).
  router.post("/api/agents", [&auth](const httplib::Request& req, httplib::Response& res) {
    auto admin = require_agent(req, res, auth);
    if (!admin || !require_role(*admin, store::Role::Admin, res)) return;
    auto body = http::json_object_body(req, res);
    if (!body) return;
    auto username = http::required_string(*body, "username", kMaxUsernameChars, res);
    if (!username) return;
    auto display_name = http::required_string(*body, "display_name", kMaxNameChars, res);
    if (!display_name) return;
    auto password = http::required_string(*body, "password", kMaxPasswordChars, res);
    if (!password) return;
    auto role_text = http::required_string(*body, "role", 20, res);
    if (!role_text) return;
    auto role = store::role_from_name(*role_text);
    if (!role) {
      http::send_error(res, 400, "invalid", "role: one of agent, supervisor, admin", "role");
      return;
    }
    if (username->empty()) {
      http::send_error(res, 400, "invalid", "username: must not be empty", "username");
      return;
    }
    if (password->size() < 8) {
      http::send_error(res, 400, "invalid", "password: at least 8 characters", "password");
      return;
    }
    auto created = auth.create_agent(*username, *display_name, *password, *role);
    if (!created) {
      http::send_error(res, 409, "duplicate", "username: already taken", "username");
      return;
    }
    http::send_json(res, 201, {{"agent", agent_json(*created)}});
  });
}

}  // namespace care::server::routes
