#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace care::server::auth {

// Counts failed sign-ins per key (username, and client address) in a sliding window;
// past the limit, attempts are refused with 429 until old failures age out.
class RateLimiter {
 public:
  RateLimiter(int max_failures, std::int64_t window_ms)
      : max_failures_(max_failures), window_ms_(window_ms) {}

  // Milliseconds until the key may try again; 0 when it may try now.
  std::int64_t retry_after(const std::string& key, std::int64_t now_ms);
  void record_failure(const std::string& key, std::int64_t now_ms);
  void reset(const std::string& key);

 private:
  void forget_old(std::deque<std::int64_t>& failures, std::int64_t now_ms) const;

  const int max_failures_;
  const std::int64_t window_ms_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<std::int64_t>> failures_;
};

}  // namespace care::server::auth
