#pragma once
// Rate limits per key (a client address, a widget's Origin, an integration key).
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

namespace care::server::http {

// A token bucket per key: `burst` tokens, refilled at `per_minute` a minute; each call
// takes one. In memory and bounded: past `max_keys` the least recently seen key is
// forgotten (it starts again with a full bucket), so made-up addresses cannot grow
// memory without limit. Time is passed in (the server's Clock), so tests are exact.
class TokenBuckets {
 public:
  struct Options {
    double per_minute = 0;  // 0: no limit
    double burst = 0;
    size_t max_keys = 100'000;
  };

  explicit TokenBuckets(Options options) : options_(options) {}

  bool enabled() const { return options_.per_minute > 0; }
  // 0 when a token was taken; else the milliseconds until one will be there.
  std::int64_t take(const std::string& key, std::int64_t now_ms);
  size_t keys() const;

 private:
  struct Bucket {
    double tokens = 0;
    std::int64_t updated_ms = 0;
    std::list<std::string>::iterator recent;  // its place in recent_
  };

  const Options options_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::list<std::string> recent_;  // most recently seen first
};

}  // namespace care::server::http
