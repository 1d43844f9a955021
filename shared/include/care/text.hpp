#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "care/error.hpp"

namespace care {

// R-C1: every text field in the product holds at most 2000 characters.
inline constexpr std::size_t kTextLimit = 2000;

// Characters are Unicode code points, not bytes: "Ъ" is one character (two bytes) and
// an emoji is one character (four bytes). Returns nullopt for text that is not valid
// UTF-8 (overlong forms, surrogates, values past U+10FFFF, cut sequences), which is
// never counted or stored.
std::optional<std::size_t> count_characters(std::string_view utf8);

bool is_valid_utf8(std::string_view utf8);

// R-C1: valid UTF-8 of at most `limit` characters. The error names the field and the
// limit, and says how many characters were given, so nothing is silently cut.
Status check_text(std::string_view field, std::string_view value, std::size_t limit = kTextLimit);

// Removes leading and trailing white space, including Unicode spaces such as U+00A0
// (no-break space) that paste from web pages and documents brings along.
// Input must be valid UTF-8.
std::string trim(std::string_view utf8);

// Decodes one code point starting at `pos` and advances `pos`; nullopt (pos unchanged)
// if the bytes there are not valid UTF-8.
std::optional<char32_t> decode_utf8(std::string_view utf8, std::size_t& pos);
void append_utf8(std::string& out, char32_t code_point);

}  // namespace care
