#include "care/rules/sentiment.hpp"

#include <gtest/gtest.h>

namespace care {
namespace {

Sentiment of(std::vector<std::string> lines) { return read_sentiment(lines); }

TEST(Sentiment, NothingSaidIsNeutral) {
  EXPECT_EQ(of({}), Sentiment::neutral);
  EXPECT_EQ(of({"My router blinks red"}), Sentiment::neutral);
}

TEST(Sentiment, ReadsEachLanguage) {
  EXPECT_EQ(of({"Thank you, that works great!"}), Sentiment::positive);
  EXPECT_EQ(of({"This is terrible, the line is still broken"}), Sentiment::negative);
  EXPECT_EQ(of({"Благодаря, вече работи!"}), Sentiment::positive);
  EXPECT_EQ(of({"Ужасно обслужване, пак не работи"}), Sentiment::negative);
  EXPECT_EQ(of({"Köszönöm, tökéletes"}), Sentiment::positive);
  EXPECT_EQ(of({"Tak, det virker nu"}), Sentiment::positive);
  EXPECT_EQ(of({"Internet i dalje ne radi, užasno"}), Sentiment::negative);
  EXPECT_EQ(of({"Жахливо, знову не працює"}), Sentiment::negative);
  EXPECT_EQ(of({"Дякую, все працює"}), Sentiment::positive);
}

TEST(Sentiment, IgnoresLetterCaseInEveryScript) {
  EXPECT_EQ(of({"БЛАГОДАРЯ"}), Sentiment::positive);
  EXPECT_EQ(of({"TERRIBLE"}), Sentiment::negative);
}

TEST(Sentiment, NegativePhrasesAreNotReadAsPositiveWords) {
  // "working" and "работи" alone are positive; negated they are not.
  EXPECT_EQ(of({"It is not working"}), Sentiment::negative);
  EXPECT_EQ(of({"Не работи"}), Sentiment::negative);
  EXPECT_EQ(of({"Virker ikke"}), Sentiment::negative);
}

TEST(Sentiment, MatchesOnlyAtTheStartOfAWord) {
  // "tak" inside "kontakt" or "radi" inside "paradise" does not count.
  EXPECT_EQ(of({"bad"}), Sentiment::negative);
  EXPECT_EQ(of({"kontakt"}), Sentiment::neutral);
  EXPECT_EQ(of({"paradise"}), Sentiment::neutral);
}

TEST(Sentiment, FollowsTheLatestLines) {
  // Angry at first, happy at the end: the newest line weighs double.
  EXPECT_EQ(of({"This is awful", "Ok, it works now, thank you"}), Sentiment::positive);
  EXPECT_EQ(of({"Thanks", "Still broken. Terrible."}), Sentiment::negative);
  // Only the last five lines count.
  EXPECT_EQ(of({"awful", "terrible", "bad", "ok", "ok", "ok", "ok", "thanks"}),
            Sentiment::positive);
}

}  // namespace
}  // namespace care
