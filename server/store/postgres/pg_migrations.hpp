#pragma once

#include <vector>

#include "store/migrations.hpp"
#include "store/postgres/pg_connection.hpp"

namespace care::server::store::pg {

// The numbered files in server/store/postgres/migrations/: the same numbers and
// meaning as SQLite's, in PostgreSQL's words.
const std::vector<Migration>& migrations();

// Applies every migration newer than the database's, all in one transaction under an
// advisory lock (nodes starting together migrate once). Refuses a database written by
// a newer server. Returns the version the database is at afterwards.
int apply_migrations(Connection& connection);

}  // namespace care::server::store::pg
