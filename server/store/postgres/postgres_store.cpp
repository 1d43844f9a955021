#include "store/postgres/postgres_store.hpp"

#include <algorithm>
#include <utility>

#include "store/postgres/pg_migrations.hpp"

namespace care::server::store {
namespace {

// How long health() waits for a connection before it reports the database unreachable.
constexpr int kProbeTimeoutSeconds = 3;

}  // namespace

struct PostgresStore::Unit {
  const PostgresStore* store;
  pg::Pool::Lease lease;
  int depth = 1;
  bool doomed = false;
  bool holds_events = false;  // appended an event: holds the events' lock exclusively
};

namespace {

// The units of work this thread has open, one per store at most (a thread may use
// several stores: tests run servers side by side).
std::vector<std::unique_ptr<PostgresStore::Unit>>& units() {
  thread_local std::vector<std::unique_ptr<PostgresStore::Unit>> mine;
  return mine;
}

}  // namespace

PostgresStore::PostgresStore(const std::string& conninfo, int connections)
    : pool_(conninfo, std::max(connections, 2)) {
  auto lease = pool_.acquire();
  schema_version_ = pg::apply_migrations(*lease);
}

PostgresStore::~PostgresStore() = default;

StoreHealth PostgresStore::health() {
  StoreHealth health{"postgresql", true, storage_.full(), storage_.refused_writes()};
  std::lock_guard lock(probe_mutex_);
  try {
    if (!probe_ || !probe_->alive())
      probe_ = std::make_unique<pg::Connection>(pool_.conninfo(), kProbeTimeoutSeconds);
    probe_->exec("SELECT 1");
  } catch (const StoreError&) {
    probe_.reset();
    health.reachable = false;
  }
  return health;
}

PostgresStore::Unit* PostgresStore::unit_here() const {
  for (auto& unit : units()) {
    if (unit->store == this) return unit.get();
  }
  return nullptr;
}

pg::Connection& PostgresStore::unit_connection(Unit& unit) {
  return *unit.lease;
}

void PostgresStore::doom(Unit& unit) {
  unit.doomed = true;
}

void PostgresStore::hold_events(Unit& unit) {
  unit.holds_events = true;
}

bool PostgresStore::holds_events_here() const {
  const Unit* unit = unit_here();
  return unit && unit->holds_events;
}

void PostgresStore::lock_key(pg::Connection& db, KeyKind kind, std::string_view key) {
  // Two int4 halves: the kind, and the key's hash (two keys sharing a hash only wait
  // for each other needlessly).
  db.query("SELECT pg_advisory_xact_lock($1::INTEGER, hashtext($2))",
           static_cast<std::int64_t>(kind), key);
}

void PostgresStore::begin_work() {
  if (Unit* unit = unit_here()) {
    ++unit->depth;
    return;
  }
  auto lease = pool_.acquire();
  lease->exec("BEGIN");
  units().push_back(std::make_unique<Unit>(Unit{this, std::move(lease)}));
}

namespace {

std::unique_ptr<PostgresStore::Unit> take(const PostgresStore* store) {
  auto& open = units();
  auto found = std::find_if(open.begin(), open.end(),
                            [&](const auto& unit) { return unit->store == store; });
  std::unique_ptr<PostgresStore::Unit> unit = std::move(*found);
  open.erase(found);
  return unit;
}

}  // namespace

void PostgresStore::commit_work() {
  Unit* unit = unit_here();
  if (!unit) throw StoreError("commit: no unit of work is open");
  if (--unit->depth > 0) return;
  auto ended = take(this);  // the connection goes back to the pool however this ends
  if (ended->doomed) {
    try {
      ended->lease->exec("ROLLBACK");
    } catch (const StoreError&) {
      // Lost with the connection: nothing was written either way.
    }
    throw StoreError("commit: a nested unit of work gave up, so nothing was written");
  }
  try {
    ended->lease->exec("COMMIT");
    storage_.committed();
  } catch (const StorageFull& full) {
    storage_.refused(full.what());
    try {
      ended->lease->exec("ROLLBACK");
    } catch (const StoreError&) {
    }
    throw;
  } catch (...) {
    try {
      ended->lease->exec("ROLLBACK");
    } catch (const StoreError&) {
    }
    throw;
  }
}

void PostgresStore::abandon_work() noexcept {
  Unit* unit = unit_here();
  if (!unit) return;
  if (--unit->depth > 0) {
    unit->doomed = true;
    return;
  }
  auto ended = take(this);
  try {
    ended->lease->exec("ROLLBACK");
  } catch (...) {
    // The connection is gone: the server rolled back, and the pool drops it.
  }
}

void PostgresStore::audit(pg::Connection& db, std::optional<std::int64_t> actor_id,
                          std::string_view action, std::string_view record_type,
                          std::int64_t record_id, std::string_view detail_json,
                          std::int64_t now_ms) {
  db.query(
      "INSERT INTO audit(at, actor_id, action, record_type, record_id, detail)"
      " VALUES ($1, $2, $3, $4, $5, $6)",
      now_ms, actor_id, action, record_type, record_id, detail_json);
}

}  // namespace care::server::store
