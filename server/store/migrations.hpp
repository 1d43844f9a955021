#pragma once

#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace care::server::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// The numbered files in server/store/migrations/, compiled into the binary.
const std::vector<Migration>& migrations();

// Applies every migration newer than the database's, each in its own transaction.
// Refuses a database written by a newer server (it would not understand it).
// Returns the version the database is at afterwards.
int apply_migrations(Database& db);

}  // namespace care::server::store
