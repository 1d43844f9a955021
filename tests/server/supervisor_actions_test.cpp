// Supervisor actions from the floor (issue 18): the floor lists each agent's tasks in
// hand; a supervisor monitors a chat silently (its lines reach them, no one is told),
// barges in by writing in it, stops, and sets an agent Not Ready. Each is recorded in
// the audit trail (R-G3), which supervisors read.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_fixture.hpp"
#include "care/time.hpp"
#include "gateway_config.hpp"
#include "sse_reader.hpp"

namespace care::server::testing {
namespace {

using nlohmann::json;

class SupervisorActionsTest : public ApiFixture {
 protected:
  SupervisorActionsTest() : ApiFixture(gateway_config()) {
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

  Chat accepted_chat(const std::string& email) {
    json started = post("", "/api/channels/chat",
                        {{"name", "Vera"}, {"email", email}, {"question", "Help"}}, 201);
    Chat chat{started["chat"]["id"], started["chat"]["token"], started["task"]["id"]};
    server_.app().routing().route_now();
    post(anna_, "/api/tasks/" + std::to_string(chat.task) + "/accept", json::object(), 200);
    return chat;
  }

  std::unique_ptr<SseReader> open_stream(const std::string& cookie) {
    auto reader = std::make_unique<SseReader>(server_.port(), with_cookie(cookie));
    EXPECT_EQ(reader->status(), 200);
    return reader;
  }

  // The chat lines `stream` got before a mark published after everything so far.
  std::vector<std::string> lines_before_mark(SseReader& stream) {
    server_.app().events().publish("test.mark", json::object(), events::Audience::all());
    std::vector<std::string> lines;
    while (auto event = stream.next()) {
      if (event->type == "test.mark") break;
      if (event->type == "chat.message") lines.push_back(event->data["message"]["text"]);
    }
    return lines;
  }

  std::string monitor_path(const Chat& chat) {
    return "/api/activities/" + std::to_string(chat.id) + "/monitor";
  }
  std::string messages_path(const Chat& chat) {
    return "/api/activities/" + std::to_string(chat.id) + "/messages";
  }
  json customer_says(const Chat& chat, const std::string& text) {
    return send("POST", "", "/api/channels/chat/" + std::to_string(chat.id) + "/messages",
                {{"text", text}}, 201, {{"Authorization", "Bearer " + chat.token}});
  }
  json audit(const std::string& type, std::int64_t id) {
    return get(sam_, "/api/audit?type=" + type + "&id=" + std::to_string(id))["audit"];
  }

  std::string root_, anna_, sam_;
  std::int64_t queue_ = 0;
};

TEST_F(SupervisorActionsTest, TheFloorListsEachAgentsTasksInHand) {
  Chat chat = accepted_chat("vera@example.com");
  json floor = get(sam_, "/api/supervisor/overview");
  json anna;
  for (const json& agent : floor["agents"]) {
    if (agent["id"] == anna_id_) anna = agent;
  }
  ASSERT_EQ(anna["in_hand"].size(), 1u);
  EXPECT_EQ(anna["in_hand"][0]["task"], chat.task);
  EXPECT_EQ(anna["in_hand"][0]["activity"], chat.id);
  EXPECT_EQ(anna["in_hand"][0]["channel"], "chat");
  EXPECT_EQ(anna["in_hand"][0]["since"], format_rfc3339(time_from_unix_ms(clock_.now_ms())));
}

TEST_F(SupervisorActionsTest, AMonitorGetsTheLinesSilentlyBargesInAndStops) {
  Chat chat = accepted_chat("vera@example.com");
  auto sam_stream = open_stream(sam_);
  customer_says(chat, "before");
  EXPECT_TRUE(lines_before_mark(*sam_stream).empty());  // not monitoring yet

  json monitored = post(sam_, monitor_path(chat), json::object(), 200);
  EXPECT_EQ(monitored["activity"]["id"], chat.id);
  EXPECT_EQ(monitored["task"]["agent"], anna_id_);
  ASSERT_GE(monitored["activity"]["messages"].size(), 2u);  // the question and "before"
  post(sam_, monitor_path(chat), json::object(), 200);      // again: still one record

  customer_says(chat, "from the customer");
  post(anna_, messages_path(chat), {{"text", "from Anna"}}, 201);
  EXPECT_EQ(lines_before_mark(*sam_stream),
            (std::vector<std::string>{"from the customer", "from Anna"}));

  // Barging in: the line is the supervisor's, and reaches the customer and Anna.
  auto anna_stream = open_stream(anna_);
  json barged = post(sam_, messages_path(chat), {{"text", "Sam here, I can help"}}, 201);
  EXPECT_EQ(barged["message"]["author_name"], "Sam Supervisor");
  EXPECT_EQ(lines_before_mark(*anna_stream), (std::vector<std::string>{"Sam here, I can help"}));
  EXPECT_EQ(lines_before_mark(*sam_stream), (std::vector<std::string>{"Sam here, I can help"}));
  json transcript = send("GET", "", "/api/channels/chat/" + std::to_string(chat.id) + "/messages",
                         nullptr, 200, {{"Authorization", "Bearer " + chat.token}});
  EXPECT_EQ(transcript["messages"].back()["text"], "Sam here, I can help");

  send("DELETE", sam_, monitor_path(chat), nullptr, 204);
  send("DELETE", sam_, monitor_path(chat), nullptr, 404);  // not monitoring any more
  customer_says(chat, "after");
  EXPECT_TRUE(lines_before_mark(*sam_stream).empty());
  // Without monitoring, the supervisor may not write in someone else's chat.
  EXPECT_EQ(post(sam_, messages_path(chat), {{"text", "again"}}, 403)["error"]["field"],
            "activity");

  std::vector<std::string> actions;
  for (const json& line : audit("activity", chat.id)) {
    if (line["actor"] == sam_id_) actions.push_back(line["action"]);
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"monitor", "barge", "monitor.end"}));
}

TEST_F(SupervisorActionsTest, MonitoringIsForSupervisorsAndChatsInProgress) {
  Chat chat = accepted_chat("vera@example.com");
  EXPECT_EQ(post(anna_, monitor_path(chat), json::object(), 403)["error"]["code"], "forbidden");
  post("", monitor_path(chat), json::object(), 401);
  EXPECT_EQ(post(sam_, "/api/activities/999999/monitor", json::object(), 404)["error"]["code"],
            "not_found");
  // An email is not monitored.
  json mail = send("POST", "", "/api/channels/email",
                   {{"from", "eve@example.com"},
                    {"to", "support@example.com"},
                    {"subject", "Invoice"},
                    {"body", "Charged twice."}},
                   201, {{"Authorization", "Bearer gateway-key"}});
  EXPECT_EQ(post(sam_,
                 "/api/activities/" + std::to_string(mail["activity"]["id"].get<std::int64_t>()) +
                     "/monitor",
                 json::object(), 422)["error"]["field"],
            "activity");
  // A chat that has ended has no one to monitor.
  post(anna_, "/api/tasks/" + std::to_string(chat.task) + "/close",
       {{"unknown_contact", "leave_without"}, {"wrap_up", "resolved"}}, 200);
  EXPECT_EQ(post(sam_, monitor_path(chat), json::object(), 409)["error"]["field"], "activity");
}

TEST_F(SupervisorActionsTest, SettingAnAgentNotReadyIsRecordedWithTheSupervisor) {
  put(sam_, "/api/agents/" + std::to_string(anna_id_) + "/state",
      {{"state", "not_ready"}, {"reason", "meeting"}}, 200);
  json trail = audit("agent", anna_id_);
  ASSERT_FALSE(trail.empty());
  EXPECT_EQ(trail.back()["actor"], sam_id_);
  EXPECT_EQ(trail.back()["action"], "agent.state");
  // The trail is the supervisors'; its query is checked.
  get(anna_, "/api/audit?type=agent&id=" + std::to_string(anna_id_), 403);
  EXPECT_EQ(get(sam_, "/api/audit?id=1", 400)["error"]["field"], "type");
  EXPECT_EQ(get(sam_, "/api/audit?type=planet&id=1", 422)["error"]["field"], "type");
  EXPECT_EQ(get(sam_, "/api/audit?type=agent", 400)["error"]["field"], "id");
  EXPECT_EQ(get(sam_, "/api/audit?type=agent&id=x", 400)["error"]["field"], "id");
  EXPECT_EQ(get(sam_, "/api/audit?type=agent&id=1&limit=0", 422)["error"]["field"], "limit");
}

}  // namespace
}  // namespace care::server::testing
