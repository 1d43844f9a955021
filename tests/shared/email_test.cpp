#include <gtest/gtest.h>

#include "care/rules/email.hpp"

namespace care {
namespace {

TEST(ReplySubject, OneReInFrontHoweverManyWereThere) {
  EXPECT_EQ(reply_subject("Invoice twice"), "Re: Invoice twice");
  EXPECT_EQ(reply_subject("Re: Invoice twice"), "Re: Invoice twice");
  EXPECT_EQ(reply_subject("RE: re: Re : Invoice"), "Re: Invoice");
  EXPECT_EQ(reply_subject("  Фактура  "), "Re: Фактура");
  EXPECT_EQ(reply_subject(""), "Re: ");
  // Words that merely begin with "re" are the subject, not a prefix.
  EXPECT_EQ(reply_subject("Refund"), "Re: Refund");
  EXPECT_EQ(reply_subject("Re:"), "Re: ");
}

TEST(ReplyHeaders, ToTheSenderCcAsTheMailWasUnderTheLatestSubject) {
  Activity email;
  email.media = MediaType::email;
  email.from = "maria@example.bg";
  email.subject = "Invoice twice";
  EXPECT_EQ(reply_headers(email), (EmailHeaders{{"maria@example.bg"}, {}, "Re: Invoice twice"}));

  Message first;
  first.author = AuthorKind::customer;
  first.email = EmailHeaders{{"support@example.com"}, {"boss@example.bg"}, "Invoice twice"};
  Message ours;
  ours.author = AuthorKind::agent;
  ours.email = EmailHeaders{{"maria@example.bg"}, {}, "Re: Invoice twice"};
  email.messages = {first, ours};
  EXPECT_EQ(reply_headers(email),
            (EmailHeaders{{"maria@example.bg"}, {"boss@example.bg"}, "Re: Invoice twice"}));

  Message again = first;
  again.email = EmailHeaders{{"support@example.com"}, {}, "RE: Re: Invoice twice"};
  email.messages.push_back(again);
  EXPECT_EQ(reply_headers(email), (EmailHeaders{{"maria@example.bg"}, {}, "Re: Invoice twice"}));
}

TEST(Addresses, SplitOnCommasSemicolonsAndSpacesAndJoinedBack) {
  EXPECT_EQ(split_addresses(" a@x.dk, b@y.bg;c@z.hu  d@w.rs ,, "),
            (std::vector<std::string>{"a@x.dk", "b@y.bg", "c@z.hu", "d@w.rs"}));
  EXPECT_TRUE(split_addresses("  ").empty());
  EXPECT_EQ(join_addresses({"a@x.dk", "b@y.bg"}), "a@x.dk, b@y.bg");
  EXPECT_EQ(join_addresses({}), "");
}

TEST(ReplyHeaders, EachMistakeNamesItsField) {
  EXPECT_TRUE(check_reply_headers({{"maria@example.bg"}, {"boss@example.bg"}, "Re: Hi"}));

  Status no_to = check_reply_headers({{}, {}, "Re: Hi"});
  ASSERT_FALSE(no_to);
  EXPECT_EQ(no_to.error().field, "to");
  EXPECT_EQ(no_to.error().code, ErrorCode::empty);

  Status bad_to = check_reply_headers({{"maria@example.bg", "maria.example.bg"}, {}, "Re: Hi"});
  ASSERT_FALSE(bad_to);
  EXPECT_EQ(bad_to.error().field, "to");
  EXPECT_EQ(bad_to.error().code, ErrorCode::invalid);

  Status bad_cc = check_reply_headers({{"maria@example.bg"}, {"boss@"}, "Re: Hi"});
  ASSERT_FALSE(bad_cc);
  EXPECT_EQ(bad_cc.error().field, "cc");

  Status blank = check_reply_headers({{"maria@example.bg"}, {}, "   "});
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().field, "subject");

  std::vector<std::string> many(kMaxRecipients, "a@x.dk");
  Status too_many = check_reply_headers({{"maria@example.bg"}, many, "Re: Hi"});
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().field, "cc");
  EXPECT_EQ(too_many.error().code, ErrorCode::too_many);
}

}  // namespace
}  // namespace care
