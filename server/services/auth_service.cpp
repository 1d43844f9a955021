#include "services/auth_service.hpp"

#include <algorithm>
#include <thread>

#include "auth/password.hpp"
#include "store/store_error.hpp"

namespace care::server::services {
namespace {

// Verifying against this when the username is unknown keeps the answer's timing
// from telling which usernames exist.
const std::string& decoy_hash() {
  static const std::string hash = auth::hash_password("decoy password, never valid");
  return hash;
}

// Holds one of the server's password-check slots, or none when all are taken.
class CheckSlot {
 public:
  CheckSlot(std::atomic<int>& in_use, std::atomic<int>& peak, int limit) : in_use_(in_use) {
    int now = in_use_.fetch_add(1) + 1;
    if (now > limit) {
      in_use_.fetch_sub(1);
      return;
    }
    held_ = true;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {
    }
  }
  ~CheckSlot() {
    if (held_) in_use_.fetch_sub(1);
  }
  CheckSlot(const CheckSlot&) = delete;
  CheckSlot& operator=(const CheckSlot&) = delete;
  bool held() const { return held_; }

 private:
  std::atomic<int>& in_use_;
  bool held_ = false;
};

}  // namespace

int AuthService::default_concurrent_checks() {
  return std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 2, 8);
}

AuthService::AuthService(store::Store& store, const Clock& clock, std::int64_t session_ms,
                         int concurrent_checks)
    : store_(store),
      clock_(clock),
      session_ms_(session_ms),
      concurrent_checks_(std::max(concurrent_checks, 1)) {}

SignIn AuthService::sign_in(std::string_view username, std::string_view password,
                            std::string_view client_address) {
  const std::int64_t now = clock_.now_ms();
  const std::string user_key = "user:" + std::string(username);
  const std::string address_key = "address:" + std::string(client_address);
  const std::vector<std::string> keys{user_key, address_key};
  SignIn result;
  // The attempt counts as a failure from before the check (0.15 s) until it succeeds:
  // 40 guesses sent at once meet a limit that already holds the first five.
  std::int64_t wait = failures_.reserve(keys, now);
  if (wait > 0) {
    result.outcome = SignIn::Outcome::RateLimited;
    result.retry_after_ms = wait;
    return result;
  }
  const int attempts_in_flight = enter(user_key);
  struct Leave {
    AuthService& self;
    const std::string& key;
    ~Leave() { self.leave(key); }
  } leave_on_return{*this, user_key};
  CheckSlot slot(checks_, peak_checks_, concurrent_checks_);
  if (!slot.held()) {
    // Turned away unchecked, so it is no failure; but one of several attempts at the
    // same username sent at once is guessing: it stays counted against the username
    // (never the address, shared by an office signing in at once).
    failures_.release(attempts_in_flight > 1 ? std::vector<std::string>{address_key} : keys, now);
    result.outcome = SignIn::Outcome::Busy;
    result.retry_after_ms = 1000;
    return result;
  }

  auto credentials = store_.credentials(username);
  bool valid = credentials ? auth::verify_password(credentials->second, password)
                           : (auth::verify_password(decoy_hash(), password), false);
  if (!valid) {
    result.outcome = SignIn::Outcome::Invalid;
    return result;
  }
  failures_.release(keys, now);
  failures_.reset(user_key);
  result.outcome = SignIn::Outcome::SignedIn;
  result.agent = credentials->first;
  result.token = auth::random_token();
  const std::string hash = auth::token_hash(result.token);
  try {
    store_.create_session(hash, result.agent.id, now, now + session_ms_);
  } catch (const store::StorageFull&) {
    std::lock_guard lock(held_mutex_);
    held_[hash] = {result.agent.id, now + session_ms_};
  }
  return result;
}

std::optional<std::int64_t> AuthService::held_session(const std::string& token_hash,
                                                      std::int64_t now) {
  std::lock_guard lock(held_mutex_);
  if (held_.empty()) return std::nullopt;
  std::erase_if(held_, [now](const auto& entry) { return entry.second.expires_ms <= now; });
  auto found = held_.find(token_hash);
  if (found == held_.end()) return std::nullopt;
  return found->second.agent_id;
}

int AuthService::enter(const std::string& user_key) {
  std::lock_guard lock(in_flight_mutex_);
  return ++in_flight_[user_key];
}

void AuthService::leave(const std::string& user_key) {
  std::lock_guard lock(in_flight_mutex_);
  auto found = in_flight_.find(user_key);
  if (found != in_flight_.end() && --found->second <= 0) in_flight_.erase(found);
}

std::optional<store::AgentRecord> AuthService::authenticate(std::string_view token) {
  if (token.empty()) return std::nullopt;
  const std::string hash = auth::token_hash(token);
  const std::int64_t now = clock_.now_ms();
  if (auto agent = store_.session_agent(hash, now)) return agent;
  auto held = held_session(hash, now);
  if (!held) return std::nullopt;
  return store_.agent(*held);
}

void AuthService::sign_out(std::string_view token) {
  if (token.empty()) return;
  const std::string hash = auth::token_hash(token);
  {
    std::lock_guard lock(held_mutex_);
    held_.erase(hash);
  }
  store_.delete_session(hash);
}

std::optional<store::AgentRecord> AuthService::create_agent(std::string_view username,
                                                            std::string_view display_name,
                                                            std::string_view password,
                                                            store::Role role) {
  store::NewAgent agent{std::string(username), std::string(display_name),
                        auth::hash_password(password), role};
  return store_.create_agent(agent, clock_.now_ms());
}

}  // namespace care::server::services
