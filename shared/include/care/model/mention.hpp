#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "care/model/comment.hpp"
#include "care/model/common.hpp"

namespace care {

// Internal notes with @mentions (issue 18). A note is an activity's comment (R-C5):
// agents only, never shown to the customer. Each agent it names with "@" gets one
// mention: an event on their stream at once, or, while they are away, an unread entry
// they find at their next sign-in.
inline constexpr std::size_t kMaxMentionsPerNote = 10;

struct Mention {
  Id id = 0;
  Id agent = 0;               // who was mentioned
  Comment note;               // what was written, by whom, on which activity
  std::optional<Id> request;  // the activity's request, to open the record with
  bool read = false;
  bool operator==(const Mention&) const = default;
};

// GET /api/mentions
struct MentionList {
  std::vector<Mention> mentions;
  std::int64_t unread = 0;
  bool operator==(const MentionList&) const = default;
};

}  // namespace care
