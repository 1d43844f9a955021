#pragma once
// One Server-Sent Events stream from the hub, for an agent's desktop or a chat widget.
#include <httplib.h>

#include <chrono>
#include <functional>

#include "events/event_hub.hpp"
#include "events/stream_loop.hpp"

namespace care::server::routes {

// Subscribes `identity` (resuming from Last-Event-ID or ?last_event_id=), answers
// with the stream's head and `retry:` frame, and hands the connection to `loop`, which
// writes the stream until the hub closes it or the peer goes. After a quiet `heartbeat`,
// `still_valid` is asked (a session may have expired) and a comment keeps proxies from closing it.
// 503 when the hub is full (for this kind of caller) or stopping; 429 with Retry-After
// when this chat, session or address holds as many streams as it may.
void serve_event_stream(const httplib::Request& req, httplib::Response& res, events::EventHub& hub,
                        events::StreamLoop& loop, events::Subscriber::Identity identity,
                        const std::string& address, std::chrono::milliseconds heartbeat,
                        std::function<bool()> still_valid);

}  // namespace care::server::routes
