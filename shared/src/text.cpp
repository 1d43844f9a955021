#include "care/text.hpp"

#include <string>

namespace care {

std::optional<char32_t> decode_utf8(std::string_view s, std::size_t& pos) {
  if (pos >= s.size()) return std::nullopt;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) {
    ++pos;
    return static_cast<char32_t>(lead);
  }
  std::size_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;  // smallest value this length may encode: rejects overlong forms
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    value = lead & 0x1Fu;
    minimum = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    value = lead & 0x0Fu;
    minimum = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    value = lead & 0x07u;
    minimum = 0x10000;
  } else {
    return std::nullopt;
  }
  if (pos + length > s.size()) return std::nullopt;
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char next = byte(pos + i);
    if ((next & 0xC0u) != 0x80u) return std::nullopt;
    value = (value << 6) | (next & 0x3Fu);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return std::nullopt;
  }
  pos += length;
  return value;
}

void append_utf8(std::string& out, char32_t c) {
  const auto put = [&](unsigned value) { out.push_back(static_cast<char>(value)); };
  if (c < 0x80) {
    put(c);
  } else if (c < 0x800) {
    put(0xC0 | (c >> 6));
    put(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    put(0xE0 | (c >> 12));
    put(0x80 | ((c >> 6) & 0x3F));
    put(0x80 | (c & 0x3F));
  } else {
    put(0xF0 | (c >> 18));
    put(0x80 | ((c >> 12) & 0x3F));
    put(0x80 | ((c >> 6) & 0x3F));
    put(0x80 | (c & 0x3F));
  }
}

std::optional<std::size_t> count_characters(std::string_view s) {
  std::size_t count = 0;
  std::size_t pos = 0;
  while (pos < s.size()) {
    // ASCII fast path: most text is mostly ASCII.
    if (static_cast<unsigned char>(s[pos]) < 0x80) {
      ++pos;
    } else if (!decode_utf8(s, pos)) {
      return std::nullopt;
    }
    ++count;
  }
  return count;
}

bool is_valid_utf8(std::string_view s) { return count_characters(s).has_value(); }

Status check_text(std::string_view field, std::string_view value, std::size_t limit) {
  const auto count = count_characters(value);
  if (!count) return make_error(ErrorCode::invalid, field, "not valid UTF-8 text");
  if (*count > limit) {
    return make_error(ErrorCode::too_long, field,
                      "at most " + std::to_string(limit) + " characters (got " +
                          std::to_string(*count) + ")");
  }
  return {};
}

namespace {

// Unicode White_Space.
bool is_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

}  // namespace

std::string trim(std::string_view s) {
  std::size_t begin = 0;
  std::size_t end = 0;  // one past the last non-space code point
  bool seen = false;
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t start = pos;
    const auto c = decode_utf8(s, pos);
    if (!c) {
      ++pos;  // invalid byte: keep it, it is not white space
    } else if (is_space(*c)) {
      continue;
    }
    if (!seen) begin = start;
    seen = true;
    end = pos;
  }
  return seen ? std::string(s.substr(begin, end - begin)) : std::string();
}

}  // namespace care
