#pragma once
// The per-caller rate limits the public and connector routes check first (issue 14).
#include <httplib.h>

#include <string>
#include <string_view>

#include "clock.hpp"
#include "config.hpp"
#include "http/client_address.hpp"
#include "http/token_buckets.hpp"

namespace care::server::http {

class RequestLimits {
 public:
  RequestLimits(const Config& config, const Clock& clock);
  RequestLimits(const RequestLimits&) = delete;
  RequestLimits& operator=(const RequestLimits&) = delete;

  std::string client_address(const httplib::Request& req) const {
    return http::client_address(req, proxies_);
  }
  const TrustedProxies& proxies() const { return proxies_; }

  // Starting a chat (the widget, the help portal): per client address, and per
  // Origin when a browser sends one. True when allowed; else 429 sent.
  bool allow_chat_start(const httplib::Request& req, httplib::Response& res);
  // A connector's email or call request, per integration key; else 429 sent.
  bool allow_connector(const std::string& key, httplib::Response& res);

 private:
  const Clock& clock_;
  const TrustedProxies proxies_;
  TokenBuckets chat_starts_per_address_;
  TokenBuckets chat_starts_per_origin_;
  TokenBuckets connector_requests_;
};

// 429 with Retry-After in whole seconds (at least 1) and the JSON error.
void send_rate_limited(httplib::Response& res, std::int64_t retry_after_ms, std::string_view code,
                       std::string_view message);

}  // namespace care::server::http
