#include "care/rules/mentions.hpp"

#include <algorithm>

#include "care/case_fold.hpp"

namespace care {
namespace {

bool ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Letters of other scripts are multi-byte UTF-8: every byte of them is ≥ 0x80.
bool word_byte(unsigned char c) {
  return ascii_alnum(c) || c >= 0x80;
}

}  // namespace

std::vector<Id> find_mentions(std::string_view text, const std::vector<MentionName>& names) {
  const std::string folded = fold_case(text);
  std::vector<std::pair<std::string, Id>> candidates;
  candidates.reserve(names.size());
  for (const MentionName& each : names) {
    if (!each.name.empty()) candidates.emplace_back(fold_case(each.name), each.agent);
  }
  std::vector<Id> found;
  for (std::size_t at = folded.find('@'); at != std::string::npos; at = folded.find('@', at + 1)) {
    if (at > 0) {
      unsigned char before = static_cast<unsigned char>(folded[at - 1]);
      if (word_byte(before) || before == '.' || before == '_' || before == '-') continue;
    }
    std::string_view rest = std::string_view(folded).substr(at + 1);
    std::size_t best = 0;
    Id best_agent = 0;
    for (const auto& [name, agent] : candidates) {
      if (name.size() <= best || !rest.starts_with(name)) continue;
      if (name.size() < rest.size() && word_byte(static_cast<unsigned char>(rest[name.size()])))
        continue;
      best = name.size();
      best_agent = agent;
    }
    if (best_agent != 0 && std::find(found.begin(), found.end(), best_agent) == found.end())
      found.push_back(best_agent);
  }
  return found;
}

std::optional<MentionQuery> mention_query(std::string_view text, std::size_t caret) {
  caret = std::min(caret, text.size());
  std::size_t start = caret;
  while (start > 0) {
    unsigned char c = static_cast<unsigned char>(text[start - 1]);
    if (c == '@') break;
    if (!(word_byte(c) || c == '.' || c == '_' || c == '-')) return std::nullopt;
    --start;
  }
  if (start == 0) return std::nullopt;
  std::size_t at = start - 1;
  if (at > 0) {
    unsigned char before = static_cast<unsigned char>(text[at - 1]);
    if (word_byte(before) || before == '.' || before == '_' || before == '-') return std::nullopt;
  }
  return MentionQuery{at, std::string(text.substr(start, caret - start))};
}

bool mention_matches(std::string_view name, std::string_view word) {
  if (word.empty()) return true;
  const std::string folded = fold_case(name);
  const std::string wanted = fold_case(word);
  for (std::size_t start = 0; start < folded.size();) {
    if (std::string_view(folded).substr(start).starts_with(wanted)) return true;
    std::size_t space = folded.find(' ', start);
    if (space == std::string::npos) break;
    start = space + 1;
  }
  return false;
}

}  // namespace care
