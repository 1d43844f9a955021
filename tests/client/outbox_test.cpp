#include <gtest/gtest.h>

#include "outbox.hpp"

namespace care::client {
namespace {

OutgoingLine line(const char* key, care::Id activity, const char* text) {
  return OutgoingLine{key, activity + 100, activity, text, std::nullopt, false};
}

TEST(Outbox, LinesOfOneChatGoOneAtATimeInTheOrderSent) {
  Outbox outbox;
  outbox.add(line("a1", 1, "first"));
  outbox.add(line("a2", 1, "second"));
  outbox.add(line("b1", 2, "other chat"));

  auto ready = outbox.take_ready();
  ASSERT_EQ(ready.size(), 2u);  // the first of each chat
  EXPECT_EQ(ready[0].key, "a1");
  EXPECT_EQ(ready[1].key, "b1");
  EXPECT_TRUE(outbox.take_ready().empty());  // both are out: nothing more yet

  outbox.delivered("a1");
  ready = outbox.take_ready();
  ASSERT_EQ(ready.size(), 1u);
  EXPECT_EQ(ready[0].key, "a2");
}

TEST(Outbox, AnUnansweredLineGoesAgainBeforeTheNextOne) {
  Outbox outbox;
  outbox.add(line("a1", 1, "first"));
  outbox.add(line("a2", 1, "second"));
  ASSERT_EQ(outbox.take_ready().size(), 1u);
  outbox.unanswered("a1");
  auto again = outbox.take_ready();
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].key, "a1");  // same key: the server stores it once
  EXPECT_TRUE(outbox.waiting_for(1));
  EXPECT_FALSE(outbox.waiting_for(2));
}

TEST(Outbox, ARefusedLineIsHandedBackAndTheNextOneGoes) {
  Outbox outbox;
  outbox.add(line("a1", 1, "too long"));
  outbox.add(line("a2", 1, "fine"));
  outbox.take_ready();
  auto back = outbox.refused("a1");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->text, "too long");
  EXPECT_FALSE(outbox.refused("a1"));
  auto ready = outbox.take_ready();
  ASSERT_EQ(ready.size(), 1u);
  EXPECT_EQ(ready[0].key, "a2");
}

TEST(Outbox, WhatWasSentSurvivesAReloadButNotItsRequestsInFlight) {
  Outbox outbox;
  outbox.add(line("a1", 1, "Добър ден"));
  outbox.add(line("b1", 2, "two\nlines"));
  outbox.take_ready();
  Outbox back = decode_outbox(encode_outbox(outbox));
  ASSERT_EQ(back.lines().size(), 2u);
  EXPECT_EQ(back.lines()[0].text, "Добър ден");
  EXPECT_EQ(back.lines()[1].task, 102);
  EXPECT_FALSE(back.lines()[0].in_flight);  // the page that sent it is gone
  EXPECT_EQ(back.take_ready().size(), 2u);
}

TEST(Outbox, AnEmailReplyKeepsItsToCcAndSubjectAcrossAReload) {
  Outbox outbox;
  OutgoingLine reply = line("e1", 3, "Dear Maria,\nrefunded.");
  reply.email = care::EmailHeaders{{"maria@example.bg"}, {"boss@example.bg"}, "Re: Фактура"};
  outbox.add(reply);
  outbox.add(line("c1", 4, "chat"));
  Outbox back = decode_outbox(encode_outbox(outbox));
  ASSERT_EQ(back.lines().size(), 2u);
  EXPECT_EQ(back.lines()[0].email, reply.email);
  EXPECT_FALSE(back.lines()[1].email);
}

TEST(Outbox, ADamagedSettingCostsOnlyWhatCannotBeRead) {
  EXPECT_TRUE(decode_outbox("").empty());
  EXPECT_TRUE(decode_outbox("{}").empty());
  Outbox partly = decode_outbox(R"([{"key":"k 1","task":1,"activity":1,"text":"bad key"},)"
                                R"({"key":"k2","task":1,"activity":1,"text":""},)"
                                R"({"key":"k3","task":"1","activity":1,"text":"x"},)"
                                R"({"key":"k4","task":1,"activity":1,"text":"kept"}, 5])");
  ASSERT_EQ(partly.lines().size(), 1u);
  EXPECT_EQ(partly.lines()[0].key, "k4");
}

}  // namespace
}  // namespace care::client
