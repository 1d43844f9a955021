// SqliteStore: agents and their sessions. The one place agent rows become records.
#include <condition_variable>
#include <exception>
#include <mutex>
#include <nlohmann/json.hpp>

#include "store/sqlite_store.hpp"

namespace care::server::store {
namespace {

constexpr const char* kAgentColumns =
    "id, username, display_name, role, state, state_reason, state_since, language";

AgentRecord agent_from_row(const Statement& row) {
  AgentRecord agent;
  agent.id = row.column_int(0);
  agent.username = row.column_text(1);
  agent.display_name = row.column_text(2);
  agent.role = role_from_name(row.column_text(3)).value_or(Role::Agent);
  agent.state = row.column_text(4);
  agent.state_reason = row.column_text(5);
  agent.state_since = row.column_int(6);
  agent.language = row.column_text(7);
  return agent;
}

std::string select_agents(const char* where) {
  return std::string("SELECT ") + kAgentColumns + ", password_hash FROM agents " + where;
}

}  // namespace

std::int64_t SqliteStore::count_agents() {
  Reading reading(*this);
  Statement& count = db_.prepare("SELECT COUNT(*) FROM agents");
  count.step();
  std::int64_t value = count.column_int(0);
  count.reset();
  return value;
}

std::optional<AgentRecord> SqliteStore::create_agent(const NewAgent& agent, std::int64_t now_ms) {
  std::int64_t id = 0;
  {
    std::lock_guard lock(mutex_);
    Statement& insert = db_.prepare(
        "INSERT INTO agents(username, display_name, password_hash, role, state_since, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(username) DO NOTHING");
    insert.bind(1, agent.username)
        .bind(2, agent.display_name)
        .bind(3, agent.password_hash)
        .bind(4, role_name(agent.role))
        .bind(5, now_ms)
        .bind(6, now_ms)
        .run();
    if (db_.changes() == 0) return std::nullopt;
    id = db_.last_insert_id();
  }
  return this->agent(id);
}

std::optional<AgentRecord> SqliteStore::agent(std::int64_t id) {
  Reading reading(*this);
  Statement& select = db_.prepare(select_agents("WHERE id = ?"));
  select.bind(1, id);
  std::optional<AgentRecord> found;
  if (select.step()) found = agent_from_row(select);
  select.reset();
  return found;
}

std::optional<std::pair<AgentRecord, std::string>> SqliteStore::credentials(
    std::string_view username) {
  Reading reading(*this);
  Statement& select = db_.prepare(select_agents("WHERE username = ?"));
  select.bind(1, username);
  std::optional<std::pair<AgentRecord, std::string>> found;
  if (select.step()) found.emplace(agent_from_row(select), select.column_text(8));
  select.reset();
  return found;
}

std::vector<AgentRecord> SqliteStore::agents() {
  Reading reading(*this);
  Statement& select = db_.prepare(select_agents("ORDER BY display_name"));
  std::vector<AgentRecord> all;
  while (select.step())
    all.push_back(agent_from_row(select));
  select.reset();
  return all;
}

std::vector<std::pair<std::string, std::int64_t>> SqliteStore::agent_state_counts() {
  Reading reading(*this);
  Statement& select = db_.prepare(
      "SELECT s.state, COUNT(a.id) FROM (SELECT 'ready' AS state UNION ALL SELECT 'not_ready') s"
      " LEFT JOIN agents a ON a.state = s.state GROUP BY s.state ORDER BY s.state");
  std::vector<std::pair<std::string, std::int64_t>> counts;
  while (select.step())
    counts.emplace_back(select.column_text(0), select.column_int(1));
  select.reset();
  return counts;
}

struct SqliteStore::StateChange {
  std::int64_t agent_id = 0;
  std::string state;
  std::string reason;
  std::optional<std::int64_t> actor_id;
  std::int64_t now_ms = 0;
  // Set by whoever wrote the change, before it wakes the waiter: whether a row changed
  // (false: no such agent), or the error that stopped the commit.
  bool changed = false;
  std::exception_ptr error;
  // Woken with no result: this waiter writes the next batch itself.
  bool leads = false;

  // Each waiter sleeps on its own condition: a commit wakes its own batch and the next
  // leader, not every thread waiting (issue 15). (Not std::binary_semaphore: this
  // library's spins and yields before it sleeps, on two shared cores only churn.)
  void wait() {
    std::unique_lock lock(mutex);
    woken.wait(lock, [this] { return told; });
  }
  void wake() {
    {
      std::lock_guard lock(mutex);
      told = true;
    }
    woken.notify_one();
  }
  std::mutex mutex;
  std::condition_variable woken;
  bool told = false;
};

std::optional<AgentRecord> SqliteStore::set_agent_state(std::int64_t agent_id,
                                                        std::string_view state,
                                                        std::string_view reason,
                                                        std::optional<std::int64_t> actor_id,
                                                        std::int64_t now_ms) {
  // Group commit: whoever finds no commit under way writes its change and every change
  // waiting then, in one transaction; the others wait for it. When it is done it hands
  // the next batch to the first waiting (who takes all that waits when it wakes), then
  // wakes the writers of its own batch, each of which returns only once its change is
  // durable (or with the error that stopped it).
  auto mine = std::make_shared<StateChange>();
  mine->agent_id = agent_id;
  mine->state = state;
  mine->reason = reason;
  mine->actor_id = actor_id;
  mine->now_ms = now_ms;
  bool leads = false;
  {
    std::lock_guard wait(state_batch_mutex_);
    leads = !state_batch_writing_;
    if (leads)
      state_batch_writing_ = true;
    else
      state_batch_.push_back(mine);
  }
  if (!leads) {
    mine->wait();
    leads = mine->leads;
  }
  if (leads) {
    std::vector<std::shared_ptr<StateChange>> batch{mine};
    std::shared_ptr<StateChange> next;
    {
      std::lock_guard wait(state_batch_mutex_);
      batch.insert(batch.end(), state_batch_.begin(), state_batch_.end());
      state_batch_.clear();
    }
    write_state_changes(batch);
    {
      std::lock_guard wait(state_batch_mutex_);
      if (state_batch_.empty()) {
        state_batch_writing_ = false;
      } else {
        next = std::move(state_batch_.front());
        state_batch_.erase(state_batch_.begin());
      }
    }
    // The next fsync starts as soon as it can; then this batch's writers answer.
    if (next) {
      next->leads = true;
      next->wake();
    }
    for (size_t i = 1; i < batch.size(); ++i)
      batch[i]->wake();
  }
  if (mine->error) std::rethrow_exception(mine->error);
  if (!mine->changed) return std::nullopt;
  return agent(agent_id);
}

void SqliteStore::write_state_changes(const std::vector<std::shared_ptr<StateChange>>& batch) {
  std::exception_ptr error;
  try {
    std::lock_guard lock(mutex_);
    db_.transaction([&] {
      for (const auto& change : batch) {
        db_.prepare("UPDATE agents SET state = ?, state_reason = ?, state_since = ? WHERE id = ?")
            .bind(1, change->state)
            .bind(2, change->reason)
            .bind(3, change->now_ms)
            .bind(4, change->agent_id)
            .run();
        change->changed = db_.changes() > 0;
        if (!change->changed) continue;
        nlohmann::json detail = {{"state", change->state}, {"reason", change->reason}};
        audit(change->actor_id, "agent.state", "agent", change->agent_id, detail.dump(),
              change->now_ms);
      }
    });
  } catch (...) {
    error = std::current_exception();
  }
  if (!error) return;
  for (const auto& change : batch) {
    change->changed = false;
    change->error = error;
  }
}

void SqliteStore::create_session(std::string_view token_hash, std::int64_t agent_id,
                                 std::int64_t now_ms, std::int64_t expires_ms) {
  std::lock_guard lock(mutex_);
  db_.transaction([&] {
    // Expired sessions go as new ones come, so the table does not grow forever.
    db_.prepare("DELETE FROM sessions WHERE expires_at <= ?").bind(1, now_ms).run();
    db_.prepare(
           "INSERT INTO sessions(token_hash, agent_id, created_at, expires_at) VALUES (?,?,?,?)")
        .bind(1, token_hash)
        .bind(2, agent_id)
        .bind(3, now_ms)
        .bind(4, expires_ms)
        .run();
  });
}

std::optional<AgentRecord> SqliteStore::session_agent(std::string_view token_hash,
                                                      std::int64_t now_ms) {
  Reading reading(*this);
  Statement& select =
      db_.prepare(select_agents("WHERE id = (SELECT agent_id FROM sessions"
                                " WHERE token_hash = ? AND expires_at > ?)"));
  select.bind(1, token_hash).bind(2, now_ms);
  std::optional<AgentRecord> found;
  if (select.step()) found = agent_from_row(select);
  select.reset();
  return found;
}

void SqliteStore::delete_session(std::string_view token_hash) {
  std::lock_guard lock(mutex_);
  db_.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(1, token_hash).run();
}

std::vector<Id> SqliteStore::signed_in_agents(std::int64_t now_ms) {
  Reading reading(*this);
  Statement& select =
      db_.prepare("SELECT DISTINCT agent_id FROM sessions WHERE expires_at > ? ORDER BY agent_id");
  select.bind(1, now_ms);
  std::vector<Id> agents;
  while (select.step())
    agents.push_back(select.column_int(0));
  select.reset();
  return agents;
}

}  // namespace care::server::store
