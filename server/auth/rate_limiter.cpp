#include "auth/rate_limiter.hpp"

namespace care::server::auth {

void RateLimiter::forget_old(std::deque<std::int64_t>& failures, std::int64_t now_ms) const {
  while (!failures.empty() && failures.front() + window_ms_ <= now_ms)
    failures.pop_front();
}

std::int64_t RateLimiter::retry_after(const std::string& key, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  auto found = failures_.find(key);
  if (found == failures_.end()) return 0;
  forget_old(found->second, now_ms);
  if (found->second.empty()) {
    failures_.erase(found);
    return 0;
  }
  if (static_cast<int>(found->second.size()) < max_failures_) return 0;
  return found->second.front() + window_ms_ - now_ms;
}

void RateLimiter::record_failure(const std::string& key, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  auto& failures = failures_[key];
  forget_old(failures, now_ms);
  failures.push_back(now_ms);
}

void RateLimiter::reset(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_.erase(key);
}

}  // namespace care::server::auth
