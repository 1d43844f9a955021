// Conflicts keep both sides (R-E1 with R-J5): a field under edit brought onto a newer
// saved version, and the agent's choice for a field both changed.
#include <gtest/gtest.h>

#include "merge.hpp"

namespace care::client {
namespace {

struct Field {
  std::string mine;
  EditBase base;
};

Field edited_from(const std::string& saved, const std::string& typed) {
  Field field;
  start_edit(field.mine, field.base, saved);
  field.mine = typed;
  return field;
}

TEST(Rebase, AFieldNotTypedInTakesTheNewValueSilently) {
  Field field = edited_from("Invoice twice", "Invoice twice");
  EXPECT_FALSE(rebase_field(field.mine, field.base, "Invoice sent twice in October"));
  EXPECT_EQ(field.mine, "Invoice sent twice in October");
  EXPECT_FALSE(edited(field.mine, field.base));
}

TEST(Rebase, MyTextStaysWhereTheOtherChangedNothing) {
  Field field = edited_from("Since Monday", "Since Monday, twice a day");
  EXPECT_FALSE(rebase_field(field.mine, field.base, "Since Monday"));
  EXPECT_EQ(field.mine, "Since Monday, twice a day");
  EXPECT_TRUE(edited(field.mine, field.base));  // still mine to save
}

TEST(Rebase, BothChangedKeepsBothUntilTheAgentChooses) {
  Field field = edited_from("Invoice twice", "Invoice sent twice (Anna)");
  EXPECT_TRUE(rebase_field(field.mine, field.base, "Invoice sent twice in October"));
  EXPECT_EQ(field.mine, "Invoice sent twice (Anna)");
  EXPECT_TRUE(field.base.clash);
  EXPECT_EQ(field.base.value, "Invoice sent twice in October");
  EXPECT_TRUE(edited(field.mine, field.base));
}

TEST(Rebase, AClashStaysOneWhenTheOtherSavesAgain) {
  Field field = edited_from("a", "mine");
  ASSERT_TRUE(rebase_field(field.mine, field.base, "theirs 1"));
  EXPECT_TRUE(rebase_field(field.mine, field.base, "theirs 2"));
  EXPECT_EQ(field.base.value, "theirs 2");
  EXPECT_EQ(field.mine, "mine");
  // …and ends by itself when they come to the same text.
  EXPECT_FALSE(rebase_field(field.mine, field.base, "mine"));
  EXPECT_FALSE(field.base.clash);
}

TEST(Rebase, AnUnknownBaseNeverTakesTheirsOverMine) {
  Field field{"mine", EditBase{{}, false, false}};
  EXPECT_TRUE(rebase_field(field.mine, field.base, "theirs"));
  EXPECT_EQ(field.mine, "mine");
  EXPECT_TRUE(field.base.known);
}

TEST(Resolve, KeepMineTakeTheirsOrBoth) {
  for (Choice choice : {Choice::mine, Choice::theirs, Choice::both}) {
    Field field = edited_from("old", "mine");
    ASSERT_TRUE(rebase_field(field.mine, field.base, "theirs"));
    resolve_field(field.mine, field.base, choice, true);
    EXPECT_FALSE(field.base.clash);
    switch (choice) {
      case Choice::mine:
        EXPECT_EQ(field.mine, "mine");
        EXPECT_TRUE(edited(field.mine, field.base));  // to be saved over theirs
        break;
      case Choice::theirs:
        EXPECT_EQ(field.mine, "theirs");
        EXPECT_FALSE(edited(field.mine, field.base));
        break;
      case Choice::both:
        EXPECT_EQ(field.mine, "mine\ntheirs");
        break;
    }
  }
  Field line = edited_from("old", "mine");
  ASSERT_TRUE(rebase_field(line.mine, line.base, "theirs"));
  resolve_field(line.mine, line.base, Choice::both, false);
  EXPECT_EQ(line.mine, "mine / theirs");
}

TEST(Resolve, NothingToChooseChangesNothing) {
  Field field = edited_from("old", "mine");
  resolve_field(field.mine, field.base, Choice::theirs, false);
  EXPECT_EQ(field.mine, "mine");
}

}  // namespace
}  // namespace care::client
