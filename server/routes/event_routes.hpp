#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

#include "events/event_hub.hpp"
#include "events/stream_loop.hpp"
#include "http/client_address.hpp"
#include "http/router.hpp"
#include "services/auth_service.hpp"

namespace care::server::routes {

// GET /api/events: the signed-in agent's Server-Sent Events stream (R-E1), resumable
// with Last-Event-ID (or ?last_event_id= where a client cannot set headers). A
// comment every `heartbeat` keeps proxies from closing it and finds dead peers; the
// session is checked again then, so an expired or revoked one ends the stream.
// `opened(agent)` is called once the stream is subscribed (the router notes a desktop
// that may show the queue list: RoutingService::showing_queue_list).
void add_event_routes(http::Router& router, services::AuthService& auth, events::EventHub& hub,
                      events::StreamLoop& loop, const http::TrustedProxies& proxies,
                      std::chrono::milliseconds heartbeat,
                      std::function<void(std::int64_t agent)> opened);

}  // namespace care::server::routes
