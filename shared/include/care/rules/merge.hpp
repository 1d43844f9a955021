#pragma once

#include <optional>
#include <string_view>

namespace care {

// R-E1 with R-J5 (no unsaved edit is lost): someone else saved a record this agent is
// editing. Each edited field is brought onto their version on its own:
//   same         both hold the same text: nothing to decide
//   take_theirs  the agent did not touch it: their value comes in silently
//   keep_mine    they did not change it: the agent's text stays
//   choose       both changed it differently: the agent sees both and chooses
// `base` is the saved value the agent's edit started from; nullopt when not known (an
// old draft), which makes every difference the agent's to choose.
enum class FieldMerge { same, take_theirs, keep_mine, choose };

FieldMerge merge_field(std::optional<std::string_view> base, std::string_view mine,
                       std::string_view theirs);

}  // namespace care
