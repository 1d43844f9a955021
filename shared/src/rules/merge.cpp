#include "care/rules/merge.hpp"

namespace care {

FieldMerge merge_field(std::optional<std::string_view> base, std::string_view mine,
                       std::string_view theirs) {
  if (mine == theirs) return FieldMerge::same;
  if (!base) return FieldMerge::choose;  // cannot tell who changed what: never guess
  if (mine == *base) return FieldMerge::take_theirs;
  if (theirs == *base) return FieldMerge::keep_mine;
  return FieldMerge::choose;
}

}  // namespace care
