#pragma once
// Small conversions between SQLite rows and the shared model, for the store's files.
#include <optional>
#include <string>
#include <string_view>

#include "care/model/common.hpp"
#include "store/database.hpp"

namespace care::server::store {

inline std::optional<Id> optional_id(const Statement& row, int column) {
  if (row.column_is_null(column)) return std::nullopt;
  return row.column_int(column);
}

inline std::optional<Time> optional_time(const Statement& row, int column) {
  if (row.column_is_null(column)) return std::nullopt;
  return time_from_unix_ms(row.column_int(column));
}

inline std::optional<std::int64_t> optional_ms(const std::optional<Time>& time) {
  if (!time) return std::nullopt;
  return unix_ms(*time);
}

// Id 0 means "nobody" (the server itself) in the model, NULL in the database.
inline std::optional<Id> nullable_id(Id id) {
  if (id == 0) return std::nullopt;
  return id;
}

// The digits of a phone number: what phone search and matching compare.
std::string phone_key(std::string_view phone);

}  // namespace care::server::store
