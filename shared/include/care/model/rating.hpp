#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "care/model/common.hpp"

namespace care {

// Customer satisfaction (issue 18): once a chat has ended, its customer rates it once,
// 1 (poor) to 5 (excellent), with a comment if they like. The agent sees it with the
// activity; the floor averages a queue's over the shift.
inline constexpr int kLowestRating = 1;
inline constexpr int kHighestRating = 5;
inline constexpr std::size_t kRatingCommentLimit = 1000;

struct RatingDraft {  // POST /api/channels/chat/{id}/rating, by the chat's widget
  int score = 0;
  std::string comment;
  bool operator==(const RatingDraft&) const = default;
};

struct Rating {
  int score = 0;
  std::string comment;
  Time at{};
  bool operator==(const Rating&) const = default;
};

// A queue's ratings over a period: how many, and their scores summed.
struct RatingSummary {
  std::int64_t count = 0;
  std::int64_t total = 0;
  // nullopt when nobody rated (no figure, rather than 0).
  std::optional<double> average() const {
    if (count == 0) return std::nullopt;
    return static_cast<double>(total) / static_cast<double>(count);
  }
  bool operator==(const RatingSummary&) const = default;
};

}  // namespace care
