#include "http/request_limits.hpp"

#include <algorithm>

#include "http/responses.hpp"

namespace care::server::http {
namespace {

TokenBuckets::Options per_minute(int per_minute, int burst) {
  return {static_cast<double>(per_minute), static_cast<double>(std::max(burst, 1))};
}

}  // namespace

RequestLimits::RequestLimits(const Config& config, const Clock& clock)
    : clock_(clock),
      proxies_(config.trusted_proxies),
      chat_starts_per_address_(
          per_minute(config.chat_starts_per_address, config.chat_starts_per_address)),
      chat_starts_per_origin_(
          per_minute(config.chat_starts_per_origin, config.chat_starts_per_origin)),
      // A connector sends bursts (a mail backlog, a busy hour's call events): a tenth of
      // a minute's budget at once, then the steady rate; a runaway one is held there.
      connector_requests_(per_minute(config.connector_requests, config.connector_requests / 10)) {}

bool RequestLimits::allow_chat_start(const httplib::Request& req, httplib::Response& res) {
  const std::int64_t now = clock_.now_ms();
  std::int64_t wait = chat_starts_per_address_.take(client_address(req), now);
  if (wait == 0 && req.has_header("Origin")) {
    wait = chat_starts_per_origin_.take(req.get_header_value("Origin"), now);
  }
  if (wait == 0) return true;
  send_rate_limited(res, wait, "too_many_chats",
                    "too many chats started from here; wait a little and try again");
  return false;
}

bool RequestLimits::allow_connector(const std::string& key, httplib::Response& res) {
  std::int64_t wait = connector_requests_.take(key, clock_.now_ms());
  if (wait == 0) return true;
  send_rate_limited(res, wait, "too_many_requests",
                    "this integration key sends faster than the server accepts; retry after "
                    "the Retry-After seconds");
  return false;
}

void send_rate_limited(httplib::Response& res, std::int64_t retry_after_ms, std::string_view code,
                       std::string_view message) {
  res.set_header("Retry-After",
                 std::to_string(std::max<std::int64_t>((retry_after_ms + 999) / 1000, 1)));
  send_error(res, 429, code, message);
}

}  // namespace care::server::http
