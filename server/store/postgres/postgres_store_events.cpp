// PostgresStore: the event log across nodes (issue 17; migration 0018).
#include "store/postgres/postgres_store.hpp"

namespace care::server::store {
namespace {

// One append. Appends take the events' advisory lock ('care' 'evnt') shared, before
// their id and until their transaction ends, so they run at once and commit in any
// order; a reader that finds an id missing below one that committed takes it
// exclusively, which waits for every append that held an id then (see
// PostgresEventLog::read_from). The lock comes from a CTE the INSERT reads from, so it
// is held before the id is taken. (Migration 0018's care_append_event, which took it
// exclusively and held it through its commit's WAL flush, is no longer called.)
constexpr const char* kAppend =
    "WITH appending AS (SELECT pg_advisory_xact_lock_shared($4))"
    " INSERT INTO events(at, type, data, audience)"
    " SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT, $1, $2, $3 FROM appending"
    " RETURNING id";
// Inside a unit of work the lock is taken exclusively and held until the unit ends (as
// every append did before): no other append holds an id meanwhile, so this thread's
// own reads of the log find nothing in flight and need not wait (they could not: the
// wait would be for its own unit).
constexpr const char* kAppendInUnit =
    "WITH appending AS (SELECT pg_advisory_xact_lock($4))"
    " INSERT INTO events(at, type, data, audience)"
    " SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT, $1, $2, $3 FROM appending"
    " RETURNING id";

}  // namespace

std::int64_t PostgresStore::append_event(std::string_view type, std::string_view data,
                                         std::string_view audience) {
  if (Unit* unit = unit_here()) {
    return in_unit(*unit, [&](pg::Connection& db) {
      const std::int64_t id =
          db.query(kAppendInUnit, type, data, audience, kEventsLock).integer(0, 0);
      hold_events(*unit);
      // Sent as the unit commits.
      db.query("SELECT pg_notify($1, $2)", kEventChannel, std::to_string(id));
      return id;
    });
  }
  auto lease = pool_.acquire();
  const std::int64_t id = lease->query(kAppend, type, data, audience, kEventsLock).integer(0, 0);
  // The NOTIFY in a transaction of its own that does not wait for its WAL flush: a
  // notifying commit holds PostgreSQL's one notify lock until it ends, and waiting
  // for the disk under it would make appends commit one fsync after another again.
  // It writes nothing worth keeping (the event committed above, durably); lost, the
  // followers' poll finds the event anyway.
  try {
    lease->query("SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)",
                 kEventChannel, std::to_string(id));
  } catch (const StoreError&) {
  }
  return id;
}

std::int64_t PostgresStore::last_event_id() {
  // Under the events' lock held exclusively: every append that has an id has ended, and
  // none takes one until this reads, so no id below the answer commits after it.
  auto lease = pool_.acquire();
  pg::Transaction transaction(*lease);
  lease->query("SELECT pg_advisory_xact_lock($1)", kEventsLock);
  const std::int64_t last = lease->query("SELECT COALESCE(MAX(id), 0) FROM events").integer(0, 0);
  transaction.commit();
  return last;
}

void PostgresStore::prune_events(std::int64_t keep_ms) {
  auto lease = pool_.acquire();
  lease->query(
      "DELETE FROM events WHERE id < (SELECT MAX(id) FROM events)"
      " AND at < (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT - $1",
      keep_ms);
}

}  // namespace care::server::store
