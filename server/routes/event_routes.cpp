#include "routes/event_routes.hpp"

#include <string>

#include "auth/password.hpp"
#include "http/request_body.hpp"
#include "http/responses.hpp"
#include "routes/access.hpp"
#include "routes/event_stream.hpp"

namespace care::server::routes {

void add_event_routes(http::Router& router, services::AuthService& auth, events::EventHub& hub,
                      events::StreamLoop& loop, const http::TrustedProxies& proxies,
                      std::chrono::milliseconds heartbeat,
                      std::function<void(std::int64_t agent)> opened) {
  router.get("/api/events", [&auth, &hub, &loop, &proxies, heartbeat, opened](
                                const httplib::Request& req, httplib::Response& res) {
    auto agent = require_agent(req, res, auth);
    if (!agent) return;
    std::string token = http::cookie(req, kSessionCookie);
    // An expired or revoked session ends the stream at the next quiet heartbeat.
    serve_event_stream(req, res, hub, loop, {agent->id, agent->role, auth::token_hash(token)},
                       http::client_address(req, proxies), heartbeat,
                       [&auth, token] { return auth.authenticate(token).has_value(); });
    // After the subscription: a queue.changed from here on reaches this desktop, which
    // reloads its queue list on it if it shows one. (A refusal set an error status; an
    // accepted stream's is still unset, cpp-httplib's -1, until the answer goes out.)
    if (res.status < 300 && opened) opened(agent->id);
  });
}

}  // namespace care::server::routes
