#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace care::server::auth {

// Counts failed sign-ins per key (username, and client address) in a sliding window;
// past the limit, attempts are refused with 429 until old failures age out.
class RateLimiter {
 public:
  static constexpr size_t kDefaultMaxKeys = 100'000;

  RateLimiter(int max_failures, std::int64_t window_ms, size_t max_keys = kDefaultMaxKeys)
      : max_failures_(max_failures), window_ms_(window_ms), max_keys_(max_keys) {}

  // Milliseconds until the key may try again; 0 when it may try now.
  std::int64_t retry_after(const std::string& key, std::int64_t now_ms);
  // Counts an attempt against every key at once, before the password is checked, so
  // attempts made in parallel cannot all pass the check before any has failed.
  // 0 when counted; else the milliseconds to wait, and nothing is counted.
  std::int64_t reserve(const std::vector<std::string>& keys, std::int64_t now_ms);
  // Takes back an attempt reserve() counted at `at_ms` (it signed in, or was never
  // checked): only failures count.
  void release(const std::vector<std::string>& keys, std::int64_t at_ms);
  void record_failure(const std::string& key, std::int64_t now_ms);
  void reset(const std::string& key);
  size_t keys() const;

 private:
  void forget_old(std::deque<std::int64_t>& failures, std::int64_t now_ms) const;
  std::int64_t wait_locked(const std::string& key, std::int64_t now_ms);
  std::deque<std::int64_t>& entry_locked(const std::string& key, std::int64_t now_ms);

  const int max_failures_;
  const std::int64_t window_ms_;
  const size_t max_keys_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::deque<std::int64_t>> failures_;
};

}  // namespace care::server::auth
