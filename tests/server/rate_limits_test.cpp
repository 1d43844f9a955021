// The limits' building blocks without a server: token buckets, the sign-in failure
// counter, and their settings.
#include <gtest/gtest.h>

#include "auth/rate_limiter.hpp"
#include "config.hpp"
#include "http/token_buckets.hpp"

namespace care::server {
namespace {

TEST(TokenBuckets, ABurstThenTheSteadyRate) {
  http::TokenBuckets buckets({.per_minute = 6, .burst = 3});
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(buckets.take("a", 0), 0);
  EXPECT_EQ(buckets.take("a", 0), 10'000);  // one every 10 s
  EXPECT_EQ(buckets.take("b", 0), 0);       // each key has its own
  EXPECT_EQ(buckets.take("a", 9'999), 1);
  EXPECT_EQ(buckets.take("a", 10'000), 0);
  // Never more than the burst, however long it was quiet.
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(buckets.take("a", 10'000'000), 0);
  EXPECT_GT(buckets.take("a", 10'000'000), 0);
}

TEST(TokenBuckets, MadeUpKeysCannotGrowMemoryWithoutLimit) {
  http::TokenBuckets buckets({.per_minute = 1, .burst = 1, .max_keys = 100});
  for (int i = 0; i < 10'000; ++i)
    EXPECT_EQ(buckets.take("203.0.113." + std::to_string(i), 0), 0);
  EXPECT_EQ(buckets.keys(), 100u);
}

TEST(TokenBuckets, ZeroIsNoLimit) {
  http::TokenBuckets buckets({.per_minute = 0, .burst = 0});
  for (int i = 0; i < 1000; ++i)
    EXPECT_EQ(buckets.take("a", 0), 0);
  EXPECT_EQ(buckets.keys(), 0u);
}

TEST(SignInLimiter, AReservedAttemptCountsUntilReleased) {
  auth::RateLimiter limiter(2, 60'000);
  EXPECT_EQ(limiter.reserve({"user:a", "address:x"}, 0), 0);
  EXPECT_EQ(limiter.reserve({"user:a", "address:x"}, 0), 0);
  EXPECT_EQ(limiter.reserve({"user:a", "address:y"}, 0), 60'000);  // the user's budget is used
  EXPECT_EQ(limiter.retry_after("address:y", 0), 0);               // and nothing was counted
  limiter.release({"user:a", "address:x"}, 0);                     // one signed in
  EXPECT_EQ(limiter.reserve({"user:a", "address:y"}, 1), 0);
  EXPECT_EQ(limiter.reserve({"user:a", "address:y"}, 59'999), 1);  // the first ages out at 60 s
  EXPECT_EQ(limiter.reserve({"user:a", "address:y"}, 60'000), 0);
}

TEST(SignInLimiter, MadeUpKeysCannotGrowMemoryWithoutLimit) {
  auth::RateLimiter limiter(5, 60'000, 50);
  for (int i = 0; i < 1000; ++i)
    EXPECT_EQ(limiter.reserve({"user:" + std::to_string(i)}, i), 0);
  EXPECT_LE(limiter.keys(), 50u);
}

Config parsed(std::vector<std::string> args) {
  ConfigResult result = parse_config(args);
  EXPECT_TRUE(std::holds_alternative<Config>(result));
  return std::holds_alternative<Config>(result) ? std::get<Config>(result) : Config{};
}

TEST(LimitSettings, DefaultsAreWhatARealSiteUses) {
  Config config = parsed({});
  EXPECT_TRUE(config.trusted_proxies.empty());
  EXPECT_EQ(config.streams_per_chat, 4);
  EXPECT_EQ(config.streams_per_session, 8);
  EXPECT_EQ(config.streams_per_address, 20);
  EXPECT_EQ(config.stream_reserve, -1);
  EXPECT_EQ(config.chat_starts_per_address, 20);
  EXPECT_EQ(config.chat_starts_per_origin, 600);
  EXPECT_EQ(config.connector_requests, 6000);
}

TEST(LimitSettings, FlagsAndEnvironmentSetThemAndFlagsWin) {
  ::setenv("CARE_TRUSTED_PROXY", "10.0.0.1,10.0.0.2", 1);
  ::setenv("CARE_STREAMS_PER_CHAT", "2", 1);
  ::setenv("CARE_CHAT_STARTS_PER_ADDRESS", "5", 1);
  Config config = parsed({"--chat-starts-per-address", "7", "--stream-reserve", "10",
                          "--sign-in-checks", "3", "--connector-requests", "0"});
  ::unsetenv("CARE_TRUSTED_PROXY");
  ::unsetenv("CARE_STREAMS_PER_CHAT");
  ::unsetenv("CARE_CHAT_STARTS_PER_ADDRESS");
  EXPECT_EQ(config.trusted_proxies, (std::vector<std::string>{"10.0.0.1", "10.0.0.2"}));
  EXPECT_EQ(config.streams_per_chat, 2);
  EXPECT_EQ(config.chat_starts_per_address, 7);
  EXPECT_EQ(config.stream_reserve, 10);
  EXPECT_EQ(config.sign_in_checks, 3);
  EXPECT_EQ(config.connector_requests, 0);
}

TEST(LimitSettings, BadValuesAreRefusedWithTheFlagNamed) {
  auto error = [](std::vector<std::string> args) {
    ConfigResult result = parse_config(args);
    return std::holds_alternative<ConfigError>(result) ? std::get<ConfigError>(result).message
                                                       : std::string("accepted");
  };
  EXPECT_NE(error({"--streams-per-chat", "-1"}).find("--streams-per-chat"), std::string::npos);
  EXPECT_NE(error({"--chat-starts-per-origin", "many"}).find("--chat-starts-per-origin"),
            std::string::npos);
  EXPECT_NE(error({"--trusted-proxy", "proxy.local"}).find("--trusted-proxy"), std::string::npos);
  EXPECT_NE(error({"--max-streams", "10", "--stream-reserve", "10"}).find("--stream-reserve"),
            std::string::npos);
  EXPECT_NE(usage().find("--trusted-proxy"), std::string::npos);
  EXPECT_NE(usage().find("--chat-starts-per-address"), std::string::npos);
}

}  // namespace
}  // namespace care::server
