#include <gtest/gtest.h>

#include "drafts.hpp"

namespace care::client {
namespace {

Drafts sample() {
  Drafts drafts;
  drafts[7].composer = "Добър ден, проверявам линията.";
  drafts[7].tag = "rout";
  drafts[9].comment = "called back twice";
  RequestEdit edit;
  edit.request = 31;
  edit.version = 4;
  edit.title = "Router: red light";
  edit.description = "Since Monday";
  edit.dirty = true;
  drafts[9].request = edit;
  drafts[9].customer =
      CustomerForm{55, true, "Acme Ltd", "ops@acme.test", "+4512345678", {}, false};
  drafts[11].reply = ReplyFields{
      61, "maria@example.bg, accounts@example.bg", "boss@example.bg", "Re: Фактура", {}};
  return drafts;
}

TEST(Drafts, WhatWasTypedComesBackAfterAReload) {
  Drafts drafts = sample();
  Drafts back = decode_drafts(encode_drafts(drafts));
  EXPECT_EQ(back, drafts);
  ASSERT_TRUE(back[9].request);
  EXPECT_TRUE(back[9].request->dirty);  // an unsaved edit stays unsaved
  ASSERT_TRUE(back[11].reply);
  EXPECT_EQ(back[11].reply->to, "maria@example.bg, accounts@example.bg");
  EXPECT_EQ(back[11].reply->subject, "Re: Фактура");
}

TEST(Drafts, ADamagedSettingCostsOnlyWhatCannotBeRead) {
  EXPECT_TRUE(decode_drafts("").empty());
  EXPECT_TRUE(decode_drafts("{not json").empty());
  EXPECT_TRUE(decode_drafts("[1,2]").empty());
  Drafts partly = decode_drafts(R"({"x":{"composer":"a"},"-3":{"composer":"b"},)"
                                R"("12":{"composer":"kept","tag":5},"13":"no"})");
  ASSERT_EQ(partly.size(), 1u);
  EXPECT_EQ(partly[12].composer, "kept");
  EXPECT_EQ(partly[12].tag, "");
}

// A conflict half resolved survives a reload (R-E1 with R-J5): the base each field was
// edited from, which field still waits for a choice (their text is its base), and who
// changed the request when.
TEST(Drafts, AConflictWaitingForAChoiceComesBackAfterAReload) {
  Drafts drafts;
  RequestEdit edit;
  edit.request = 31;
  edit.version = 5;
  edit.title = "Router: red light (mine)";
  edit.title_base = EditBase{"Router: red light since Monday", true, true};
  edit.description = "Since Monday";
  edit.description_base = EditBase{"Since Monday", true, false};
  edit.changed_by = 4;
  edit.changed_at = care::time_from_unix_ms(1'790'000'123'456);
  edit.dirty = true;
  drafts[9].request = edit;
  Drafts back = decode_drafts(encode_drafts(drafts));
  EXPECT_EQ(back, drafts);
  ASSERT_TRUE(back[9].request);
  EXPECT_TRUE(back[9].request->undecided());
  EXPECT_EQ(back[9].request->title_base.value, "Router: red light since Monday");
}

TEST(Drafts, AnEditKeptWithoutItsBaseHasAnUnknownBase) {
  Drafts old =
      decode_drafts(R"({"9":{"request":{"id":31,"version":4,"title":"mine","description":"d"}}})");
  ASSERT_TRUE(old[9].request);
  EXPECT_FALSE(old[9].request->title_base.known);
  EXPECT_FALSE(old[9].request->description_base.known);
  EXPECT_EQ(old[9].request->title, "mine");
}

TEST(Drafts, AnEmptyDraftIsEmpty) {
  EXPECT_TRUE(Draft{}.empty());
  Draft typed;
  typed.composer = "x";
  EXPECT_FALSE(typed.empty());
  Draft addressed;
  addressed.reply = ReplyFields{3, "a@x.dk", "", "Re: x", {}};
  EXPECT_FALSE(addressed.empty());
}

}  // namespace
}  // namespace care::client
