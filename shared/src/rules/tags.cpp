#include "care/rules/tags.hpp"

#include <algorithm>

#include "care/case_fold.hpp"
#include "care/text.hpp"

namespace care {

Result<std::string> normalize_tag(std::string_view raw, std::string_view field) {
  if (!is_valid_utf8(raw)) return make_error(ErrorCode::invalid, field, "not valid UTF-8 text");
  std::string tag = trim(raw);
  if (tag.empty()) return make_error(ErrorCode::empty, field, "a tag cannot be empty");
  if (auto limit = check_text(field, tag, kTagLimit); !limit) return limit.error();
  return tag;
}

Result<std::vector<std::string>> add_tag(const std::vector<std::string>& tags,
                                         std::string_view raw, std::string_view field) {
  auto tag = normalize_tag(raw, field);
  if (!tag) return tag.error();
  const std::string folded = fold_case(*tag);
  for (const auto& existing : tags) {
    if (fold_case(existing) == folded) {
      return make_error(ErrorCode::duplicate, field,
                        "the activity already has the tag \"" + existing + "\"");
    }
  }
  if (tags.size() >= kMaxTags) {
    return make_error(ErrorCode::too_many, field,
                      "an activity has at most " + std::to_string(kMaxTags) + " tags");
  }
  std::vector<std::string> result = tags;
  result.push_back(std::move(tag).value());
  return result;
}

std::vector<std::string> remove_tag(const std::vector<std::string>& tags, std::string_view tag) {
  const std::string folded = fold_case(trim(tag));
  std::vector<std::string> result;
  std::copy_if(tags.begin(), tags.end(), std::back_inserter(result),
               [&](const std::string& t) { return fold_case(t) != folded; });
  return result;
}

Status check_tags(const std::vector<std::string>& tags, std::string_view field) {
  if (tags.size() > kMaxTags) {
    return make_error(ErrorCode::too_many, field,
                      "at most " + std::to_string(kMaxTags) + " tags");
  }
  std::vector<std::string> seen;
  seen.reserve(tags.size());
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const std::string item = std::string(field) + "[" + std::to_string(i) + "]";
    auto added = add_tag(seen, tags[i], item);
    if (!added) return added.error();
    if (added->back() != tags[i]) {
      return make_error(ErrorCode::invalid, item, "a tag cannot begin or end with white space");
    }
    seen = std::move(added).value();
  }
  return {};
}

}  // namespace care
