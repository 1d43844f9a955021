#pragma once
// Small conversions between PostgreSQL rows and the shared model, for the store's files
// (as store/sqlite_rows.hpp for SQLite).
#include <optional>

#include "care/model/common.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/sqlite_rows.hpp"

namespace care::server::store::pg {

inline std::optional<Id> optional_id(const Result& rows, int row, int column) {
  return rows.optional_integer(row, column);
}

inline std::optional<Time> optional_time(const Result& rows, int row, int column) {
  if (rows.is_null(row, column)) return std::nullopt;
  return time_from_unix_ms(rows.integer(row, column));
}

inline Time time_at(const Result& rows, int row, int column) {
  return time_from_unix_ms(rows.integer(row, column));
}

}  // namespace care::server::store::pg

namespace care::server::store {

// A message, call event or handoff is a change of the activity (R-C3 counts it, and a
// desktop showing it reloads), but not an edit: the version stays.
void touch_activity(pg::Connection& db, Id activity, Time at);

}  // namespace care::server::store
