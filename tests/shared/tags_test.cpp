#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "care/rules/tags.hpp"

namespace care {
namespace {

std::string repeat(std::string_view unit, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += unit;
  return out;
}

TEST(Tags, TagIsTrimmed) {
  EXPECT_EQ(normalize_tag("  billing \t").value(), "billing");
  EXPECT_EQ(normalize_tag("\xC2\xA0" "VIP").value(), "VIP");
}

TEST(Tags, EmptyTagIsRefused) {
  for (const char* blank : {"", "   ", "\t\n", "\xC2\xA0"}) {
    const auto tag = normalize_tag(blank);
    ASSERT_FALSE(tag) << blank;
    EXPECT_EQ(tag.error().code, ErrorCode::empty);
    EXPECT_EQ(tag.error().field, "tag");
  }
}

TEST(Tags, FiftyCharactersAreAcceptedAndFiftyOneRefused) {
  for (const char* unit : {"a", "ж", "😀", "ő"}) {
    EXPECT_TRUE(normalize_tag(repeat(unit, 50))) << unit;
    const auto over = normalize_tag(repeat(unit, 51));
    ASSERT_FALSE(over) << unit;
    EXPECT_EQ(over.error().code, ErrorCode::too_long);
    EXPECT_EQ(over.error().message, "tag: at most 50 characters (got 51)");
  }
}

TEST(Tags, SpacesAroundDoNotCountTowardsTheLimit) {
  EXPECT_TRUE(normalize_tag("  " + repeat("x", 50) + "  "));
}

TEST(Tags, TagIsRefusedWhenSameIgnoringCase) {
  const std::vector<std::string> tags = {"Ъгъл", "VIP"};
  for (const char* again : {"ЪГЪЛ", "ъгъл", "vip", " Vip "}) {
    const auto added = add_tag(tags, again);
    ASSERT_FALSE(added) << again;
    EXPECT_EQ(added.error().code, ErrorCode::duplicate);
    EXPECT_EQ(added.error().field, "tag");
  }
  const auto hungarian = add_tag({"ÁRVÍZ"}, "árvíz");
  EXPECT_FALSE(hungarian);
  const auto greek = add_tag({"ΟΔΟΣ"}, "οδος");
  EXPECT_FALSE(greek);
}

TEST(Tags, DifferentTagsAreAddedAtTheEnd) {
  const auto added = add_tag({"Ъгъл"}, " Ъгъли ");
  ASSERT_TRUE(added);
  EXPECT_EQ(*added, (std::vector<std::string>{"Ъгъл", "Ъгъли"}));
}

TEST(Tags, RemoveMatchesIgnoringCase) {
  EXPECT_EQ(remove_tag({"Ъгъл", "VIP"}, "ЪГЪЛ"), (std::vector<std::string>{"VIP"}));
  EXPECT_EQ(remove_tag({"VIP"}, "other"), (std::vector<std::string>{"VIP"}));
}

TEST(Tags, AListIsCheckedItemByItem) {
  EXPECT_TRUE(check_tags({"a", "b", "Ъгъл"}));
  const auto dup = check_tags({"a", "Ъгъл", "ЪГЪЛ"});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().field, "tags[2]");
  EXPECT_EQ(dup.error().code, ErrorCode::duplicate);
  const auto untrimmed = check_tags({" a"});
  ASSERT_FALSE(untrimmed);
  EXPECT_EQ(untrimmed.error().field, "tags[0]");
  std::vector<std::string> many;
  for (std::size_t i = 0; i <= kMaxTags; ++i) many.push_back("t" + std::to_string(i));
  EXPECT_EQ(check_tags(many).error().code, ErrorCode::too_many);
  many.pop_back();
  EXPECT_TRUE(check_tags(many));
  EXPECT_EQ(add_tag(many, "one more").error().code, ErrorCode::too_many);
}

}  // namespace
}  // namespace care
