// R-E1 with R-J5: a field edited here and saved elsewhere is merged on its own, and
// nothing the agent typed is dropped without their choice.
#include <gtest/gtest.h>

#include "care/rules/merge.hpp"

namespace care {
namespace {

TEST(Merge, UntouchedFieldTakesTheirValue) {
  EXPECT_EQ(merge_field("Printer jam", "Printer jam", "Printer jam on floor 2"),
            FieldMerge::take_theirs);
}

TEST(Merge, FieldTheyDidNotChangeKeepsMine) {
  EXPECT_EQ(merge_field("Printer jam", "Printer jams daily", "Printer jam"), FieldMerge::keep_mine);
}

TEST(Merge, BothChangedDifferentlyIsTheAgentsChoice) {
  EXPECT_EQ(merge_field("Printer jam", "Printer jams daily", "Printer jam on floor 2"),
            FieldMerge::choose);
}

TEST(Merge, BothMadeTheSameChangeNeedsNoChoice) {
  EXPECT_EQ(merge_field("Printer jam", "Printer jam (fixed)", "Printer jam (fixed)"),
            FieldMerge::same);
  EXPECT_EQ(merge_field("Printer jam", "Printer jam", "Printer jam"), FieldMerge::same);
}

TEST(Merge, UnknownBaseNeverGuesses) {
  EXPECT_EQ(merge_field(std::nullopt, "mine", "theirs"), FieldMerge::choose);
  EXPECT_EQ(merge_field(std::nullopt, "", "theirs"), FieldMerge::choose);
  EXPECT_EQ(merge_field(std::nullopt, "same", "same"), FieldMerge::same);
}

TEST(Merge, EmptyingAFieldIsAChangeLikeAnyOther) {
  EXPECT_EQ(merge_field("note", "", "note"), FieldMerge::keep_mine);
  EXPECT_EQ(merge_field("note", "note", ""), FieldMerge::take_theirs);
  EXPECT_EQ(merge_field("note", "", "other note"), FieldMerge::choose);
}

}  // namespace
}  // namespace care
