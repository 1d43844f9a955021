#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace care::server::store {

enum class Role { Agent, Supervisor, Admin };
std::string_view role_name(Role role);
std::optional<Role> role_from_name(std::string_view name);

struct AgentRecord {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::Agent;
  std::string state = "not_ready";
  std::string state_reason;
  std::int64_t state_since = 0;
  std::string language = "en";
};

struct NewAgent {
  std::string username;
  std::string display_name;
  std::string password_hash;
  Role role = Role::Agent;
};

// The persistence the services need, behind an interface so a PostgreSQL store can
// follow for deployments that outgrow one node (R-G2). A method that returns has
// committed: its change survives a kill of the process.
class Store {
 public:
  virtual ~Store() = default;

  virtual int schema_version() const = 0;

  // Agents
  virtual std::int64_t count_agents() = 0;
  // nullopt when the username is taken (ignoring case).
  virtual std::optional<AgentRecord> create_agent(const NewAgent& agent, std::int64_t now_ms) = 0;
  virtual std::optional<AgentRecord> agent(std::int64_t id) = 0;
  // The agent with that username and their password hash.
  virtual std::optional<std::pair<AgentRecord, std::string>> credentials(
      std::string_view username) = 0;
  virtual std::vector<AgentRecord> agents() = 0;
  // {"ready", n}, {"not_ready", m}: for metrics and the supervisor view.
  virtual std::vector<std::pair<std::string, std::int64_t>> agent_state_counts() = 0;
  // Sets Ready / Not Ready with its reason, and records who did it in the audit trail
  // (the agent themselves, a supervisor, or nobody when the router did: missed offer).
  virtual std::optional<AgentRecord> set_agent_state(std::int64_t agent_id, std::string_view state,
                                                     std::string_view reason,
                                                     std::optional<std::int64_t> actor_id,
                                                     std::int64_t now_ms) = 0;

  // Sessions: only a hash of the cookie's token is kept.
  virtual void create_session(std::string_view token_hash, std::int64_t agent_id,
                              std::int64_t now_ms, std::int64_t expires_ms) = 0;
  virtual std::optional<std::int64_t> session_agent(std::string_view token_hash,
                                                    std::int64_t now_ms) = 0;
  virtual void delete_session(std::string_view token_hash) = 0;
};

}  // namespace care::server::store
