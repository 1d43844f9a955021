#include <gtest/gtest.h>

#include <string>

#include "care/case_fold.hpp"
#include "care/text.hpp"

namespace care {
namespace {

std::string repeat(std::string_view unit, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += unit;
  return out;
}

TEST(Text, CountsCodePointsNotBytes) {
  EXPECT_EQ(count_characters("abc"), 3u);
  EXPECT_EQ(count_characters("Ъгъл"), 4u);          // 8 bytes
  EXPECT_EQ(count_characters("😀"), 1u);              // 4 bytes
  EXPECT_EQ(count_characters("Árvíztűrő"), 9u);
  EXPECT_EQ(count_characters(""), 0u);
}

TEST(Text, RefusesInvalidUtf8) {
  EXPECT_FALSE(count_characters("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(count_characters("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(count_characters("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(count_characters("abc\xE2\x82"));       // cut sequence
  EXPECT_FALSE(count_characters("\x80"));              // lone continuation
  EXPECT_FALSE(count_characters("\xFF"));
  const auto invalid = check_text("title", "ok\xFF");
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().code, ErrorCode::invalid);
  EXPECT_EQ(invalid.error().field, "title");
}

struct LimitCase {
  const char* name;
  const char* unit;
};

class TextLimit : public ::testing::TestWithParam<LimitCase> {};

TEST_P(TextLimit, Accepts2000CharactersAndRefuses2001) {
  const std::string at_limit = repeat(GetParam().unit, 2000);
  const std::string over = repeat(GetParam().unit, 2001);
  EXPECT_TRUE(check_text("description", at_limit));
  const auto refused = check_text("description", over);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::too_long);
  EXPECT_EQ(refused.error().field, "description");
  EXPECT_EQ(refused.error().message, "description: at most 2000 characters (got 2001)");
}

INSTANTIATE_TEST_SUITE_P(Scripts, TextLimit,
                         ::testing::Values(LimitCase{"Ascii", "a"}, LimitCase{"Cyrillic", "ж"},
                                           LimitCase{"Emoji", "😀"},
                                           LimitCase{"LatinExtended", "ő"}),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(Text, ByteLengthDoesNotCount) {
  // 2000 emoji are 8000 bytes and still within the limit.
  const std::string emoji = repeat("😀", 2000);
  EXPECT_EQ(emoji.size(), 8000u);
  EXPECT_TRUE(check_text("text", emoji));
}

TEST(Text, TrimRemovesAsciiAndUnicodeSpaces) {
  EXPECT_EQ(trim("  a b \t\n"), "a b");
  EXPECT_EQ(trim("\xC2\xA0" "Ъгъл\xE3\x80\x80"), "Ъгъл");  // no-break space, ideographic space
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(trim(""), "");
}

TEST(Text, Utf8EncodeDecodeRoundTrip) {
  for (char32_t c : {U'a', U'\u00E9', U'\u042A', U'\u20AC', U'\U0001F600', U'\U0010FFFF'}) {
    std::string s;
    append_utf8(s, c);
    std::size_t pos = 0;
    EXPECT_EQ(decode_utf8(s, pos), c);
    EXPECT_EQ(pos, s.size());
  }
}

TEST(CaseFold, LatinGreekCyrillic) {
  EXPECT_TRUE(equal_ignoring_case("Ъгъл", "ЪГЪЛ"));
  EXPECT_TRUE(equal_ignoring_case("VIP", "vip"));
  EXPECT_TRUE(equal_ignoring_case("ÁRVÍZTŰRŐ", "árvíztűrő"));   // Hungarian
  EXPECT_TRUE(equal_ignoring_case("ÆØÅ", "æøå"));               // Danish
  EXPECT_TRUE(equal_ignoring_case("ЂЉЊЋЏ", "ђљњћџ"));           // Serbian
  EXPECT_TRUE(equal_ignoring_case("ЄІЇҐ", "єіїґ"));             // Ukrainian
  EXPECT_TRUE(equal_ignoring_case("ŠČĆŽĐ", "ščćžđ"));           // Serbian Latin
  EXPECT_TRUE(equal_ignoring_case("ΟΔΟΣ", "οδος"));
  EXPECT_FALSE(equal_ignoring_case("οδος", "οδoς"));            // a Latin o is not omicron
  EXPECT_TRUE(equal_ignoring_case("ς", "Σ"));                   // final sigma
  EXPECT_TRUE(equal_ignoring_case("Ÿ", "ÿ"));
  EXPECT_FALSE(equal_ignoring_case("Ъгъл", "Ъгъи"));
  EXPECT_FALSE(equal_ignoring_case("e", "é"));                   // accents matter
}

TEST(CaseFold, EveryFoldedLetterIsAFixedPoint) {
  // Folding twice changes nothing: the table maps into small letters only.
  for (char32_t c = 0; c < 0x530; ++c) {
    EXPECT_EQ(fold_case(fold_case(c)), fold_case(c)) << "U+" << std::hex << static_cast<unsigned>(c);
  }
}

}  // namespace
}  // namespace care
