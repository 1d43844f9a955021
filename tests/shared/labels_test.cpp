// Words an admin sets per language (R-J2): which labels are accepted, and which one an
// agent reads.
#include <gtest/gtest.h>

#include "care/codec/json.hpp"
#include "samples.hpp"

namespace care {
namespace {

TEST(Labels, TheAgentReadsTheirLanguageThenEnglishThenTheOldLabelThenTheCode) {
  const Labels labels{{"en", "Lunch"}, {"hu", "Ebéd"}};
  EXPECT_EQ(label_in(labels, "hu", "Lunch (old)", "lunch"), "Ebéd");
  EXPECT_EQ(label_in(labels, "uk", "Lunch (old)", "lunch"), "Lunch");
  EXPECT_EQ(label_in(Labels{{"bg", "Обяд"}}, "da", "Lunch (old)", "lunch"), "Lunch (old)");
  EXPECT_EQ(label_in(Labels{}, "da", "", "lunch"), "lunch");
  // An empty entry (never accepted, but a hand-edited row may hold one) is no label.
  EXPECT_EQ(label_in(Labels{{"hu", ""}, {"en", "Lunch"}}, "hu", "", "lunch"), "Lunch");
}

TEST(Labels, OnlyTheSixLanguagesWithShortNonEmptyWords) {
  EXPECT_TRUE(check_labels("labels", Labels{{"en", "Break"}, {"sr-Latn", "Pauza"}}));
  EXPECT_TRUE(check_labels("labels", Labels{}));

  auto unknown = check_labels("labels", Labels{{"de", "Pause"}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::invalid);
  EXPECT_EQ(unknown.error().field, "labels.de");
  // Tags are exact: "sr" and "EN" are not what the product ships.
  EXPECT_FALSE(check_labels("labels", Labels{{"sr", "Pauza"}}));
  EXPECT_FALSE(check_labels("labels", Labels{{"EN", "Break"}}));

  auto blank = check_labels("labels", Labels{{"hu", "  "}});
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().code, ErrorCode::empty);
  EXPECT_EQ(blank.error().field, "labels.hu");

  // Characters, not bytes: 100 Cyrillic letters fit, 101 do not.
  std::string hundred;
  for (int i = 0; i < 100; ++i)
    hundred += "ж";
  EXPECT_TRUE(check_labels("labels", Labels{{"uk", hundred}}));
  auto long_one = check_labels("labels", Labels{{"uk", hundred + "ж"}});
  ASSERT_FALSE(long_one);
  EXPECT_EQ(long_one.error().code, ErrorCode::too_long);
  EXPECT_EQ(long_one.error().field, "labels.uk");
}

TEST(Labels, ListEntriesCarryTheirLabelsThroughJson) {
  const NotReadyReason reason = samples::not_ready_reason();
  auto back = decode<NotReadyReason>(Json(reason));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, reason);

  // Entries written before labels existed read as having none.
  auto old = decode<WrapUpCode>(Json{{"code", "spam"}, {"label", "Spam"}, {"active", true}});
  ASSERT_TRUE(old) << old.error().message;
  EXPECT_TRUE(old->labels.empty());
}

TEST(Labels, AnUpdateNamesTheBadEntry) {
  auto good = decode<LabelsUpdate>(Json::parse(R"({"labels":{"en":"Lunch","da":"Frokost"}})"));
  ASSERT_TRUE(good) << good.error().message;
  EXPECT_EQ(good->labels.at("da"), "Frokost");
  EXPECT_FALSE(good->active.has_value());

  auto retire = decode<LabelsUpdate>(Json::parse(R"({"labels":{},"active":false})"));
  ASSERT_TRUE(retire);
  EXPECT_EQ(retire->active, false);

  auto missing = decode<LabelsUpdate>(Json::parse(R"({"active":true})"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "labels");

  auto number = decode<LabelsUpdate>(Json::parse(R"({"labels":{"hu":7}})"));
  ASSERT_FALSE(number);
  EXPECT_EQ(number.error().code, ErrorCode::wrong_type);
  EXPECT_EQ(number.error().field, "labels.hu");

  auto german = decode<LabelsUpdate>(Json::parse(R"({"labels":{"de":"Mittag"}})"));
  ASSERT_FALSE(german);
  EXPECT_EQ(german.error().field, "labels.de");

  auto list = decode<LabelsUpdate>(Json::parse(R"({"labels":["Lunch"]})"));
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().code, ErrorCode::wrong_type);
}

}  // namespace
}  // namespace care
