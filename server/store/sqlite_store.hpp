#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/database.hpp"
#include "store/store.hpp"

namespace care::server::store {

// The embedded store: one SQLite file in the data folder. One connection, used under
// a mutex; every write is its own committed transaction (synchronous=FULL).
class SqliteStore final : public Store {
 public:
  // Opens or creates `path` and applies migrations; throws StoreError.
  explicit SqliteStore(const std::string& path);

  int schema_version() const override { return schema_version_; }

  std::int64_t count_agents() override;
  std::optional<AgentRecord> create_agent(const NewAgent& agent, std::int64_t now_ms) override;
  std::optional<AgentRecord> agent(std::int64_t id) override;
  std::optional<std::pair<AgentRecord, std::string>> credentials(
      std::string_view username) override;
  std::vector<AgentRecord> agents() override;
  std::vector<std::pair<std::string, std::int64_t>> agent_state_counts() override;
  std::optional<AgentRecord> set_agent_state(std::int64_t agent_id, std::string_view state,
                                             std::string_view reason,
                                             std::optional<std::int64_t> actor_id,
                                             std::int64_t now_ms) override;

  void create_session(std::string_view token_hash, std::int64_t agent_id, std::int64_t now_ms,
                      std::int64_t expires_ms) override;
  std::optional<std::int64_t> session_agent(std::string_view token_hash,
                                            std::int64_t now_ms) override;
  void delete_session(std::string_view token_hash) override;

 private:
  // Appends to the audit trail (R-G3); call inside the change's transaction.
  void audit(std::optional<std::int64_t> actor_id, std::string_view action,
             std::string_view record_type, std::int64_t record_id, std::string_view detail_json,
             std::int64_t now_ms);

  std::mutex mutex_;
  Database db_;
  int schema_version_ = 0;
};

}  // namespace care::server::store
