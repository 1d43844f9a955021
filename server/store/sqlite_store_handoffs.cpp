// SqliteStore: transfer and consult (issue 18), one line per hand-on, invitation or
// leaving of a chat.
#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"

namespace care::server::store {

Handoff SqliteStore::add_handoff(Handoff handoff) {
  std::lock_guard lock(mutex_);
  db_.transaction([&] {
    db_.prepare(
           "INSERT INTO handoffs(activity_id, task_id, kind, by_agent, by_name, to_agent,"
           " to_agent_name, to_queue, to_queue_name, note, at)"
           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, handoff.activity)
        .bind(2, nullable_id(handoff.task))
        .bind(3, enum_name(handoff.kind))
        .bind(4, nullable_id(handoff.by))
        .bind(5, handoff.by_name)
        .bind(6, handoff.to_agent)
        .bind(7, handoff.to_agent_name)
        .bind(8, handoff.to_queue)
        .bind(9, handoff.to_queue_name)
        .bind(10, handoff.note)
        .bind(11, unix_ms(handoff.at))
        .run();
    handoff.id = db_.last_insert_id();
    touch_activity(handoff.activity, handoff.at);
  });
  return handoff;
}

std::vector<Handoff> SqliteStore::handoffs_of(Id activity) {
  Reading reading(*this);
  Statement& select = db_.prepare(
      "SELECT id, activity_id, task_id, kind, by_agent, by_name, to_agent, to_agent_name,"
      " to_queue, to_queue_name, note, at FROM handoffs WHERE activity_id = ? ORDER BY id");
  select.bind(1, activity);
  std::vector<Handoff> found;
  while (select.step()) {
    Handoff h;
    h.id = select.column_int(0);
    h.activity = select.column_int(1);
    h.task = optional_id(select, 2).value_or(0);
    h.kind = enum_from_name<HandoffKind>(select.column_text(3)).value_or(HandoffKind::transfer);
    h.by = optional_id(select, 4).value_or(0);
    h.by_name = select.column_text(5);
    h.to_agent = optional_id(select, 6);
    h.to_agent_name = select.column_text(7);
    h.to_queue = optional_id(select, 8);
    h.to_queue_name = select.column_text(9);
    h.note = select.column_text(10);
    h.at = time_from_unix_ms(select.column_int(11));
    found.push_back(std::move(h));
  }
  select.reset();
  return found;
}

std::vector<Id> SqliteStore::consulted_tasks(Id agent) {
  Reading reading(*this);
  Statement& select = db_.prepare(
      "SELECT DISTINCT h.task_id FROM handoffs h JOIN tasks t ON t.id = h.task_id"
      " WHERE h.to_agent = ? AND h.kind = 'consult' AND t.state = 'assigned'"
      " AND NOT EXISTS (SELECT 1 FROM handoffs l WHERE l.task_id = h.task_id"
      "   AND l.to_agent = h.to_agent AND l.kind = 'consult_left' AND l.id > h.id)"
      " ORDER BY h.task_id");
  select.bind(1, agent);
  std::vector<Id> found;
  while (select.step())
    found.push_back(select.column_int(0));
  select.reset();
  return found;
}

}  // namespace care::server::store
