#include "care/model/journey.hpp"

#include <charconv>

#include "care/time.hpp"

namespace care {
namespace {

// A whole decimal number, nothing before or after it.
template <class T>
std::optional<T> whole_number(std::string_view text) {
  T value{};
  const char* end = text.data() + text.size();
  auto [stop, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || stop != end) return std::nullopt;
  return value;
}

Error bad_cursor() {
  return make_error(ErrorCode::invalid, "cursor",
                    "cursor: not one this server gave; pass the next_cursor of the page before");
}

}  // namespace

// "<created ms>.<id>": short, and exact to the millisecond the store keeps.
std::string encode_journey_cursor(const JourneyCursor& cursor) {
  return std::to_string(unix_ms(cursor.created_at)) + "." + std::to_string(cursor.id);
}

Result<JourneyCursor> decode_journey_cursor(std::string_view text) {
  if (text.size() > 64) return bad_cursor();
  auto dot = text.find('.');
  if (dot == std::string_view::npos) return bad_cursor();
  auto created = whole_number<std::int64_t>(text.substr(0, dot));
  auto id = whole_number<Id>(text.substr(dot + 1));
  if (!created || !id || *id <= 0) return bad_cursor();
  Time at = time_from_unix_ms(*created);
  if (at < kEarliestTime || at > kLatestTime) return bad_cursor();
  return JourneyCursor{at, *id};
}

Result<int> journey_page_limit(std::string_view text) {
  if (text.empty()) return kJourneyPageDefault;
  auto limit = whole_number<int>(text);
  if (!limit || *limit < 1 || *limit > kJourneyPageMax) {
    return make_error(ErrorCode::invalid, "limit",
                      "limit: a whole number from 1 to " + std::to_string(kJourneyPageMax));
  }
  return *limit;
}

bool is_after(const JourneyEntry& entry, const JourneyCursor& cursor) {
  return entry.created_at < cursor.created_at ||
         (entry.created_at == cursor.created_at && entry.id < cursor.id);
}

JourneyCursor cursor_at(const JourneyEntry& entry) {
  return {entry.created_at, entry.id};
}

}  // namespace care
