// PostgresStore: transfer and consult (issue 18), as SqliteStore's handoffs file.
#include "store/postgres/pg_rows.hpp"
#include "store/postgres/postgres_store.hpp"

namespace care::server::store {

Handoff PostgresStore::add_handoff(Handoff handoff) {
  return write([&](pg::Connection& db) {
    pg::Result inserted = db.query(
        "INSERT INTO handoffs(activity_id, task_id, kind, by_agent, by_name, to_agent,"
        " to_agent_name, to_queue, to_queue_name, note, at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        handoff.activity, nullable_id(handoff.task), std::string(enum_name(handoff.kind)),
        nullable_id(handoff.by), handoff.by_name, handoff.to_agent, handoff.to_agent_name,
        handoff.to_queue, handoff.to_queue_name, handoff.note, unix_ms(handoff.at));
    handoff.id = inserted.integer(0, 0);
    touch_activity(db, handoff.activity, handoff.at);
    return handoff;
  });
}

std::vector<Handoff> PostgresStore::handoffs_of(Id activity) {
  return read([&](pg::Connection& db) {
    pg::Result rows = db.query(
        "SELECT id, activity_id, task_id, kind, by_agent, by_name, to_agent, to_agent_name,"
        " to_queue, to_queue_name, note, at FROM handoffs WHERE activity_id = $1 ORDER BY id",
        activity);
    std::vector<Handoff> found;
    for (int row = 0; row < rows.rows(); ++row) {
      Handoff h;
      h.id = rows.integer(row, 0);
      h.activity = rows.integer(row, 1);
      h.task = pg::optional_id(rows, row, 2).value_or(0);
      h.kind = enum_from_name<HandoffKind>(rows.text(row, 3)).value_or(HandoffKind::transfer);
      h.by = pg::optional_id(rows, row, 4).value_or(0);
      h.by_name = rows.text(row, 5);
      h.to_agent = pg::optional_id(rows, row, 6);
      h.to_agent_name = rows.text(row, 7);
      h.to_queue = pg::optional_id(rows, row, 8);
      h.to_queue_name = rows.text(row, 9);
      h.note = rows.text(row, 10);
      h.at = time_from_unix_ms(rows.integer(row, 11));
      found.push_back(std::move(h));
    }
    return found;
  });
}

std::vector<Id> PostgresStore::consulted_tasks(Id agent) {
  return read([&](pg::Connection& db) {
    pg::Result rows = db.query(
        "SELECT DISTINCT h.task_id FROM handoffs h JOIN tasks t ON t.id = h.task_id"
        " WHERE h.to_agent = $1 AND h.kind = 'consult' AND t.state = 'assigned'"
        " AND NOT EXISTS (SELECT 1 FROM handoffs l WHERE l.task_id = h.task_id"
        "   AND l.to_agent = h.to_agent AND l.kind = 'consult_left' AND l.id > h.id)"
        " ORDER BY h.task_id",
        agent);
    std::vector<Id> found;
    for (int row = 0; row < rows.rows(); ++row)
      found.push_back(rows.integer(row, 0));
    return found;
  });
}

}  // namespace care::server::store
