// The supervisor's overview (R-H3): queues, agents by state and work in hand, handled
// counts and average handle time over the shift.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_fixture.hpp"
#include "care/time.hpp"

namespace care::server::testing {
namespace {

using nlohmann::json;

class SupervisorTest : public ApiFixture {
 protected:
  SupervisorTest() {
    root_ = session_for("root");
    anna_ = session_for("anna");
    sam_ = session_for("sam");
    queue_ = post(root_, "/api/queues", {{"name", "General"}, {"priority", 1}}, 201)["queue"]["id"];
    post(root_, "/api/queues", {{"name", "Billing"}}, 201);
    // One chat at a time, so a second chat waits in the queue.
    put(root_, "/api/agents/" + std::to_string(anna_id_) + "/routing",
        {{"queues", {queue_}}, {"capacity", {{"chats", 1}, {"emails", 1}}}}, 200);
  }

  json start_chat(const std::string& email) {
    return post("", "/api/channels/chat",
                {{"name", "Client"}, {"email", email}, {"question", "Help"}}, 201);
  }

  json overview(const std::string& cookie, const std::string& query = "", int expected = 200) {
    return get(cookie, "/api/supervisor/overview" + query, expected);
  }

  static json by_name(const json& list, const std::string& key, const json& value) {
    for (const json& item : list) {
      if (item[key] == value) return item;
    }
    return nullptr;
  }

  std::string root_, anna_, sam_;
  std::int64_t queue_ = 0;
};

TEST_F(SupervisorTest, OnlySupervisorsAndAdminsSeeTheFloor) {
  EXPECT_EQ(overview(anna_, "", 403)["error"]["code"], "forbidden");
  overview("", "", 401);
  overview(sam_);
  overview(root_);
}

TEST_F(SupervisorTest, QueuesAgentsAndHandledWorkOverTheShift) {
  std::string shift_start = format_rfc3339(time_from_unix_ms(kStart));
  json first = start_chat("one@example.com");
  clock_.advance(2'000);
  start_chat("two@example.com");
  clock_.advance(3'000);

  json before = overview(sam_);
  json general = by_name(before["queues"], "name", "General");
  EXPECT_EQ(general["waiting"], 2);
  EXPECT_EQ(general["offered"], 0);
  EXPECT_EQ(general["longest_wait_ms"], 5'000);
  EXPECT_EQ(general["waiting_since"], shift_start);
  json billing = by_name(before["queues"], "name", "Billing");
  EXPECT_EQ(billing["waiting"], 0);
  EXPECT_EQ(billing["longest_wait_ms"], 0);
  EXPECT_TRUE(billing["waiting_since"].is_null());
  EXPECT_EQ(before["now"], format_rfc3339(time_from_unix_ms(kStart + 5'000)));
  EXPECT_EQ(before["since"], format_rfc3339(time_from_unix_ms(kStart + 5'000 - 12 * 3600 * 1000)));
  json anna = by_name(before["agents"], "id", anna_id_);
  EXPECT_EQ(anna["display_name"], "Anna Petrova");
  EXPECT_EQ(anna["state"], "not_ready");
  EXPECT_EQ(anna["tasks"], json({{"chat", 0}, {"call", 0}, {"email", 0}}));
  EXPECT_EQ(before["handled"]["count"], 0);
  EXPECT_TRUE(before["handled"]["average_handle_ms"].is_null());

  // Anna goes Ready and takes the first chat; the second keeps waiting.
  put(anna_, "/api/me/state", {{"state", "ready"}}, 200);
  server_.app().routing().route_now();
  json offered = overview(sam_);
  EXPECT_EQ(by_name(offered["queues"], "name", "General")["offered"], 1);
  EXPECT_EQ(by_name(offered["agents"], "id", anna_id_)["offered"], 1);
  json hand =
      post(anna_, "/api/tasks/" + std::to_string(first["task"]["id"].get<int>()) + "/accept",
           json::object(), 200);
  json during = overview(sam_);
  general = by_name(during["queues"], "name", "General");
  EXPECT_EQ(general["waiting"], 1);
  EXPECT_EQ(general["in_progress"], 1);
  EXPECT_EQ(general["longest_wait_ms"], 3'000);  // the second chat, since 2 s after the start
  anna = by_name(during["agents"], "id", anna_id_);
  EXPECT_EQ(anna["state"], "ready");
  EXPECT_EQ(anna["reason"], "");
  EXPECT_EQ(anna["since"], format_rfc3339(time_from_unix_ms(kStart + 5'000)));
  EXPECT_EQ(anna["tasks"]["chat"], 1);

  // Four minutes later she closes it: one handled, four minutes on average.
  clock_.advance(240'000);
  post(anna_, "/api/tasks/" + std::to_string(hand["task"]["id"].get<int>()) + "/close",
       {{"unknown_contact", "leave_without"}, {"wrap_up", "resolved"}}, 200);
  json after = overview(root_);
  EXPECT_EQ(after["handled"]["count"], 1);
  EXPECT_EQ(after["handled"]["average_handle_ms"], 240'000);
  EXPECT_EQ(after["handled"]["by_channel"]["chat"],
            json({{"count", 1}, {"average_handle_ms", 240'000}}));
  EXPECT_EQ(after["handled"]["by_channel"]["call"]["count"], 0);
  anna = by_name(after["agents"], "id", anna_id_);
  EXPECT_EQ(anna["handled"], json({{"count", 1}, {"average_handle_ms", 240'000}}));
  EXPECT_EQ(anna["tasks"]["chat"], 0);
  EXPECT_EQ(by_name(after["queues"], "name", "General")["handled"]["count"], 1);
  EXPECT_EQ(by_name(after["agents"], "id", sam_id_)["handled"]["count"], 0);

  // A shift that began after the close has handled nothing yet.
  clock_.advance(1);
  std::string later = format_rfc3339(time_from_unix_ms(kStart + 5'000 + 240'001));
  EXPECT_EQ(overview(sam_, "?since=" + care::percent_encode(later))["handled"]["count"], 0);
  EXPECT_EQ(overview(sam_, "?since=" + care::percent_encode(shift_start))["handled"]["count"], 1);
  // And twelve hours on, the default shift no longer holds it.
  clock_.advance(12 * 3600 * 1000);
  EXPECT_EQ(overview(session_for("sam"))["handled"]["count"], 0);
}

TEST_F(SupervisorTest, TheShiftStartMustBeATimeNotInTheFuture) {
  EXPECT_EQ(overview(sam_, "?since=yesterday", 400)["error"]["field"], "since");
  std::string future = format_rfc3339(time_from_unix_ms(kStart + 60'000));
  EXPECT_EQ(overview(sam_, "?since=" + care::percent_encode(future), 422)["error"]["field"],
            "since");
}

}  // namespace
}  // namespace care::server::testing
