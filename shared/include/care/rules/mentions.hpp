#pragma once
// Who an internal note names with "@" (issue 18), and what the composer is completing.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/model/common.hpp"

namespace care {

// A name an agent can be mentioned by: their display name, and (on the server, which
// alone knows them) their username.
struct MentionName {
  Id agent = 0;
  std::string name;
};

// The agents the text mentions, each once, in the order first named. A mention is "@"
// at the start or after a character that is not a letter, digit or one of "._-" (so an
// email address is not one), then a name of `names` ignoring case (the longest that
// fits), then the end or a character that is not a letter or digit. "@" followed by no
// known name is plain text.
std::vector<Id> find_mentions(std::string_view text, const std::vector<MentionName>& names);

// What the composer completes: with the caret at byte `caret` of `text`, the "@word"
// being typed just before it (no spaces yet), as its byte offset of "@" and the word
// after it; nullopt when the caret is not in one.
struct MentionQuery {
  std::size_t at = 0;
  std::string word;
};
std::optional<MentionQuery> mention_query(std::string_view text, std::size_t caret);

// Whether `name` is offered for `word`: a word of the name starts with it, ignoring case
// (an empty word offers every name).
bool mention_matches(std::string_view name, std::string_view word);

}  // namespace care
