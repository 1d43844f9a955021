#pragma once
// The text rules of HTTP header fields, shared by the request framing and the body
// checks. ASCII only, on purpose: care::equal_ignoring_case folds Unicode (a Kelvin
// sign matches "k"), and two parsers that disagree on "chunked" is how requests get
// smuggled past one of them.
#include <algorithm>
#include <string_view>

namespace care::server::http {

inline bool ascii_equal_ignoring_case(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [&](char x, char y) { return lower(x) == lower(y); });
}

// Without the optional white space (spaces and tabs) around a field value.
inline std::string_view trim_ows(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

}  // namespace care::server::http
