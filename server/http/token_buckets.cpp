#include "http/token_buckets.hpp"

#include <algorithm>
#include <cmath>

namespace care::server::http {

std::int64_t TokenBuckets::take(const std::string& key, std::int64_t now_ms) {
  if (!enabled()) return 0;
  const double per_ms = options_.per_minute / 60'000.0;
  const double burst = std::max(options_.burst, 1.0);
  std::lock_guard lock(mutex_);
  auto found = buckets_.find(key);
  if (found == buckets_.end()) {
    if (buckets_.size() >= std::max<size_t>(options_.max_keys, 1)) {
      buckets_.erase(recent_.back());
      recent_.pop_back();
    }
    recent_.push_front(key);
    found = buckets_.emplace(key, Bucket{burst, now_ms, recent_.begin()}).first;
  } else {
    recent_.splice(recent_.begin(), recent_, found->second.recent);
  }
  Bucket& bucket = found->second;
  // A clock that stepped back must not drain the bucket.
  const std::int64_t elapsed = std::max<std::int64_t>(now_ms - bucket.updated_ms, 0);
  bucket.tokens = std::min(burst, bucket.tokens + static_cast<double>(elapsed) * per_ms);
  bucket.updated_ms = std::max(bucket.updated_ms, now_ms);
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return 0;
  }
  return std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::ceil((1.0 - bucket.tokens) / per_ms)));
}

size_t TokenBuckets::keys() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

}  // namespace care::server::http
