#pragma once

#include <chrono>
#include <string>

#include "events/event_hub.hpp"
#include "events/stream_loop.hpp"
#include "http/request_limits.hpp"
#include "http/router.hpp"
#include "services/ingestion_service.hpp"

namespace care::server::routes {

// Channel ingestion (R-B4, R-H1): the chat widget's own calls (public start, then the
// widget token), and gateways' email and call events (the integration key); `limits`
// bound how fast chats start and connectors send (429 with Retry-After).
// The widget token from `Authorization: Bearer …` (or ?token= for EventSource and
// links, which cannot send headers), checked against the chat in the path: the chat's
// id, or 404 sent for an unknown chat or a token of another one.
std::optional<Id> widget_chat(const httplib::Request& req, httplib::Response& res,
                              services::IngestionService& ingestion);

void add_channel_routes(http::Router& router, services::IngestionService& ingestion,
                        events::EventHub& hub, events::StreamLoop& loop,
                        const std::string& integration_key, std::chrono::milliseconds heartbeat,
                        http::RequestLimits& limits);

}  // namespace care::server::routes
