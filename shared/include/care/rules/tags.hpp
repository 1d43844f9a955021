#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "care/error.hpp"

namespace care {

// R-C4: a tag is at most 50 characters, trimmed, not empty, and unique within its
// activity ignoring letter case (so "Ъгъл" and "ЪГЪЛ" are the same tag).
inline constexpr std::size_t kTagLimit = 50;
// Not in SPEC: a bound so one activity cannot grow without end (R-G5 body limits).
inline constexpr std::size_t kMaxTags = 100;

// The tag as it is stored: trimmed, or the error (empty, too long, invalid UTF-8).
Result<std::string> normalize_tag(std::string_view raw, std::string_view field = "tag");

// The activity's tags with `raw` added at the end, or why not: the errors of
// normalize_tag, `duplicate` naming the tag already there, or `too_many`.
Result<std::vector<std::string>> add_tag(const std::vector<std::string>& tags,
                                         std::string_view raw, std::string_view field = "tag");

// The tags without `tag` (matched ignoring case and surrounding space).
std::vector<std::string> remove_tag(const std::vector<std::string>& tags, std::string_view tag);

// A whole list as stored: each tag already normalized, none repeated, at most kMaxTags.
// Errors name the item, e.g. "tags[3]".
Status check_tags(const std::vector<std::string>& tags, std::string_view field = "tags");

}  // namespace care
