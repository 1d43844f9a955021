// PostgresStore: the event log across nodes (issue 17; migration 0018).
#include "store/postgres/postgres_store.hpp"

namespace care::server::store {

std::int64_t PostgresStore::append_event(std::string_view type, std::string_view data,
                                         std::string_view audience) {
  // care_append_event takes the events' own advisory lock before the id, so ids commit
  // in order; not the write lock, so a typing indicator never waits behind a change.
  const std::string sql = "SELECT care_append_event($1, $2, $3)";
  if (Unit* unit = unit_here()) {
    return in_unit(*unit, [&](pg::Connection& db) {
      return db.query(sql, type, data, audience).integer(0, 0);
    });
  }
  auto lease = pool_.acquire();
  return lease->query(sql, type, data, audience).integer(0, 0);
}

std::int64_t PostgresStore::last_event_id() {
  return read([&](pg::Connection& db) {
    return db.query("SELECT COALESCE(MAX(id), 0) FROM events").integer(0, 0);
  });
}

void PostgresStore::prune_events(std::int64_t keep_ms) {
  auto lease = pool_.acquire();
  lease->query(
      "DELETE FROM events WHERE id < (SELECT MAX(id) FROM events)"
      " AND at < (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT - $1",
      keep_ms);
}

}  // namespace care::server::store
