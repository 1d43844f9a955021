#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace care::server::http {
struct Connection;
}

namespace care::server::http::request_scope {

// Takes the connection once its answer's head is out (an event stream, which the
// stream loop writes from then on, instead of the worker or the gate).
using HandOff = std::function<void(std::unique_ptr<Connection>)>;

// What one request's worker thread knows about the request it is serving, for the
// log line and metrics: when it started and which route (as documented) took it.
// cpp-httplib runs pre-routing, the handler and the logger on the same thread.
void begin();
// The request's first byte arrived at `start` (it may have waited for the rest).
void begin(std::chrono::steady_clock::time_point start);
void set_route(const std::string* route);
// The documented route ("/api/agents/{id}/state"), or "" when no route matched.
const std::string& route();
double elapsed_seconds();
// The handler asks for the connection after this request's answer has been written.
void hand_off(HandOff take);
// What the request asked for, and forgets it (empty when nothing was asked).
HandOff take_hand_off();

}  // namespace care::server::http::request_scope
