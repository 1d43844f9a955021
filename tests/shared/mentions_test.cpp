// Who an internal note names with "@" (issue 18), what the composer completes, and the
// mention list's JSON.
#include "care/rules/mentions.hpp"

#include <gtest/gtest.h>

#include "care/codec/json.hpp"

namespace care {
namespace {

const std::vector<MentionName> kNames = {{1, "Anna Petrova"}, {1, "anna"}, {2, "Ivan Georgiev"},
                                         {2, "ivan"},         {3, "Ivan"}, {4, "Олена Коваль"}};

TEST(Mentions, AnAtAndANameIgnoringCaseMentionsThatAgentOnce) {
  EXPECT_EQ(find_mentions("@Anna Petrova please look", kNames), std::vector<Id>{1});
  EXPECT_EQ(find_mentions("@ANNA, and again @anna petrova", kNames), std::vector<Id>{1});
  EXPECT_EQ(find_mentions("cc @ivan georgiev and @anna.", kNames), (std::vector<Id>{2, 1}));
  EXPECT_EQ(find_mentions("(@олена коваль)", kNames), std::vector<Id>{4});
}

TEST(Mentions, TheLongestNameThatFitsWins) {
  // "Ivan" is agent 3's display name and agent 2's username: the longer "Ivan Georgiev" wins.
  EXPECT_EQ(find_mentions("@Ivan Georgiev hi", kNames), std::vector<Id>{2});
}

TEST(Mentions, AnAtThatNamesNobodyIsPlainText) {
  EXPECT_TRUE(find_mentions("@nobody here", kNames).empty());
  EXPECT_TRUE(find_mentions("write to anna@example.com", kNames).empty());  // an address
  EXPECT_TRUE(find_mentions("@annabel and @ivanka", kNames).empty());       // longer words
  EXPECT_TRUE(find_mentions("@", kNames).empty());
  EXPECT_TRUE(find_mentions("@@", kNames).empty());
}

TEST(Mentions, TheComposerCompletesTheWordBeforeTheCaret) {
  auto query = mention_query("hi @Iv", 6);
  ASSERT_TRUE(query);
  EXPECT_EQ(query->at, 3u);
  EXPECT_EQ(query->word, "Iv");
  EXPECT_EQ(mention_query("@", 1)->word, "");
  EXPECT_FALSE(mention_query("hi @Ivan Georgiev", 17));  // past a space: done
  EXPECT_FALSE(mention_query("mail anna@ex", 12));       // an address
  EXPECT_FALSE(mention_query("no at here", 5));
  EXPECT_TRUE(mention_matches("Ivan Georgiev", "geo"));
  EXPECT_TRUE(mention_matches("Ivan Georgiev", ""));
  EXPECT_TRUE(mention_matches("Олена Коваль", "ков"));
  EXPECT_FALSE(mention_matches("Ivan Georgiev", "van"));
}

TEST(Mentions, AListRoundTripsAndABadOneNamesItsField) {
  MentionList list{
      {Mention{5, 4, Comment{8, 31, 3, "Anna", "@Ivan look", Time{}}, std::nullopt, true}}, 0};
  auto back = decode<MentionList>(Json(list));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, list);
  Json broken = Json(list);
  broken["mentions"][0]["read"] = "yes";
  auto refused = decode<MentionList>(broken);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "mentions[0].read");
}

}  // namespace
}  // namespace care
