#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/error.hpp"
#include "care/model/activity.hpp"

namespace care {

// R-D5: one activity as a row of the customer journey shows it, and no more: the
// transcript, context and call events are read when the agent selects the activity
// (GET /api/activities/{id}). The journey is paged newest first (created_at, then id).
struct JourneyEntry {
  Id id = 0;
  MediaType media = MediaType::chat;
  std::optional<Id> request;
  std::string request_title;  // "" when the activity has no request yet
  std::string subject;
  Time created_at{};
  std::optional<Time> closed_at;
  std::vector<std::string> tags;
  std::string wrap_up;
  Version version = 1;  // so a `record.changed` of a row on screen is recognised

  bool operator==(const JourneyEntry&) const = default;
};

// Where the next page starts: after the last row sent. Opaque to clients, who hand
// back the `next_cursor` of the page before.
struct JourneyCursor {
  Time created_at{};
  Id id = 0;

  bool operator==(const JourneyCursor&) const = default;
};

inline constexpr int kJourneyPageDefault = 50;
inline constexpr int kJourneyPageMax = 200;

std::string encode_journey_cursor(const JourneyCursor& cursor);
// Refuses anything encode_journey_cursor did not write (error field "cursor").
Result<JourneyCursor> decode_journey_cursor(std::string_view text);
// `?limit=`: empty is the default; else 1..kJourneyPageMax (error field "limit").
Result<int> journey_page_limit(std::string_view text);

// The page after `cursor` holds rows strictly older in the journey's order.
bool is_after(const JourneyEntry& entry, const JourneyCursor& cursor);
JourneyCursor cursor_at(const JourneyEntry& entry);

}  // namespace care
