#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "auth/rate_limiter.hpp"
#include "clock.hpp"
#include "store/store.hpp"

namespace care::server::services {

struct SignIn {
  // Busy: as many passwords are being checked as the server allows at once.
  enum class Outcome { SignedIn, Invalid, RateLimited, Busy };
  Outcome outcome = Outcome::Invalid;
  store::AgentRecord agent;
  std::string token;                // the session cookie's value when signed in
  std::int64_t retry_after_ms = 0;  // when rate limited or busy
};

// Sign-in, sessions and agent accounts (R-A1, R-G5).
class AuthService {
 public:
  static constexpr std::int64_t kDefaultSessionMs = 12LL * 60 * 60 * 1000;  // one long shift

  // Each password check holds 64 MiB for about 0.15 s (argon2id, interactive): a few
  // at once use every core; more only queue threads and memory.
  static int default_concurrent_checks();

  AuthService(store::Store& store, const Clock& clock, std::int64_t session_ms = kDefaultSessionMs,
              int concurrent_checks = default_concurrent_checks());

  SignIn sign_in(std::string_view username, std::string_view password,
                 std::string_view client_address);
  std::optional<store::AgentRecord> authenticate(std::string_view token);
  void sign_out(std::string_view token);

  // nullopt when the username is taken.
  std::optional<store::AgentRecord> create_agent(std::string_view username,
                                                 std::string_view display_name,
                                                 std::string_view password, store::Role role);
  std::vector<store::AgentRecord> agents() { return store_.agents(); }

  // The most password checks that ran at once since start (tests, metrics).
  int peak_concurrent_checks() const { return peak_checks_.load(); }

 private:
  store::Store& store_;
  const Clock& clock_;
  const std::int64_t session_ms_;
  const int concurrent_checks_;
  std::atomic<int> checks_{0};
  std::atomic<int> peak_checks_{0};
  // Attempts per username between their reservation and their answer.
  std::mutex in_flight_mutex_;
  std::unordered_map<std::string, int> in_flight_;
  // Counts this attempt in flight; returns how many of the username's are.
  int enter(const std::string& user_key);
  void leave(const std::string& user_key);
  // Five failures a minute per username and per client address, then 429.
  auth::RateLimiter failures_{5, 60 * 1000};

  // Sessions begun while the disk was full (issue 14, item 7): a full disk must not
  // lock agents out, so these live here until they expire, are signed out, or the
  // server restarts (then the agent signs in again). By token hash.
  struct HeldSession {
    std::int64_t agent_id = 0;
    std::int64_t expires_ms = 0;
  };
  std::optional<std::int64_t> held_session(const std::string& token_hash, std::int64_t now);
  std::mutex held_mutex_;
  std::unordered_map<std::string, HeldSession> held_;
};

}  // namespace care::server::services
