// PostgresStore: agents and their sessions, as SqliteStore's agents file.
#include <nlohmann/json.hpp>

#include "store/postgres/postgres_store.hpp"

namespace care::server::store {
namespace {

constexpr const char* kAgentColumns =
    "id, username, display_name, role, state, state_reason, state_since, language";

AgentRecord agent_from_row(const pg::Result& rows, int row) {
  AgentRecord agent;
  agent.id = rows.integer(row, 0);
  agent.username = rows.text(row, 1);
  agent.display_name = rows.text(row, 2);
  agent.role = role_from_name(rows.text(row, 3)).value_or(Role::Agent);
  agent.state = rows.text(row, 4);
  agent.state_reason = rows.text(row, 5);
  agent.state_since = rows.integer(row, 6);
  agent.language = rows.text(row, 7);
  return agent;
}

std::string select_agents(const char* where) {
  return std::string("SELECT ") + kAgentColumns + ", password_hash FROM agents " + where;
}

}  // namespace

std::int64_t PostgresStore::count_agents() {
  return read(
      [&](pg::Connection& db) { return db.query("SELECT COUNT(*) FROM agents").integer(0, 0); });
}

std::optional<AgentRecord> PostgresStore::create_agent(const NewAgent& agent, std::int64_t now_ms) {
  std::optional<std::int64_t> id = write([&](pg::Connection& db) -> std::optional<std::int64_t> {
    pg::Result inserted = db.query(
        "INSERT INTO agents(username, display_name, password_hash, role, state_since, created_at)"
        " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id",
        agent.username, agent.display_name, agent.password_hash, role_name(agent.role), now_ms,
        now_ms);
    if (inserted.empty()) return std::nullopt;
    return inserted.integer(0, 0);
  });
  if (!id) return std::nullopt;
  return this->agent(*id);
}

std::optional<AgentRecord> PostgresStore::agent(std::int64_t id) {
  return read([&](pg::Connection& db) -> std::optional<AgentRecord> {
    pg::Result rows = db.query(select_agents("WHERE id = $1"), id);
    if (rows.empty()) return std::nullopt;
    return agent_from_row(rows, 0);
  });
}

std::optional<std::pair<AgentRecord, std::string>> PostgresStore::credentials(
    std::string_view username) {
  // Usernames are unique ignoring case (SQLite: COLLATE NOCASE, ASCII letters only).
  return read([&](pg::Connection& db) -> std::optional<std::pair<AgentRecord, std::string>> {
    pg::Result rows = db.query(select_agents("WHERE lower(username) = lower($1)"), username);
    if (rows.empty()) return std::nullopt;
    return std::make_pair(agent_from_row(rows, 0), rows.text(0, 8));
  });
}

std::vector<AgentRecord> PostgresStore::agents() {
  return read([&](pg::Connection& db) {
    pg::Result rows = db.query(select_agents("ORDER BY display_name COLLATE \"C\", id"));
    std::vector<AgentRecord> all;
    for (int row = 0; row < rows.rows(); ++row)
      all.push_back(agent_from_row(rows, row));
    return all;
  });
}

std::vector<std::pair<std::string, std::int64_t>> PostgresStore::agent_state_counts() {
  return read([&](pg::Connection& db) {
    pg::Result rows = db.query(
        "SELECT s.state, COUNT(a.id) FROM (VALUES ('ready'), ('not_ready')) AS s(state)"
        " LEFT JOIN agents a ON a.state = s.state GROUP BY s.state"
        " ORDER BY s.state COLLATE \"C\"");
    std::vector<std::pair<std::string, std::int64_t>> counts;
    for (int row = 0; row < rows.rows(); ++row)
      counts.emplace_back(rows.text(row, 0), rows.integer(row, 1));
    return counts;
  });
}

std::optional<AgentRecord> PostgresStore::set_agent_state(std::int64_t agent_id,
                                                          std::string_view state,
                                                          std::string_view reason,
                                                          std::optional<std::int64_t> actor_id,
                                                          std::int64_t now_ms) {
  // One transaction per change (SQLite groups changes into one commit to share its
  // fsyncs; PostgreSQL's own group commit does that here).
  bool changed = write([&](pg::Connection& db) {
    pg::Result updated =
        db.query("UPDATE agents SET state = $1, state_reason = $2, state_since = $3 WHERE id = $4",
                 state, reason, now_ms, agent_id);
    if (updated.affected() == 0) return false;
    nlohmann::json detail = {{"state", state}, {"reason", reason}};
    audit(db, actor_id, "agent.state", "agent", agent_id, detail.dump(), now_ms);
    return true;
  });
  if (!changed) return std::nullopt;
  return agent(agent_id);
}

void PostgresStore::create_session(std::string_view token_hash, std::int64_t agent_id,
                                   std::int64_t now_ms, std::int64_t expires_ms) {
  write([&](pg::Connection& db) {
    // Expired sessions go as new ones come, so the table does not grow forever.
    db.query("DELETE FROM sessions WHERE expires_at <= $1", now_ms);
    db.query(
        "INSERT INTO sessions(token_hash, agent_id, created_at, expires_at)"
        " VALUES ($1, $2, $3, $4)",
        token_hash, agent_id, now_ms, expires_ms);
  });
}

std::optional<AgentRecord> PostgresStore::session_agent(std::string_view token_hash,
                                                        std::int64_t now_ms) {
  return read([&](pg::Connection& db) -> std::optional<AgentRecord> {
    pg::Result rows = db.query(select_agents("WHERE id = (SELECT agent_id FROM sessions"
                                             " WHERE token_hash = $1 AND expires_at > $2)"),
                               token_hash, now_ms);
    if (rows.empty()) return std::nullopt;
    return agent_from_row(rows, 0);
  });
}

void PostgresStore::delete_session(std::string_view token_hash) {
  write([&](pg::Connection& db) {
    db.query("DELETE FROM sessions WHERE token_hash = $1", token_hash);
  });
}

std::vector<Id> PostgresStore::signed_in_agents(std::int64_t now_ms) {
  return read([&](pg::Connection& db) {
    pg::Result rows = db.query(
        "SELECT DISTINCT agent_id FROM sessions WHERE expires_at > $1 ORDER BY agent_id", now_ms);
    std::vector<Id> agents;
    for (int row = 0; row < rows.rows(); ++row)
      agents.push_back(rows.integer(row, 0));
    return agents;
  });
}

}  // namespace care::server::store
