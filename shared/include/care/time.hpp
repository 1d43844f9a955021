#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "care/error.hpp"

namespace care {

// Instants are UTC milliseconds: the precision the API and the database keep, so a time
// survives JSON and SQL unchanged. shared/ never reads a clock; callers pass `now` in.
using Duration = std::chrono::milliseconds;
using Time = std::chrono::sys_time<Duration>;

constexpr Time time_from_unix_ms(std::int64_t ms) {
  return Time(Duration(ms));
}
constexpr std::int64_t unix_ms(Time t) {
  return t.time_since_epoch().count();
}

// The range RFC 3339 can write with a four-digit year: 0000-01-01 .. 9999-12-31.
inline constexpr Time kEarliestTime = time_from_unix_ms(-62167219200000);
inline constexpr Time kLatestTime = time_from_unix_ms(253402300799999);

// "2024-05-01T09:30:00.250Z": always UTC, always three fraction digits, so equal
// instants give equal strings. Times outside [kEarliestTime, kLatestTime] are clamped.
std::string format_rfc3339(Time t);

// Accepts RFC 3339 date-times: "T" or "t", an optional fraction of 1..3 digits (finer
// precision would be lost, so it is refused), "Z"/"z" or a "+hh:mm"/"-hh:mm" offset.
// Leap seconds (":60") are refused: the clocks the product deals with never show them.
Result<Time> parse_rfc3339(std::string_view text, std::string_view field = "time");

// A time as a person reads it on a wall clock `offset_minutes` east of UTC (the agent's
// zone, DST included, which the caller knows for that instant): "2026-12-03 18:41".
std::string local_date_time(Time t, int offset_minutes);

// "18:41" when `t` falls on the same local day as `now`, else "2026-12-03 18:41".
std::string local_moment(Time t, int t_offset_minutes, Time now, int now_offset_minutes);

}  // namespace care
