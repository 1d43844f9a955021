#pragma once

#include <chrono>
#include <string>

namespace care::server::http::request_scope {

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

}  // namespace care::server::http::request_scope
