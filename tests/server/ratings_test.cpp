// Customer satisfaction (issue 18): once a chat has ended, its widget rates it 1–5
// with a comment, once; the agent reads it with the activity; the floor averages a
// queue's over the shift.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_fixture.hpp"
#include "care/time.hpp"

namespace care::server::testing {
namespace {

using nlohmann::json;

class RatingsTest : public ApiFixture {
 protected:
  RatingsTest() {
    root_ = session_for("root");
    anna_ = session_for("anna");
    sam_ = session_for("sam");
    queue_ = post(root_, "/api/queues", {{"name", "General"}}, 201)["queue"]["id"];
    put(root_, "/api/agents/" + std::to_string(anna_id_) + "/routing", {{"queues", {queue_}}}, 200);
    put(anna_, "/api/me/state", {{"state", "ready"}}, 200);
  }

  struct Chat {
    std::int64_t id = 0;
    std::string token;
    std::int64_t task = 0;
  };

  Chat start_chat(const std::string& email) {
    json started = post("", "/api/channels/chat",
                        {{"name", "Vera"}, {"email", email}, {"question", "Help"}}, 201);
    return Chat{started["chat"]["id"], started["chat"]["token"], started["task"]["id"]};
  }

  void accept_and_close(const Chat& chat) {
    server_.app().routing().route_now();
    post(anna_, "/api/tasks/" + std::to_string(chat.task) + "/accept", json::object(), 200);
    post(anna_, "/api/tasks/" + std::to_string(chat.task) + "/close",
         {{"unknown_contact", "leave_without"}, {"wrap_up", "resolved"}}, 200);
  }

  json rate(const Chat& chat, const json& body, int expected, const std::string& token = "") {
    return send("POST", "", "/api/channels/chat/" + std::to_string(chat.id) + "/rating", body,
                expected, {{"Authorization", "Bearer " + (token.empty() ? chat.token : token)}});
  }

  std::string root_, anna_, sam_;
  std::int64_t queue_ = 0;
};

TEST_F(RatingsTest, AnEndedChatIsRatedOnceAndTheAgentReadsIt) {
  Chat chat = start_chat("vera@example.com");
  // Not while it goes on: the customer rates what they had.
  EXPECT_EQ(rate(chat, {{"score", 5}}, 409)["error"]["field"], "chat");
  accept_and_close(chat);

  json rated = rate(chat, {{"score", 4}, {"comment", "Quick, and kind."}}, 201)["rating"];
  EXPECT_EQ(rated["score"], 4);
  EXPECT_EQ(rated["comment"], "Quick, and kind.");
  EXPECT_EQ(rated["at"], format_rfc3339(time_from_unix_ms(clock_.now_ms())));
  // Once: the first rating stands.
  EXPECT_EQ(rate(chat, {{"score", 1}}, 409)["error"]["code"], "duplicate");

  json details = get(anna_, "/api/activities/" + std::to_string(chat.id));
  EXPECT_EQ(details["rating"]["score"], 4);
  EXPECT_EQ(details["rating"]["comment"], "Quick, and kind.");
  // Another chat, not rated: null, not a zero.
  Chat other = start_chat("olga@example.com");
  EXPECT_TRUE(get(anna_, "/api/activities/" + std::to_string(other.id))["rating"].is_null());
}

TEST_F(RatingsTest, BadScoresCommentsAndTokensAreRefusedNamingTheField) {
  Chat chat = start_chat("vera@example.com");
  accept_and_close(chat);
  // Out of range or too long: 422; the wrong type or missing: 400.
  EXPECT_EQ(rate(chat, {{"score", 0}}, 422)["error"]["field"], "score");
  EXPECT_EQ(rate(chat, {{"score", 6}}, 422)["error"]["field"], "score");
  EXPECT_EQ(rate(chat, {{"score", "five"}}, 400)["error"]["field"], "score");
  EXPECT_EQ(rate(chat, {{"comment", "no score"}}, 400)["error"]["field"], "score");
  EXPECT_EQ(rate(chat, {{"score", 3}, {"comment", std::string(1001, 'x')}}, 422)["error"]["field"],
            "comment");
  // A token of another chat, or none, reveals nothing: 404.
  Chat other = start_chat("olga@example.com");
  rate(chat, {{"score", 3}}, 404, other.token);
  rate(chat, {{"score", 3}}, 404, "made-up");
  // Nothing refused was kept: the chat is still to be rated.
  rate(chat, {{"score", 2}}, 201);
}

TEST_F(RatingsTest, TheFloorAveragesAQueuesRatingsOverTheShift) {
  auto general = [&](const std::string& query = "") {
    json floor = get(sam_, "/api/supervisor/overview" + query);  // kept: the loop reads inside it
    for (const json& queue : floor["queues"]) {
      if (queue["id"] == queue_) return queue["ratings"];
    }
    return json();
  };
  EXPECT_EQ(general(), json({{"count", 0}, {"total", 0}, {"average", nullptr}}));
  Chat first = start_chat("one@example.com");
  accept_and_close(first);
  Chat second = start_chat("two@example.com");
  accept_and_close(second);
  std::string before_ratings = format_rfc3339(time_from_unix_ms(clock_.now_ms()));
  clock_.advance(1'000);
  rate(first, {{"score", 5}}, 201);
  rate(second, {{"score", 2}}, 201);
  json ratings = general();
  EXPECT_EQ(ratings["count"], 2);
  EXPECT_EQ(ratings["total"], 7);
  EXPECT_DOUBLE_EQ(ratings["average"].get<double>(), 3.5);
  // A shift that began after they rated counts none of them.
  clock_.advance(1'000);
  std::string later = format_rfc3339(time_from_unix_ms(clock_.now_ms()));
  EXPECT_EQ(general("?since=" + care::percent_encode(later))["count"], 0);
  EXPECT_EQ(general("?since=" + care::percent_encode(before_ratings))["count"], 2);
}

}  // namespace
}  // namespace care::server::testing
