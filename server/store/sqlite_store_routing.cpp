// SqliteStore: what routing decides over: queues, agents' skills, queues and capacity,
// and tasks (R-A3–A6).
#include "care/codec/json.hpp"
#include "store/json_columns.hpp"
#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"

namespace care::server::store {
namespace {

constexpr const char* kTaskColumns =
    "id, activity_id, queue_id, channel, state, skills, enqueued_at, agent_id, offer_deadline,"
    " assigned_at, closed_at, version";

Task task_from_row(const Statement& row) {
  Task t;
  t.id = row.column_int(0);
  t.activity = row.column_int(1);
  t.queue = row.column_int(2);
  t.channel = enum_from_name<Channel>(row.column_text(3)).value_or(Channel::chat);
  t.state = enum_from_name<TaskState>(row.column_text(4)).value_or(TaskState::queued);
  t.skills = string_list(row.column_text(5));
  t.waiting_since = time_from_unix_ms(row.column_int(6));
  t.agent = optional_id(row, 7);
  t.offer_deadline = optional_time(row, 8);
  t.assigned_at = optional_time(row, 9);
  t.closed_at = optional_time(row, 10);
  t.version = row.column_int(11);
  return t;
}

std::vector<Task> tasks_from(Statement& statement) {
  std::vector<Task> found;
  while (statement.step())
    found.push_back(task_from_row(statement));
  statement.reset();
  return found;
}

}  // namespace

std::vector<Agent> SqliteStore::load_routing_agents(std::optional<Id> only) {
  std::vector<Agent> agents;
  Statement& select = db_.prepare(
      only ? "SELECT id, username, display_name, role, state, state_reason, state_since,"
             " chat_capacity, email_capacity, language, last_task_end_at FROM agents WHERE id = ?"
           : "SELECT id, username, display_name, role, state, state_reason, state_since,"
             " chat_capacity, email_capacity, language, last_task_end_at FROM agents ORDER BY id");
  if (only) select.bind(1, *only);
  while (select.step()) {
    Agent a;
    a.id = select.column_int(0);
    a.username = select.column_text(1);
    a.display_name = select.column_text(2);
    a.role = enum_from_name<care::Role>(select.column_text(3)).value_or(care::Role::agent);
    a.state.presence =
        enum_from_name<Presence>(select.column_text(4)).value_or(Presence::not_ready);
    a.state.reason = select.column_text(5);
    a.state.since = time_from_unix_ms(select.column_int(6));
    a.capacity =
        Capacity{static_cast<int>(select.column_int(7)), static_cast<int>(select.column_int(8))};
    a.language = select.column_text(9);
    a.last_task_end = optional_time(select, 10);
    agents.push_back(std::move(a));
  }
  select.reset();
  for (Agent& a : agents) {
    Statement& queues =
        db_.prepare("SELECT queue_id FROM agent_queues WHERE agent_id = ? ORDER BY queue_id");
    queues.bind(1, a.id);
    while (queues.step())
      a.queues.push_back(queues.column_int(0));
    queues.reset();
    Statement& skills = db_.prepare(
        "SELECT s.name FROM agent_skills x JOIN skills s ON s.id = x.skill_id"
        " WHERE x.agent_id = ? ORDER BY s.name");
    skills.bind(1, a.id);
    while (skills.step())
      a.skills.push_back(skills.column_text(0));
    skills.reset();
  }
  return agents;
}

std::vector<Agent> SqliteStore::routing_agents() {
  std::lock_guard lock(mutex_);
  return load_routing_agents(std::nullopt);
}

std::optional<Agent> SqliteStore::routing_agent(Id id) {
  // A read beside the writer: the router asks after every state change, and waiting
  // here for the next group commit's fsync (holding the router's lock) made a floor
  // going Ready queue one commit per agent (issue 15). Inside a unit of work it reads
  // on the writer's connection, as before.
  Reading reading(*this);
  auto agents = load_routing_agents(id);
  if (agents.empty()) return std::nullopt;
  return agents.front();
}

void SqliteStore::set_agent_last_task_end(Id agent, Time at) {
  std::lock_guard lock(mutex_);
  db_.prepare("UPDATE agents SET last_task_end_at = ? WHERE id = ?")
      .bind(1, unix_ms(at))
      .bind(2, agent)
      .run();
}

Id SqliteStore::skill_id(const std::string& name) {
  db_.prepare("INSERT INTO skills(name) VALUES (?) ON CONFLICT(name) DO NOTHING")
      .bind(1, name)
      .run();
  Statement& select = db_.prepare("SELECT id FROM skills WHERE name = ?");
  select.bind(1, name);
  select.step();
  Id id = select.column_int(0);
  select.reset();
  return id;
}

void SqliteStore::set_agent_routing(Id agent, const std::vector<Id>& queues,
                                    const std::vector<std::string>& skills, Capacity capacity) {
  std::lock_guard lock(mutex_);
  db_.transaction([&] {
    db_.prepare("DELETE FROM agent_queues WHERE agent_id = ?").bind(1, agent).run();
    for (Id queue : queues) {
      db_.prepare("INSERT INTO agent_queues(agent_id, queue_id) VALUES (?, ?)")
          .bind(1, agent)
          .bind(2, queue)
          .run();
    }
    db_.prepare("DELETE FROM agent_skills WHERE agent_id = ?").bind(1, agent).run();
    for (const std::string& skill : skills) {
      db_.prepare("INSERT OR IGNORE INTO agent_skills(agent_id, skill_id) VALUES (?, ?)")
          .bind(1, agent)
          .bind(2, skill_id(skill))
          .run();
    }
    db_.prepare("UPDATE agents SET chat_capacity = ?, email_capacity = ? WHERE id = ?")
        .bind(1, capacity.chats)
        .bind(2, capacity.emails)
        .bind(3, agent)
        .run();
  });
}

Queue SqliteStore::create_queue(const Queue& queue) {
  std::lock_guard lock(mutex_);
  Queue created = queue;
  db_.transaction([&] {
    db_.prepare(
           "INSERT INTO queues(name, priority, target_wait_ms, target_waiting, labels,"
           " default_for) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, queue.name)
        .bind(2, queue.priority)
        .bind(3, queue.targets.longest_wait.count())
        .bind(4, queue.targets.waiting)
        .bind(5, labels_json(queue.labels))
        .bind(6, channels_json(queue.default_for))
        .run();
    created.id = db_.last_insert_id();
    for (const std::string& skill : queue.required_skills) {
      db_.prepare("INSERT OR IGNORE INTO queue_skills(queue_id, skill_id) VALUES (?, ?)")
          .bind(1, created.id)
          .bind(2, skill_id(skill))
          .run();
    }
  });
  return created;
}

std::vector<Queue> SqliteStore::queues() {
  std::lock_guard lock(mutex_);
  std::vector<Queue> found;
  Statement& select = db_.prepare(
      "SELECT id, name, priority, target_wait_ms, target_waiting, labels, default_for"
      " FROM queues ORDER BY id");
  while (select.step()) {
    Queue q;
    q.id = select.column_int(0);
    q.name = select.column_text(1);
    q.priority = static_cast<int>(select.column_int(2));
    q.targets.longest_wait = Duration(select.column_int(3));
    q.targets.waiting = static_cast<int>(select.column_int(4));
    q.labels = labels_from(select.column_text(5));
    q.default_for = channels_from(select.column_text(6));
    found.push_back(std::move(q));
  }
  select.reset();
  for (Queue& q : found) {
    Statement& skills = db_.prepare(
        "SELECT s.name FROM queue_skills x JOIN skills s ON s.id = x.skill_id"
        " WHERE x.queue_id = ? ORDER BY s.name");
    skills.bind(1, q.id);
    while (skills.step())
      q.required_skills.push_back(skills.column_text(0));
    skills.reset();
  }
  return found;
}

bool SqliteStore::set_queue_targets(Id queue, const QueueTargets& targets) {
  std::lock_guard lock(mutex_);
  db_.prepare("UPDATE queues SET target_wait_ms = ?, target_waiting = ? WHERE id = ?")
      .bind(1, targets.longest_wait.count())
      .bind(2, targets.waiting)
      .bind(3, queue)
      .run();
  return db_.changes() > 0;
}

bool SqliteStore::set_queue_labels(Id queue, const Labels& labels) {
  std::lock_guard lock(mutex_);
  db_.prepare("UPDATE queues SET labels = ? WHERE id = ?")
      .bind(1, labels_json(labels))
      .bind(2, queue)
      .run();
  return db_.changes() > 0;
}

bool SqliteStore::set_queue_default_for(Id queue, const std::vector<Channel>& channels) {
  std::lock_guard lock(mutex_);
  db_.prepare("UPDATE queues SET default_for = ? WHERE id = ?")
      .bind(1, channels_json(channels))
      .bind(2, queue)
      .run();
  return db_.changes() > 0;
}

std::vector<WrapUpCode> SqliteStore::wrap_up_codes() {
  std::lock_guard lock(mutex_);
  std::vector<WrapUpCode> codes;
  Statement& select =
      db_.prepare("SELECT code, label, labels, active FROM wrap_up_codes ORDER BY rowid");
  while (select.step()) {
    codes.push_back(WrapUpCode{select.column_text(0), select.column_text(1),
                               labels_from(select.column_text(2)), select.column_int(3) != 0});
  }
  select.reset();
  return codes;
}

namespace {

// Adds or replaces one entry of a code list (wrap-up codes, Not Ready reasons), keeping
// its place (rowid) when it exists. True when added.
bool put_list_entry(Database& db, const char* table, const std::string& code,
                    const std::string& label, const Labels& labels, bool active) {
  bool added = false;
  db.transaction([&] {
    const std::string update =
        std::string("UPDATE ") + table + " SET label = ?, labels = ?, active = ? WHERE code = ?";
    db.prepare(update)
        .bind(1, label)
        .bind(2, labels_json(labels))
        .bind(3, active ? 1 : 0)
        .bind(4, code)
        .run();
    if (db.changes() > 0) return;
    const std::string insert =
        std::string("INSERT INTO ") + table + "(code, label, labels, active) VALUES (?, ?, ?, ?)";
    db.prepare(insert)
        .bind(1, code)
        .bind(2, label)
        .bind(3, labels_json(labels))
        .bind(4, active ? 1 : 0)
        .run();
    added = true;
  });
  return added;
}

}  // namespace

bool SqliteStore::put_wrap_up_code(const WrapUpCode& code) {
  std::lock_guard lock(mutex_);
  return put_list_entry(db_, "wrap_up_codes", code.code, code.label, code.labels, code.active);
}

std::vector<NotReadyReason> SqliteStore::not_ready_reasons() {
  std::lock_guard lock(mutex_);
  std::vector<NotReadyReason> reasons;
  Statement& select =
      db_.prepare("SELECT code, label, labels, active FROM not_ready_reasons ORDER BY rowid");
  while (select.step()) {
    reasons.push_back(NotReadyReason{select.column_text(0), select.column_text(1),
                                     labels_from(select.column_text(2)),
                                     select.column_int(3) != 0});
  }
  select.reset();
  return reasons;
}

bool SqliteStore::put_not_ready_reason(const NotReadyReason& reason) {
  std::lock_guard lock(mutex_);
  return put_list_entry(db_, "not_ready_reasons", reason.code, reason.label, reason.labels,
                        reason.active);
}

Task SqliteStore::create_task(Task task) {
  std::lock_guard lock(mutex_);
  db_.transaction([&] {
    db_.prepare(
           "INSERT INTO tasks(activity_id, queue_id, channel, state, skills, enqueued_at,"
           " agent_id, offer_deadline, assigned_at, closed_at, version)"
           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")
        .bind(1, task.activity)
        .bind(2, task.queue)
        .bind(3, enum_name(task.channel))
        .bind(4, enum_name(task.state))
        .bind(5, Json(task.skills).dump())
        .bind(6, unix_ms(task.waiting_since))
        .bind(7, task.agent)
        .bind(8, optional_ms(task.offer_deadline))
        .bind(9, optional_ms(task.assigned_at))
        .bind(10, optional_ms(task.closed_at))
        .run();
    task.id = db_.last_insert_id();
    task.version = 1;
    audit(std::nullopt, "create", "task", task.id, "{}", unix_ms(task.waiting_since));
  });
  return task;
}

std::optional<Task> SqliteStore::task(Id id) {
  std::lock_guard lock(mutex_);
  Statement& select =
      db_.prepare(std::string("SELECT ") + kTaskColumns + " FROM tasks WHERE id = ?");
  select.bind(1, id);
  auto found = tasks_from(select);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<Task> SqliteStore::task_of_activity(Id activity) {
  std::lock_guard lock(mutex_);
  Statement& select = db_.prepare(std::string("SELECT ") + kTaskColumns +
                                  " FROM tasks WHERE activity_id = ? ORDER BY id DESC LIMIT 1");
  select.bind(1, activity);
  auto found = tasks_from(select);
  if (found.empty()) return std::nullopt;
  return found.front();
}

bool SqliteStore::save_task(const Task& task, Version edited, Id actor) {
  std::lock_guard lock(mutex_);
  return db_.transaction([&] {
    db_.prepare(
           "UPDATE tasks SET queue_id = ?, state = ?, skills = ?, enqueued_at = ?, agent_id = ?,"
           " offer_deadline = ?, assigned_at = ?, closed_at = ?, version = ?"
           " WHERE id = ? AND version = ?")
        .bind(1, task.queue)
        .bind(2, enum_name(task.state))
        .bind(3, Json(task.skills).dump())
        .bind(4, unix_ms(task.waiting_since))
        .bind(5, task.agent)
        .bind(6, optional_ms(task.offer_deadline))
        .bind(7, optional_ms(task.assigned_at))
        .bind(8, optional_ms(task.closed_at))
        .bind(9, task.version)
        .bind(10, task.id)
        .bind(11, edited)
        .run();
    if (db_.changes() == 0) return false;
    Time at = task.closed_at        ? *task.closed_at
              : task.assigned_at    ? *task.assigned_at
              : task.offer_deadline ? *task.offer_deadline
                                    : task.waiting_since;
    audit(nullable_id(actor), enum_name(task.state), "task", task.id,
          Json{{"agent", task.agent ? Json(*task.agent) : Json(nullptr)}}.dump(), unix_ms(at));
    return true;
  });
}

std::vector<Task> SqliteStore::open_tasks() {
  std::lock_guard lock(mutex_);
  Statement& select = db_.prepare(std::string("SELECT ") + kTaskColumns +
                                  " FROM tasks WHERE state <> 'closed' ORDER BY id");
  return tasks_from(select);
}

std::vector<Task> SqliteStore::closed_tasks_of(Id agent, int limit) {
  std::lock_guard lock(mutex_);
  Statement& select = db_.prepare(std::string("SELECT ") + kTaskColumns +
                                  " FROM tasks WHERE agent_id = ? AND state = 'closed'"
                                  " ORDER BY closed_at DESC, id DESC LIMIT ?");
  select.bind(1, agent).bind(2, limit);
  return tasks_from(select);
}

std::optional<Store::AgentHands> SqliteStore::agent_hands(Id agent) {
  // One node writes a SQLite file, and a unit of work holds its writer: nothing to lock.
  std::lock_guard lock(mutex_);
  Statement& row =
      db_.prepare("SELECT state, chat_capacity, email_capacity FROM agents WHERE id = ?");
  row.bind(1, agent);
  if (!row.step()) {
    row.reset();
    return std::nullopt;
  }
  AgentHands hands;
  hands.presence = enum_from_name<Presence>(row.column_text(0)).value_or(Presence::not_ready);
  hands.capacity =
      Capacity{static_cast<int>(row.column_int(1)), static_cast<int>(row.column_int(2))};
  row.reset();
  Statement& select = db_.prepare(std::string("SELECT ") + kTaskColumns +
                                  " FROM tasks WHERE agent_id = ?"
                                  " AND state IN ('offered', 'assigned') ORDER BY id");
  select.bind(1, agent);
  hands.tasks = tasks_from(select);
  return hands;
}

}  // namespace care::server::store
