// The journey summary (R-D5): its cursor, page size and the text writer the server
// uses instead of a JSON tree per row.
#include <gtest/gtest.h>

#include <string>

#include "care/codec/json.hpp"
#include "care/codec/json_text.hpp"
#include "care/text.hpp"

namespace care {
namespace {

JourneyEntry sample_entry() {
  JourneyEntry e;
  e.id = 4711;
  e.media = MediaType::email;
  e.request = 12;
  e.request_title = "Сметката ми е двойна \"again\"";
  e.subject = "Re: line one\nline two\t\\ 🙂";
  e.created_at = time_from_unix_ms(1'790'000'000'123);
  e.closed_at = time_from_unix_ms(1'790'000'600'000);
  e.tags = {"billing", "Ъгъл"};
  e.wrap_up = "resolved";
  e.version = 3;
  return e;
}

std::string written(const JourneyEntry& e) {
  std::string out;
  append_journey_entry(out, e);
  return out;
}

TEST(JourneyText, StringsAreWrittenAsNlohmannWritesThem) {
  for (std::string text :
       {std::string(""), std::string("plain"), std::string("\"quoted\" \\ /"),
        std::string("tab\tnew\nline\rcr\bbs\fff"), std::string("\x01\x1f\x7f"),
        std::string("Мария Иванова 🙂 ő"), std::string(1, '\0') + "after nul"}) {
    std::string out;
    append_json_string(out, text);
    EXPECT_EQ(out, Json(text).dump()) << text;
  }
}

TEST(JourneyText, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  std::string out;
  append_json_string(out, "ok \xC3 \xFF end");
  EXPECT_EQ(out, "\"ok \xEF\xBF\xBD \xEF\xBF\xBD end\"");
  EXPECT_TRUE(parse_json(out));
  // Overlong, a surrogate, past U+10FFFF, cut short at the end: never passed through.
  for (std::string bad :
       {std::string("\xC0\x80"), std::string("\xE0\x80\x80"), std::string("\xED\xA0\x80"),
        std::string("\xF4\x90\x80\x80"), std::string("\xF0\x80\x80\x80"), std::string("a\xE2\x82"),
        std::string("\x80"), std::string("\xF5\x80\x80\x80")}) {
    ASSERT_FALSE(is_valid_utf8(bad));
    std::string written;
    append_json_string(written, bad);
    EXPECT_TRUE(is_valid_utf8(written)) << bad;
    EXPECT_NE(written.find("\xEF\xBF\xBD"), std::string::npos) << bad;
    EXPECT_TRUE(parse_json(written)) << bad;
  }
  // The edges of each length, valid: written as they are.
  for (std::string good :
       {std::string("\xC2\x80"), std::string("\xDF\xBF"), std::string("\xE0\xA0\x80"),
        std::string("\xED\x9F\xBF"), std::string("\xEE\x80\x80"), std::string("\xF0\x90\x80\x80"),
        std::string("\xF4\x8F\xBF\xBF")}) {
    ASSERT_TRUE(is_valid_utf8(good));
    std::string written;
    append_json_string(written, good);
    EXPECT_EQ(written, Json(good).dump());
  }
}

TEST(JourneyText, AnEntryIsWrittenAsToJsonEncodesItAndDecodesBackExactly) {
  for (JourneyEntry e : {sample_entry(), JourneyEntry{}}) {
    if (e.id == 0) {  // the bare one: no request, not closed, no tags
      e.id = 1;
      e.created_at = time_from_unix_ms(0);
    }
    const std::string text = written(e);
    auto parsed = parse_json(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(*parsed, Json(e));
    EXPECT_EQ(text, Json(e).dump()) << "same bytes as the tree would give";
    auto back = decode<JourneyEntry>(*parsed);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, e);
  }
}

TEST(JourneyText, ARequestIsWrittenAsToJsonWritesIt) {
  Request q;
  q.id = 12;
  q.customer = 7;
  q.title = "Сметката ми е двойна \"again\"";
  q.description = "line one\nline two\t\\ 🙂 \x01";
  q.status = RequestStatus::closed;
  q.priority = Priority::urgent;
  q.created_at = time_from_unix_ms(1'790'000'000'123);
  q.updated = Stamp{3, time_from_unix_ms(1'790'000'100'000)};
  q.closed_at = time_from_unix_ms(1'790'000'200'000);
  q.version = 4;
  for (const Request& each : {q, Request{}}) {
    std::string out;
    append_request(out, each);
    EXPECT_EQ(out, Json(each).dump());
  }
}

TEST(JourneyText, ARowWithoutItsIdOrWithABadTimeIsRefused) {
  Json row = sample_entry();
  row.erase("id");
  EXPECT_EQ(decode<JourneyEntry>(row).error().field, "id");
  row = sample_entry();
  row["created_at"] = "yesterday";
  EXPECT_EQ(decode<JourneyEntry>(row).error().field, "created_at");
}

TEST(JourneyCursor, RoundTripsAndOrdersNewestFirst) {
  JourneyCursor at{time_from_unix_ms(1'790'000'000'123), 77};
  auto back = decode_journey_cursor(encode_journey_cursor(at));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, at);
  JourneyCursor before_epoch{time_from_unix_ms(-5'000), 1};
  EXPECT_EQ(*decode_journey_cursor(encode_journey_cursor(before_epoch)), before_epoch);

  JourneyEntry older = sample_entry();
  older.created_at = at.created_at - Duration(1);
  older.id = 999;
  EXPECT_TRUE(is_after(older, at));
  JourneyEntry same_moment = sample_entry();
  same_moment.created_at = at.created_at;
  same_moment.id = 76;
  EXPECT_TRUE(is_after(same_moment, at)) << "a tie goes by id, also newest first";
  same_moment.id = 77;
  EXPECT_FALSE(is_after(same_moment, at)) << "the cursor's own row is on the page before";
  EXPECT_EQ(cursor_at(same_moment), at);
}

TEST(JourneyCursor, AnythingElseIsRefusedNamingTheCursor) {
  for (const char* bad :
       {"", "x", "12", "12.", ".12", "12.0", "12.-3", "1.2.3", "+5.1", "5.+1", " 5.1", "5.1 ",
        "99999999999999999999.1", "253402300800000.1", "0x10.1"}) {
    auto cursor = decode_journey_cursor(bad);
    ASSERT_FALSE(cursor) << bad;
    EXPECT_EQ(cursor.error().field, "cursor") << bad;
  }
}

TEST(JourneyPageLimit, DefaultsAndBounds) {
  EXPECT_EQ(*journey_page_limit(""), kJourneyPageDefault);
  EXPECT_EQ(*journey_page_limit("1"), 1);
  EXPECT_EQ(*journey_page_limit("200"), kJourneyPageMax);
  for (const char* bad : {"0", "201", "-1", "abc", "10x", " 10", "1e2", "99999999999"}) {
    auto limit = journey_page_limit(bad);
    ASSERT_FALSE(limit) << bad;
    EXPECT_EQ(limit.error().field, "limit") << bad;
  }
}

}  // namespace
}  // namespace care
