#include "care/case_fold.hpp"

#include "care/text.hpp"

namespace care {
namespace {

// Many blocks alternate capital, small, capital, small...: in such a run, a capital is
// the code point with the given parity and folds to the next one.
constexpr bool in(char32_t c, char32_t first, char32_t last) { return c >= first && c <= last; }
constexpr char32_t pair_fold(char32_t c, bool capital_is_even) {
  return ((c % 2 == 0) == capital_is_even) ? c + 1 : c;
}

char32_t fold_latin(char32_t c) {
  if (in(c, 'A', 'Z')) return c + 0x20;
  if (c == 0xB5) return 0x3BC;  // MICRO SIGN folds to GREEK SMALL MU
  if (in(c, 0xC0, 0xDE) && c != 0xD7) return c + 0x20;
  // U+00DF (ß) has only a full folding ("ss"); simple folding keeps it.
  if (in(c, 0x100, 0x12F) || in(c, 0x132, 0x137) || in(c, 0x14A, 0x177)) {
    return pair_fold(c, true);
  }
  // U+0130 (İ) has only a Turkic / full folding; U+0131 (ı), U+0138 (ĸ) and U+0149 (ŉ)
  // are small letters without a simple capital pair.
  if (in(c, 0x139, 0x148) || in(c, 0x179, 0x17E)) return pair_fold(c, false);
  if (c == 0x178) return 0xFF;   // Ÿ -> ÿ
  if (c == 0x17F) return 's';    // long s
  return c;
}

char32_t fold_greek(char32_t c) {
  switch (c) {
    case 0x345: return 0x3B9;
    case 0x370: return 0x371;
    case 0x372: return 0x373;
    case 0x376: return 0x377;
    case 0x37F: return 0x3F3;
    case 0x386: return 0x3AC;
    case 0x38C: return 0x3CC;
    case 0x38E: return 0x3CD;
    case 0x38F: return 0x3CE;
    case 0x3C2: return 0x3C3;  // final sigma folds to sigma, so "ΟΔΟΣ" matches "οδος"
    case 0x3CF: return 0x3D7;
    case 0x3D0: return 0x3B2;
    case 0x3D1: return 0x3B8;
    case 0x3D5: return 0x3C6;
    case 0x3D6: return 0x3C0;
    case 0x3F0: return 0x3BA;
    case 0x3F1: return 0x3C1;
    case 0x3F4: return 0x3B8;
    case 0x3F5: return 0x3B5;
    case 0x3F7: return 0x3F8;
    case 0x3F9: return 0x3F2;
    case 0x3FA: return 0x3FB;
    default: break;
  }
  if (in(c, 0x388, 0x38A)) return c + 0x25;
  if (in(c, 0x391, 0x3A1) || in(c, 0x3A3, 0x3AB)) return c + 0x20;
  if (in(c, 0x3D8, 0x3EF)) return pair_fold(c, true);
  if (in(c, 0x3FD, 0x3FF)) return c - 0x82;
  return c;
}

char32_t fold_cyrillic(char32_t c) {
  if (in(c, 0x400, 0x40F)) return c + 0x50;  // Ѐ..Џ -> ѐ..џ
  if (in(c, 0x410, 0x42F)) return c + 0x20;  // А..Я -> а..я
  if (in(c, 0x460, 0x481) || in(c, 0x48A, 0x4BF) || in(c, 0x4D0, 0x52F)) {
    return pair_fold(c, true);
  }
  if (c == 0x4C0) return 0x4CF;  // palochka
  if (in(c, 0x4C1, 0x4CE)) return pair_fold(c, false);
  return c;
}

}  // namespace

char32_t fold_case(char32_t c) {
  if (c < 0x250) return fold_latin(c);
  if (in(c, 0x345, 0x3FF)) return fold_greek(c);
  if (in(c, 0x400, 0x52F)) return fold_cyrillic(c);
  return c;
}

std::string fold_case(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t start = pos;
    if (const auto c = decode_utf8(s, pos)) {
      append_utf8(out, fold_case(*c));
    } else {
      out.push_back(s[start]);
      pos = start + 1;
    }
  }
  return out;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return fold_case(a) == fold_case(b);
}

}  // namespace care
