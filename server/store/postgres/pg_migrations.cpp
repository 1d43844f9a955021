#include "store/postgres/pg_migrations.hpp"

#include <string>

namespace care::server::store::pg {
namespace {

// pg_advisory_xact_lock key for migrating ('care' 'migr').
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(7161677110772622706)";

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
#include "postgres_migrations.inc"
  };
  return all;
}

int apply_migrations(Connection& connection) {
  Transaction transaction(connection);
  connection.exec(kMigrationLock);
  connection.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version BIGINT PRIMARY KEY, name TEXT NOT NULL,"
      " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
  Result current = connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  int version = static_cast<int>(current.integer(0, 0));
  int newest = migrations().empty() ? 0 : migrations().back().version;
  if (version > newest) {
    throw StoreError("the database is at schema version " + std::to_string(version) +
                     " but this server knows only up to " + std::to_string(newest));
  }
  for (const Migration& migration : migrations()) {
    if (migration.version <= version) continue;
    connection.exec(migration.sql);
    connection.query("INSERT INTO schema_migrations(version, name) VALUES ($1, $2)",
                     migration.version, migration.name);
    version = migration.version;
  }
  transaction.commit();
  return version;
}

}  // namespace care::server::store::pg
