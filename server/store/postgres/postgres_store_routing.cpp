// PostgresStore: what routing decides over: queues, agents' skills, queues and capacity,
// and tasks (R-A3–A6), as SqliteStore's routing file.
#include "care/codec/json.hpp"
#include "store/json_columns.hpp"
#include "store/postgres/pg_rows.hpp"
#include "store/postgres/postgres_store.hpp"

namespace care::server::store {
namespace {

constexpr const char* kTaskColumns =
    "id, activity_id, queue_id, channel, state, skills, enqueued_at, agent_id, offer_deadline,"
    " assigned_at, closed_at, version";

Task task_from_row(const pg::Result& rows, int row) {
  Task t;
  t.id = rows.integer(row, 0);
  t.activity = rows.integer(row, 1);
  t.queue = rows.integer(row, 2);
  t.channel = enum_from_name<Channel>(rows.text(row, 3)).value_or(Channel::chat);
  t.state = enum_from_name<TaskState>(rows.text(row, 4)).value_or(TaskState::queued);
  t.skills = string_list(rows.text(row, 5));
  t.waiting_since = pg::time_at(rows, row, 6);
  t.agent = pg::optional_id(rows, row, 7);
  t.offer_deadline = pg::optional_time(rows, row, 8);
  t.assigned_at = pg::optional_time(rows, row, 9);
  t.closed_at = pg::optional_time(rows, row, 10);
  t.version = rows.integer(row, 11);
  return t;
}

std::vector<Task> tasks_from(const pg::Result& rows) {
  std::vector<Task> found;
  for (int row = 0; row < rows.rows(); ++row)
    found.push_back(task_from_row(rows, row));
  return found;
}

// The agents with their queues and skills in one statement (issue 17: it was 1 + 2N,
// so each desk check was three round trips and a board of 10,000 agents 20,001).
std::vector<Agent> load_routing_agents(pg::Connection& db, std::optional<Id> only) {
  constexpr const char* kColumns =
      "SELECT a.id, a.username, a.display_name, a.role, a.state, a.state_reason,"
      " a.state_since, a.chat_capacity, a.email_capacity, a.language, a.last_task_end_at,"
      " (SELECT json_agg(q.queue_id ORDER BY q.queue_id) FROM agent_queues q"
      " WHERE q.agent_id = a.id),"
      " (SELECT json_agg(s.name ORDER BY s.name COLLATE \"C\") FROM agent_skills x"
      " JOIN skills s ON s.id = x.skill_id WHERE x.agent_id = a.id) FROM agents a";
  pg::Result rows = only ? db.query(std::string(kColumns) + " WHERE a.id = $1", *only)
                         : db.query(std::string(kColumns) + " ORDER BY a.id");
  std::vector<Agent> agents;
  agents.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    Agent a;
    a.id = rows.integer(row, 0);
    a.username = rows.text(row, 1);
    a.display_name = rows.text(row, 2);
    a.role = enum_from_name<care::Role>(rows.text(row, 3)).value_or(care::Role::agent);
    a.state.presence = enum_from_name<Presence>(rows.text(row, 4)).value_or(Presence::not_ready);
    a.state.reason = rows.text(row, 5);
    a.state.since = pg::time_at(rows, row, 6);
    a.capacity =
        Capacity{static_cast<int>(rows.integer(row, 7)), static_cast<int>(rows.integer(row, 8))};
    a.language = rows.text(row, 9);
    a.last_task_end = pg::optional_time(rows, row, 10);
    if (!rows.is_null(row, 11)) {
      if (auto queues = parse_json(rows.text(row, 11))) {
        for (const Json& queue : *queues)
          a.queues.push_back(queue.get<Id>());
      }
    }
    if (!rows.is_null(row, 12)) a.skills = string_list(rows.text(row, 12));
    agents.push_back(std::move(a));
  }
  return agents;
}

// The skill's id, adding it when new (names are unique ignoring case).
Id skill_id(pg::Connection& db, const std::string& name) {
  db.query("INSERT INTO skills(name) VALUES ($1) ON CONFLICT DO NOTHING", name);
  return db.query("SELECT id FROM skills WHERE lower(name) = lower($1)", name).integer(0, 0);
}

// Adds or replaces one entry of a code list (wrap-up codes, Not Ready reasons), keeping
// its place when it exists. True when added.
// True when the code is new. One statement, so two puts of one new code at once store
// it once (the second updates it).
bool put_list_entry(pg::Connection& db, const char* table, const std::string& code,
                    const std::string& label, const Labels& labels, bool active) {
  pg::Result put = db.query(
      std::string("INSERT INTO ") + table +
          "(code, label, labels, active) VALUES ($1, $2, $3, $4)"
          " ON CONFLICT (code) DO UPDATE SET label = EXCLUDED.label, labels = EXCLUDED.labels,"
          " active = EXCLUDED.active RETURNING xmax = 0",
      code, label, labels_json(labels), active ? 1 : 0);
  return put.text(0, 0) == "t";
}

}  // namespace

std::vector<Agent> PostgresStore::routing_agents() {
  return read([&](pg::Connection& db) { return load_routing_agents(db, std::nullopt); });
}

std::optional<Agent> PostgresStore::routing_agent(Id id) {
  return read([&](pg::Connection& db) -> std::optional<Agent> {
    auto agents = load_routing_agents(db, id);
    if (agents.empty()) return std::nullopt;
    return agents.front();
  });
}

void PostgresStore::set_agent_last_task_end(Id agent, Time at) {
  write([&](pg::Connection& db) {
    db.query("UPDATE agents SET last_task_end_at = $1 WHERE id = $2", unix_ms(at), agent);
  });
}

void PostgresStore::set_agent_routing(Id agent, const std::vector<Id>& queues,
                                      const std::vector<std::string>& skills, Capacity capacity) {
  write([&](pg::Connection& db) {
    // The agent's row first: two changes of one agent's routing replace its lists one
    // after the other.
    db.query("SELECT 1 FROM agents WHERE id = $1 FOR UPDATE", agent);
    db.query("DELETE FROM agent_queues WHERE agent_id = $1", agent);
    for (Id queue : queues) {
      db.query("INSERT INTO agent_queues(agent_id, queue_id) VALUES ($1, $2)", agent, queue);
    }
    db.query("DELETE FROM agent_skills WHERE agent_id = $1", agent);
    for (const std::string& skill : skills) {
      db.query(
          "INSERT INTO agent_skills(agent_id, skill_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
          agent, skill_id(db, skill));
    }
    db.query("UPDATE agents SET chat_capacity = $1, email_capacity = $2 WHERE id = $3",
             capacity.chats, capacity.emails, agent);
  });
}

Queue PostgresStore::create_queue(const Queue& queue) {
  return write([&](pg::Connection& db) {
    Queue created = queue;
    pg::Result inserted = db.query(
        "INSERT INTO queues(name, priority, target_wait_ms, target_waiting, labels, default_for)"
        " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        queue.name, queue.priority, static_cast<std::int64_t>(queue.targets.longest_wait.count()),
        queue.targets.waiting, labels_json(queue.labels), channels_json(queue.default_for));
    created.id = inserted.integer(0, 0);
    for (const std::string& skill : queue.required_skills) {
      db.query(
          "INSERT INTO queue_skills(queue_id, skill_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
          created.id, skill_id(db, skill));
    }
    return created;
  });
}

std::vector<Queue> PostgresStore::queues() {
  return read([&](pg::Connection& db) {
    std::vector<Queue> found;
    pg::Result rows = db.query(
        "SELECT id, name, priority, target_wait_ms, target_waiting, labels, default_for"
        " FROM queues ORDER BY id");
    for (int row = 0; row < rows.rows(); ++row) {
      Queue q;
      q.id = rows.integer(row, 0);
      q.name = rows.text(row, 1);
      q.priority = static_cast<int>(rows.integer(row, 2));
      q.targets.longest_wait = Duration(rows.integer(row, 3));
      q.targets.waiting = static_cast<int>(rows.integer(row, 4));
      q.labels = labels_from(rows.text(row, 5));
      q.default_for = channels_from(rows.text(row, 6));
      found.push_back(std::move(q));
    }
    for (Queue& q : found) {
      pg::Result skills = db.query(
          "SELECT s.name FROM queue_skills x JOIN skills s ON s.id = x.skill_id"
          " WHERE x.queue_id = $1 ORDER BY s.name COLLATE \"C\"",
          q.id);
      for (int row = 0; row < skills.rows(); ++row)
        q.required_skills.push_back(skills.text(row, 0));
    }
    return found;
  });
}

bool PostgresStore::set_queue_targets(Id queue, const QueueTargets& targets) {
  return write([&](pg::Connection& db) {
    return db.query("UPDATE queues SET target_wait_ms = $1, target_waiting = $2 WHERE id = $3",
                    static_cast<std::int64_t>(targets.longest_wait.count()), targets.waiting, queue)
               .affected() > 0;
  });
}

bool PostgresStore::set_queue_labels(Id queue, const Labels& labels) {
  return write([&](pg::Connection& db) {
    return db.query("UPDATE queues SET labels = $1 WHERE id = $2", labels_json(labels), queue)
               .affected() > 0;
  });
}

bool PostgresStore::set_queue_default_for(Id queue, const std::vector<Channel>& channels) {
  return write([&](pg::Connection& db) {
    return db.query("UPDATE queues SET default_for = $1 WHERE id = $2", channels_json(channels),
                    queue)
               .affected() > 0;
  });
}

std::vector<WrapUpCode> PostgresStore::wrap_up_codes() {
  return read([&](pg::Connection& db) {
    pg::Result rows =
        db.query("SELECT code, label, labels, active FROM wrap_up_codes ORDER BY position");
    std::vector<WrapUpCode> codes;
    for (int row = 0; row < rows.rows(); ++row) {
      codes.push_back(WrapUpCode{rows.text(row, 0), rows.text(row, 1),
                                 labels_from(rows.text(row, 2)), rows.integer(row, 3) != 0});
    }
    return codes;
  });
}

bool PostgresStore::put_wrap_up_code(const WrapUpCode& code) {
  return write([&](pg::Connection& db) {
    return put_list_entry(db, "wrap_up_codes", code.code, code.label, code.labels, code.active);
  });
}

std::vector<NotReadyReason> PostgresStore::not_ready_reasons() {
  return read([&](pg::Connection& db) {
    pg::Result rows =
        db.query("SELECT code, label, labels, active FROM not_ready_reasons ORDER BY position");
    std::vector<NotReadyReason> reasons;
    for (int row = 0; row < rows.rows(); ++row) {
      reasons.push_back(NotReadyReason{rows.text(row, 0), rows.text(row, 1),
                                       labels_from(rows.text(row, 2)), rows.integer(row, 3) != 0});
    }
    return reasons;
  });
}

bool PostgresStore::put_not_ready_reason(const NotReadyReason& reason) {
  return write([&](pg::Connection& db) {
    return put_list_entry(db, "not_ready_reasons", reason.code, reason.label, reason.labels,
                          reason.active);
  });
}

Task PostgresStore::create_task(Task task) {
  return write([&](pg::Connection& db) {
    pg::Result inserted = db.query(
        "INSERT INTO tasks(activity_id, queue_id, channel, state, skills, enqueued_at,"
        " agent_id, offer_deadline, assigned_at, closed_at, version)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1) RETURNING id",
        task.activity, task.queue, enum_name(task.channel), enum_name(task.state),
        Json(task.skills).dump(), unix_ms(task.waiting_since), task.agent,
        optional_ms(task.offer_deadline), optional_ms(task.assigned_at),
        optional_ms(task.closed_at));
    task.id = inserted.integer(0, 0);
    task.version = 1;
    audit(db, std::nullopt, "create", "task", task.id, "{}", unix_ms(task.waiting_since));
    return task;
  });
}

// Inside a unit of work the task's row is locked as it is read (FOR UPDATE): the unit
// that reads a task to change it (a transition, an offer) is the only one doing so
// until it ends, across nodes too. A task is the first row a unit locks.
std::optional<Task> PostgresStore::task(Id id) {
  return read([&](pg::Connection& db) -> std::optional<Task> {
    auto found =
        tasks_from(db.query(std::string("SELECT ") + kTaskColumns + " FROM tasks WHERE id = $1" +
                                (unit_here() ? " FOR UPDATE" : ""),
                            id));
    if (found.empty()) return std::nullopt;
    return found.front();
  });
}

std::optional<Task> PostgresStore::task_of_activity(Id activity) {
  return read([&](pg::Connection& db) -> std::optional<Task> {
    auto found = tasks_from(db.query(std::string("SELECT ") + kTaskColumns +
                                         " FROM tasks WHERE activity_id = $1"
                                         " ORDER BY id DESC LIMIT 1" +
                                         (unit_here() ? " FOR UPDATE" : ""),
                                     activity));
    if (found.empty()) return std::nullopt;
    return found.front();
  });
}

bool PostgresStore::save_task(const Task& task, Version edited, Id actor) {
  return write([&](pg::Connection& db) {
    pg::Result updated = db.query(
        "UPDATE tasks SET queue_id = $1, state = $2, skills = $3, enqueued_at = $4,"
        " agent_id = $5, offer_deadline = $6, assigned_at = $7, closed_at = $8, version = $9"
        " WHERE id = $10 AND version = $11",
        task.queue, enum_name(task.state), Json(task.skills).dump(), unix_ms(task.waiting_since),
        task.agent, optional_ms(task.offer_deadline), optional_ms(task.assigned_at),
        optional_ms(task.closed_at), task.version, task.id, edited);
    if (updated.affected() == 0) return false;
    Time at = task.closed_at        ? *task.closed_at
              : task.assigned_at    ? *task.assigned_at
              : task.offer_deadline ? *task.offer_deadline
                                    : task.waiting_since;
    audit(db, nullable_id(actor), enum_name(task.state), "task", task.id,
          Json{{"agent", task.agent ? Json(*task.agent) : Json(nullptr)}}.dump(), unix_ms(at));
    return true;
  });
}

std::vector<Task> PostgresStore::open_tasks() {
  return read([&](pg::Connection& db) {
    return tasks_from(db.query(std::string("SELECT ") + kTaskColumns +
                               " FROM tasks WHERE state <> 'closed' ORDER BY id"));
  });
}

std::vector<Task> PostgresStore::closed_tasks_of(Id agent, int limit) {
  return read([&](pg::Connection& db) {
    return tasks_from(db.query(std::string("SELECT ") + kTaskColumns +
                                   " FROM tasks WHERE agent_id = $1 AND state = 'closed'"
                                   " ORDER BY closed_at DESC, id DESC LIMIT $2",
                               agent, limit));
  });
}

// The routing leader's lock ('care' 'rout'), held by one node's session at a time.
namespace {
constexpr std::int64_t kRoutingLeadLock = 7161130662532969844;
// How often a node looks again: a follower tries to take the lead, the leader checks
// its connection still holds it.
constexpr auto kLeadRecheck = std::chrono::seconds(1);
constexpr int kLeadConnectTimeout = 2;
}  // namespace

bool PostgresStore::routing_lead() {
  std::lock_guard lock(lead_mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (now < next_lead_check_) return leading_;
  next_lead_check_ = now + kLeadRecheck;
  try {
    if (!lead_) {
      leading_ = false;
      lead_ = std::make_unique<pg::Connection>(conninfo(), kLeadConnectTimeout);
    }
    if (leading_) {
      lead_->exec("SELECT 1");  // a lost connection has lost the lock with it
    } else {
      leading_ =
          lead_->query("SELECT pg_try_advisory_lock($1)", kRoutingLeadLock).text(0, 0) == "t";
    }
  } catch (const StoreError&) {
    lead_.reset();
    leading_ = false;
  }
  return leading_;
}

std::optional<Store::AgentHands> PostgresStore::agent_hands(Id agent) {
  return write([&](pg::Connection& db) -> std::optional<AgentHands> {
    // The agent's row locked until the unit ends: every unit that gives this agent a
    // task (an offer, a pull, a transfer to them) reads their hands here first, so the
    // count below cannot grow before this unit's save commits, and a change of their
    // state (Not Ready) waits for it too.
    pg::Result row = db.query(
        "SELECT state, chat_capacity, email_capacity FROM agents WHERE id = $1 FOR UPDATE", agent);
    if (row.rows() == 0) return std::nullopt;
    AgentHands hands;
    hands.presence = enum_from_name<Presence>(row.text(0, 0)).value_or(Presence::not_ready);
    hands.capacity =
        Capacity{static_cast<int>(row.integer(0, 1)), static_cast<int>(row.integer(0, 2))};
    hands.tasks = tasks_from(db.query(std::string("SELECT ") + kTaskColumns +
                                          " FROM tasks WHERE agent_id = $1"
                                          " AND state IN ('offered', 'assigned') ORDER BY id",
                                      agent));
    return hands;
  });
}

}  // namespace care::server::store
