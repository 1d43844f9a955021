#include "store/sqlite_store.hpp"

#include <unistd.h>

#include <filesystem>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

#include "store/migrations.hpp"

namespace care::server::store {
namespace {

// The read connection each store lent this thread (a thread may use several stores:
// tests run servers side by side).
thread_local std::vector<std::pair<const SqliteStore*, Database*>> t_reading;

}  // namespace

std::string_view role_name(Role role) {
  switch (role) {
    case Role::Supervisor:
      return "supervisor";
    case Role::Admin:
      return "admin";
    case Role::Agent:
      break;
  }
  return "agent";
}

std::optional<Role> role_from_name(std::string_view name) {
  if (name == "agent") return Role::Agent;
  if (name == "supervisor") return Role::Supervisor;
  if (name == "admin") return Role::Admin;
  return std::nullopt;
}

SqliteStore::SqliteStore(const std::string& path, int read_connections) : writer_(path) {
  schema_version_ = apply_migrations(writer_);
  const bool in_memory = path == ":memory:" || path.empty();
  attachments_dir_ = (in_memory ? std::filesystem::temp_directory_path() /
                                      ("care-attachments-" + std::to_string(::getpid()))
                                : std::filesystem::path(path).parent_path() / "attachments")
                         .string();
  // Opened once the schema is final. An in-memory database is one per connection.
  if (read_connections > 0 && path != ":memory:" && !path.empty())
    readers_ = std::make_unique<ReadPool>(path, read_connections);
}

StoreHealth SqliteStore::health() {
  // The file is always there to read; room for writes is what can run out.
  return StoreHealth{"sqlite", true, storage().full(), storage().refused_writes()};
}

SqliteStore::Reading::Reading(SqliteStore& store) : store_(store) {
  if (store_.mutex_.held_here()) return;  // reads join this thread's write or unit
  for (const auto& [owner, db] : t_reading) {
    if (owner == &store_) return;  // nested in another read of this thread
  }
  if (!store_.readers_) {
    writer_ = std::unique_lock(store_.mutex_);
    return;
  }
  reader_ = &store_.readers_->acquire();
  t_reading.emplace_back(&store_, reader_);
}

SqliteStore::Reading::~Reading() {
  if (!reader_) return;
  for (auto it = t_reading.begin(); it != t_reading.end(); ++it) {
    if (it->first == &store_) {
      t_reading.erase(it);
      break;
    }
  }
  store_.readers_->release(*reader_);
}

Database& SqliteStore::Connection::current() const {
  if (store_.mutex_.held_here()) return store_.writer_;
  for (const auto& [owner, db] : t_reading) {
    if (owner == &store_) return *db;
  }
  throw StoreError("the store was used without its lock or a read connection");
}

std::int64_t SqliteStore::limit_pages(std::int64_t max_pages) {
  std::lock_guard lock(mutex_);
  auto pragma = [&](const std::string& sql) {
    Statement& statement = db_.prepare(sql);
    std::int64_t value = statement.step() ? statement.column_int(0) : 0;
    statement.reset();
    return value;
  };
  // SQLite reads 0 as "tell me", so "as it is now" is spelled out.
  if (max_pages <= 0) max_pages = pragma("PRAGMA page_count");
  return pragma("PRAGMA max_page_count = " + std::to_string(max_pages));
}

void SqliteStore::begin_work() {
  mutex_.lock();
  try {
    db_.begin();
  } catch (...) {
    mutex_.unlock();
    throw;
  }
}

void SqliteStore::commit_work() {
  // Unlocks even when the commit fails: the unit is over either way.
  std::lock_guard adopt(mutex_, std::adopt_lock);
  db_.commit();
}

void SqliteStore::abandon_work() noexcept {
  db_.rollback();
  mutex_.unlock();
}

std::vector<std::pair<const SqliteStore*, std::unique_ptr<SqliteStore::Reading>>>&
SqliteStore::held_together() {
  thread_local std::vector<std::pair<const SqliteStore*, std::unique_ptr<Reading>>> held;
  return held;
}

void SqliteStore::begin_reads() {
  auto reading = std::make_unique<Reading>(*this);
  // One read transaction for all the reads to come: one snapshot, one lock of the WAL.
  // (Prepared once per connection: sqlite3_exec would compile it every time.)
  if (Database* lent = reading->lent()) lent->prepare("BEGIN").run();
  held_together().emplace_back(this, std::move(reading));
}

void SqliteStore::end_reads() noexcept {
  auto& held = held_together();
  for (auto it = held.rbegin(); it != held.rend(); ++it) {
    if (it->first != this) continue;
    held.erase(std::next(it).base());  // the Reading's release ends the transaction
    return;
  }
}

void SqliteStore::audit(std::optional<std::int64_t> actor_id, std::string_view action,
                        std::string_view record_type, std::int64_t record_id,
                        std::string_view detail_json, std::int64_t now_ms) {
  db_.prepare(
         "INSERT INTO audit(at, actor_id, action, record_type, record_id, detail)"
         " VALUES (?, ?, ?, ?, ?, ?)")
      .bind(1, now_ms)
      .bind(2, actor_id)
      .bind(3, action)
      .bind(4, record_type)
      .bind(5, record_id)
      .bind(6, detail_json)
      .run();
}

}  // namespace care::server::store
