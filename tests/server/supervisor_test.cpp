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

  // A shift that began after the close has handled nothing yet.
  clock_.advance(1);
  std::string later = format_rfc3339(time_from_unix_ms(kStart + 5'000 + 240'001));
  EXPECT_EQ(overview(sam_, "?since=" + care::percent_encode(later))["handled"]["count"], 0);
  EXPECT_EQ(overview(sam_, "?since=" + care::percent_encode(shift_start))["handled"]["count"], 1);
  // And twelve hours on, the default shift no longer holds it.
  clock_.advance(12 * 3600 * 1000);
  EXPECT_EQ(overview(session_for("sam"))["handled"]["count"], 0);
}

TEST_F(SupervisorTest, OnlyAgentsAreListedNotSupervisorsOrAdmins) {
  json floor = overview(sam_);
  ASSERT_EQ(floor["agents"].size(), 1u);
  EXPECT_EQ(floor["agents"][0]["id"], anna_id_);
  EXPECT_FALSE(floor["agents"][0].contains("role"));
}

TEST_F(SupervisorTest, ASignedOutAgentIsOfflineWhateverStateWasLeft) {
  put(anna_, "/api/me/state", {{"state", "ready"}}, 200);
  EXPECT_EQ(by_name(overview(sam_)["agents"], "id", anna_id_)["state"], "ready");
  send("DELETE", anna_, "/api/session", nullptr, 204);
  json anna = by_name(overview(sam_)["agents"], "id", anna_id_);
  EXPECT_EQ(anna["state"], "offline");
  EXPECT_EQ(anna["reason"], "");
  // Back in, she is what she left.
  std::string again = session_for("anna");
  EXPECT_EQ(by_name(overview(sam_)["agents"], "id", anna_id_)["state"], "ready");
  // An expired session is signed out too (the shift's 12 hours).
  clock_.advance(12 * 3600 * 1000 + 1);
  root_ = session_for("root");
  EXPECT_EQ(by_name(overview(root_)["agents"], "id", anna_id_)["state"], "offline");
}

TEST_F(SupervisorTest, QueuesCarryTheirTargetsWithDefaults) {
  json floor = overview(sam_);
  EXPECT_EQ(by_name(floor["queues"], "name", "General")["targets"],
            json({{"longest_wait_ms", 120'000}, {"waiting", 5}}));
  json email =
      post(root_, "/api/queues",
           {{"name", "Email"}, {"targets", {{"longest_wait_ms", 3'600'000}, {"waiting", 20}}}},
           201)["queue"];
  EXPECT_EQ(email["targets"], json({{"longest_wait_ms", 3'600'000}, {"waiting", 20}}));
  json changed = put(root_, "/api/queues/" + std::to_string(queue_) + "/targets",
                     {{"longest_wait_ms", 30'000}, {"waiting", 2}}, 200);
  EXPECT_EQ(changed["queue"]["targets"], json({{"longest_wait_ms", 30'000}, {"waiting", 2}}));
  floor = overview(sam_);
  EXPECT_EQ(by_name(floor["queues"], "name", "General")["targets"]["waiting"], 2);
  EXPECT_EQ(by_name(get(anna_, "/api/queues")["queues"], "name", "General")["targets"]["waiting"],
            2);
}

TEST_F(SupervisorTest, OnlyAnAdminSetsTargetsAndOnlySensibleOnes) {
  const std::string path = "/api/queues/" + std::to_string(queue_) + "/targets";
  const json good = {{"longest_wait_ms", 60'000}, {"waiting", 3}};
  EXPECT_EQ(put(sam_, path, good, 403)["error"]["code"], "forbidden");
  EXPECT_EQ(put(anna_, path, good, 403)["error"]["code"], "forbidden");
  put("", path, good, 401);
  put(root_, "/api/queues/999/targets", good, 404);
  EXPECT_EQ(put(root_, path, {{"longest_wait_ms", 0}, {"waiting", 3}}, 422)["error"]["field"],
            "longest_wait_ms");
  EXPECT_EQ(put(root_, path, {{"longest_wait_ms", 60'000}, {"waiting", -1}}, 422)["error"]["field"],
            "waiting");
  EXPECT_EQ(put(root_, path, {{"longest_wait_ms", "2m"}, {"waiting", 3}}, 400)["error"]["field"],
            "longest_wait_ms");
  EXPECT_EQ(put(root_, path, {{"waiting", 3}}, 400)["error"]["field"], "longest_wait_ms");
  EXPECT_EQ(put(root_, path, json::array(), 400)["error"]["code"], "wrong_type");
  EXPECT_EQ(post(root_, "/api/queues", {{"name", "Odd"}, {"targets", {{"longest_wait_ms", 1}}}},
                 422)["error"]["field"],
            "targets.longest_wait_ms");
  // Nothing changed.
  EXPECT_EQ(by_name(overview(sam_)["queues"], "name", "General")["targets"]["waiting"], 5);
}

TEST_F(SupervisorTest, ServiceLevelCountsAcceptedWithinTheTargetAndWaitsPastIt) {
  put(root_, "/api/queues/" + std::to_string(queue_) + "/targets",
      {{"longest_wait_ms", 60'000}, {"waiting", 5}}, 200);
  json general = by_name(overview(sam_)["queues"], "name", "General");
  EXPECT_EQ(general["service_level"],
            json({{"within_target", 0}, {"counted", 0}, {"share", nullptr}}));

  // One chat accepted after 30 s (within), then one after 90 s (not).
  put(root_, "/api/agents/" + std::to_string(anna_id_) + "/routing",
      {{"queues", {queue_}}, {"capacity", {{"chats", 3}, {"emails", 1}}}}, 200);
  json first = start_chat("one@example.com");
  json second = start_chat("two@example.com");
  clock_.advance(30'000);
  post(anna_, "/api/tasks/" + std::to_string(first["task"]["id"].get<int>()) + "/accept",
       json::object(), 200);
  clock_.advance(60'000);
  post(anna_, "/api/tasks/" + std::to_string(second["task"]["id"].get<int>()) + "/accept",
       json::object(), 200);
  // A third waits 61 s: past the target, it counts against before anyone takes it.
  start_chat("three@example.com");
  clock_.advance(59'000);
  general = by_name(overview(sam_)["queues"], "name", "General");
  EXPECT_EQ(general["service_level"]["within_target"], 1);
  EXPECT_EQ(general["service_level"]["counted"], 2);
  clock_.advance(2'000);
  general = by_name(overview(sam_)["queues"], "name", "General");
  EXPECT_EQ(general["service_level"]["counted"], 3);
  EXPECT_NEAR(general["service_level"]["share"].get<double>(), 1.0 / 3.0, 1e-9);
  // A shift that began after those accepts counts only the one still waiting.
  std::string later = format_rfc3339(time_from_unix_ms(clock_.now_ms() - 1'000));
  general =
      by_name(overview(sam_, "?since=" + care::percent_encode(later))["queues"], "name", "General");
  EXPECT_EQ(general["service_level"], json({{"within_target", 0}, {"counted", 1}, {"share", 0.0}}));
}

TEST_F(SupervisorTest, TheLastHourIsSampledPerQueueAndBounded) {
  services::SupervisorService& supervisor = server_.app().supervisor();
  EXPECT_EQ(supervisor.samples_kept(), 120u);  // every 30 s for an hour
  EXPECT_EQ(overview(sam_)["sample_every_ms"], 30'000);
  supervisor.sample_now();
  start_chat("one@example.com");
  start_chat("two@example.com");
  clock_.advance(30'000);
  supervisor.sample_now();
  json history = by_name(overview(sam_)["queues"], "name", "General")["history"];
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0], json({{"at", format_rfc3339(time_from_unix_ms(kStart))},
                              {"waiting", 0},
                              {"in_progress", 0}}));
  EXPECT_EQ(history[1]["waiting"], 2);
  EXPECT_EQ(by_name(overview(sam_)["queues"], "name", "Billing")["history"].size(), 2u);
  // Two hours of samples keep only the last hour.
  for (int i = 0; i < 240; ++i) {
    clock_.advance(30'000);
    supervisor.sample_now();
  }
  history = by_name(overview(sam_)["queues"], "name", "General")["history"];
  ASSERT_EQ(history.size(), 120u);
  EXPECT_EQ(history.back()["at"], format_rfc3339(time_from_unix_ms(clock_.now_ms())));
}

TEST_F(SupervisorTest, TheShiftStartMustBeATimeNotInTheFuture) {
  EXPECT_EQ(overview(sam_, "?since=yesterday", 400)["error"]["field"], "since");
  std::string future = format_rfc3339(time_from_unix_ms(kStart + 60'000));
  EXPECT_EQ(overview(sam_, "?since=" + care::percent_encode(future), 422)["error"]["field"],
            "since");
}

}  // namespace
}  // namespace care::server::testing
