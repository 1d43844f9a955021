#include "store/migrations.hpp"

#include <string>

namespace care::server::store {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
#include "migrations.inc"
  };
  return all;
}

int apply_migrations(Database& db) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL"
      " DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
  Statement& current = db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  current.step();
  int version = static_cast<int>(current.column_int(0));
  current.reset();

  int newest = migrations().empty() ? 0 : migrations().back().version;
  if (version > newest) {
    throw StoreError("the database is at schema version " + std::to_string(version) +
                     " but this server knows only up to " + std::to_string(newest));
  }
  // A migration may rebuild a table (SQLite cannot relax NOT NULL in place); with
  // foreign keys on, dropping the old table would cascade-delete its children. So
  // they are off while migrating (it only works outside a transaction), and each
  // migration must leave every reference intact before it may commit.
  db.exec("PRAGMA foreign_keys=OFF");
  for (const Migration& migration : migrations()) {
    if (migration.version <= version) continue;
    db.transaction([&] {
      db.exec(migration.sql);
      Statement& check = db.prepare("PRAGMA foreign_key_check");
      bool broken = check.step();
      check.reset();
      if (broken) {
        throw StoreError("migration " + std::to_string(migration.version) +
                         " would break a foreign key");
      }
      db.prepare("INSERT INTO schema_migrations(version, name) VALUES (?, ?)")
          .bind(1, migration.version)
          .bind(2, migration.name)
          .run();
    });
    version = migration.version;
  }
  db.exec("PRAGMA foreign_keys=ON");
  return version;
}

}  // namespace care::server::store
