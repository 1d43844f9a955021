#include "auth/rate_limiter.hpp"

#include <algorithm>

namespace care::server::auth {

void RateLimiter::forget_old(std::deque<std::int64_t>& failures, std::int64_t now_ms) const {
  while (!failures.empty() && failures.front() + window_ms_ <= now_ms)
    failures.pop_front();
}

std::int64_t RateLimiter::wait_locked(const std::string& key, std::int64_t now_ms) {
  auto found = failures_.find(key);
  if (found == failures_.end()) return 0;
  forget_old(found->second, now_ms);
  if (found->second.empty()) {
    failures_.erase(found);
    return 0;
  }
  if (static_cast<int>(found->second.size()) < max_failures_) return 0;
  return std::max<std::int64_t>(found->second.front() + window_ms_ - now_ms, 1);
}

// Made-up usernames and addresses must not grow memory without limit: when full,
// forget what has aged out, and if that is not enough, the key whose newest failure
// is oldest (a flood of new keys can forgive an old key early, never grow the map).
std::deque<std::int64_t>& RateLimiter::entry_locked(const std::string& key, std::int64_t now_ms) {
  if (failures_.size() >= max_keys_ && !failures_.count(key)) {
    for (auto it = failures_.begin(); it != failures_.end();) {
      forget_old(it->second, now_ms);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
    if (failures_.size() >= max_keys_) {
      auto oldest = std::min_element(failures_.begin(), failures_.end(), [](auto& a, auto& b) {
        return a.second.back() < b.second.back();
      });
      failures_.erase(oldest);
    }
  }
  return failures_[key];
}

std::int64_t RateLimiter::retry_after(const std::string& key, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  return wait_locked(key, now_ms);
}

std::int64_t RateLimiter::reserve(const std::vector<std::string>& keys, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  std::int64_t wait = 0;
  for (const auto& key : keys)
    wait = std::max(wait, wait_locked(key, now_ms));
  if (wait > 0) return wait;
  for (const auto& key : keys)
    entry_locked(key, now_ms).push_back(now_ms);
  return 0;
}

void RateLimiter::release(const std::vector<std::string>& keys, std::int64_t at_ms) {
  std::lock_guard lock(mutex_);
  for (const auto& key : keys) {
    auto found = failures_.find(key);
    if (found == failures_.end()) continue;
    auto& failures = found->second;
    auto at = std::find(failures.rbegin(), failures.rend(), at_ms);
    if (at != failures.rend()) failures.erase(std::next(at).base());
    if (failures.empty()) failures_.erase(found);
  }
}

void RateLimiter::record_failure(const std::string& key, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  auto& failures = entry_locked(key, now_ms);
  forget_old(failures, now_ms);
  failures.push_back(now_ms);
}

void RateLimiter::reset(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_.erase(key);
}

size_t RateLimiter::keys() const {
  std::lock_guard lock(mutex_);
  return failures_.size();
}

}  // namespace care::server::auth
