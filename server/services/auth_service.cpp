#include "services/auth_service.hpp"

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

}  // namespace

AuthService::AuthService(store::Store& store, const Clock& clock, std::int64_t session_ms)
    : store_(store), clock_(clock), session_ms_(session_ms) {}

SignIn AuthService::sign_in(std::string_view username, std::string_view password,
                            std::string_view client_address) {
  const std::int64_t now = clock_.now_ms();
  const std::string user_key = "user:" + std::string(username);
  const std::string address_key = "address:" + std::string(client_address);
  SignIn result;
  std::int64_t wait =
      std::max(failures_.retry_after(user_key, now), failures_.retry_after(address_key, now));
  if (wait > 0) {
    result.outcome = SignIn::Outcome::RateLimited;
    result.retry_after_ms = wait;
    return result;
  }

  auto credentials = store_.credentials(username);
  bool valid = credentials ? auth::verify_password(credentials->second, password)
                           : (auth::verify_password(decoy_hash(), password), false);
  if (!valid) {
    failures_.record_failure(user_key, now);
    failures_.record_failure(address_key, now);
    result.outcome = SignIn::Outcome::Invalid;
    return result;
  }
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

std::optional<store::AgentRecord> AuthService::authenticate(std::string_view token) {
  if (token.empty()) return std::nullopt;
  const std::string hash = auth::token_hash(token);
  const std::int64_t now = clock_.now_ms();
  auto agent_id = store_.session_agent(hash, now);
  if (!agent_id) agent_id = held_session(hash, now);
  if (!agent_id) return std::nullopt;
  return store_.agent(*agent_id);
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
