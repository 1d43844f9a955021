#include "merge.hpp"

#include <optional>
#include <string_view>

#include "care/rules/merge.hpp"

namespace care::client {

void start_edit(std::string& mine, EditBase& base, const std::string& saved) {
  mine = saved;
  base = EditBase{saved, true, false};
}

bool rebase_field(std::string& mine, EditBase& base, const std::string& theirs) {
  std::optional<std::string_view> from;
  // Undecided since an earlier save: the agent has seen neither side win, so any new
  // text of theirs still needs a choice unless it now equals mine.
  if (base.known && !base.clash) from = base.value;
  care::FieldMerge merge = care::merge_field(from, mine, theirs);
  base.value = theirs;
  base.known = true;
  switch (merge) {
    case care::FieldMerge::take_theirs:
      mine = theirs;
      base.clash = false;
      return false;
    case care::FieldMerge::same:
    case care::FieldMerge::keep_mine:
      base.clash = false;
      return false;
    case care::FieldMerge::choose:
      break;
  }
  base.clash = true;
  return true;
}

void resolve_field(std::string& mine, EditBase& base, Choice choice, bool multiline) {
  if (!base.clash) return;
  switch (choice) {
    case Choice::mine:
      break;
    case Choice::theirs:
      mine = base.value;
      break;
    case Choice::both:
      if (!mine.empty() && !base.value.empty()) mine += multiline ? "\n" : " / ";
      mine += base.value;
      break;
  }
  base.clash = false;
}

bool edited(const std::string& mine, const EditBase& base) {
  return base.clash || !base.known || mine != base.value;
}

}  // namespace care::client
