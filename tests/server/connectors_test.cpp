// The promise docs/ingestion.md makes to connectors (R-B4), as a telephony or mail
// connector would hold the server to it: a call that ends while waiting leaves the
// queue, events after the end are refused, retries are recorded once, email bodies
// fit real mail, connectors read back with their own key, and chats find their queue.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "api_fixture.hpp"
#include "gateway_config.hpp"

namespace care::server::testing {
namespace {

using nlohmann::json;

class ConnectorsTest : public ApiFixture {
 protected:
  ConnectorsTest() : ApiFixture(gateway_config()) {
    root_ = session_for("root");
    anna_ = session_for("anna");
    // The first queue is for calls, as in the demo: a chat or email must not land here
    // just because it is first.
    calls_ = post(root_, "/api/queues", {{"name", "Calls"}, {"default_for", {"call"}}},
                  201)["queue"]["id"];
    chats_ = post(root_, "/api/queues", {{"name", "Chat"}, {"default_for", {"chat"}}},
                  201)["queue"]["id"];
    emails_ = post(root_, "/api/queues", {{"name", "Email"}, {"default_for", {"email"}}},
                   201)["queue"]["id"];
    put(root_, "/api/agents/" + std::to_string(anna_id_) + "/routing",
        {{"queues", {calls_, chats_, emails_}}, {"skills", json::array()}}, 200);
  }

  // A connector's POST with the integration key.
  json ingest(const std::string& path, const json& body, int expected,
              const std::string& scheme = "Bearer") {
    return send("POST", "", path, body, expected, {{"Authorization", scheme + " gateway-key"}});
  }
  json read_back(const std::string& path, int expected = 200) {
    return send("GET", "", path, nullptr, expected, {{"Authorization", "Bearer gateway-key"}});
  }
  json call(const std::string& id, const std::string& kind, int expected, json extra = {}) {
    json body = {{"call", id}, {"kind", kind}, {"from", "+359 88 123 4567"}};
    if (extra.is_object()) body.update(extra);
    return ingest("/api/channels/call", body, expected);
  }
  void ready(const std::string& cookie) {
    put(cookie, "/api/me/state", {{"state", "ready"}}, 200);
    server_.app().routing().route_now();
  }
  std::vector<std::int64_t> waiting_tasks() {
    std::vector<std::int64_t> ids;
    json queue = get(anna_, "/api/queue");  // kept alive: the loop walks inside it
    for (const json& entry : queue["tasks"]) {
      ids.push_back(entry["task"]["id"]);
    }
    return ids;
  }

  std::string root_;
  std::string anna_;
  std::int64_t calls_ = 0;
  std::int64_t chats_ = 0;
  std::int64_t emails_ = 0;
};

// Item 9: a caller who hangs up while waiting is gone; nobody should be offered them.
TEST_F(ConnectorsTest, ACallThatEndsWhileQueuedLeavesTheQueue) {
  json rang = call("pbx-1", "ringing", 201);
  std::int64_t task = rang["task"]["id"];
  EXPECT_EQ(rang["task"]["queue"], calls_);
  ASSERT_EQ(waiting_tasks(), std::vector<std::int64_t>{task});

  json ended = call("pbx-1", "ended", 200);
  EXPECT_EQ(ended["activity"]["call_events"].size(), 2u);
  EXPECT_TRUE(waiting_tasks().empty());
  ready(anna_);
  EXPECT_TRUE(get(anna_, "/api/tasks")["tasks"].empty()) << "an abandoned call was offered";
}

// Item 9: an offer in flight is taken back, and the agent's desktop is told why.
TEST_F(ConnectorsTest, ACallThatEndsWhileOfferedIsWithdrawnFromTheAgent) {
  auto& hub = server_.app().events();
  auto desk = hub.subscribe({anna_id_, store::Role::Agent, "desk"}, std::nullopt).subscriber;
  ASSERT_TRUE(desk);
  std::int64_t task = call("pbx-2", "ringing", 201)["task"]["id"];
  ready(anna_);
  ASSERT_EQ(get(anna_, "/api/tasks")["tasks"][0]["task"]["state"], "offered");

  call("pbx-2", "ended", 200);
  EXPECT_TRUE(get(anna_, "/api/tasks")["tasks"].empty());
  EXPECT_EQ(get(anna_, "/api/me")["agent"]["state"], "ready");  // not a missed offer
  std::string seen;
  for (;;) {
    auto batch = desk->wait(std::chrono::milliseconds(50));
    if (batch.text.empty()) break;
    seen += batch.text;
  }
  size_t withdrawn = seen.find("event: task.withdrawn\ndata: ");
  ASSERT_NE(withdrawn, std::string::npos) << seen;
  size_t start = withdrawn + std::string("event: task.withdrawn\ndata: ").size();
  json told = json::parse(seen.substr(start, seen.find('\n', start) - start));
  EXPECT_EQ(told["task"], task);
  EXPECT_EQ(told["reason"], "abandoned");
  hub.unsubscribe(desk);
}

// Item 9: nothing happens on a call after it ended.
TEST_F(ConnectorsTest, EventsAfterEndedAreRefused) {
  call("pbx-3", "ringing", 201);
  call("pbx-3", "ended", 200);
  json late = call("pbx-3", "answered", 409);
  EXPECT_EQ(late["error"]["code"], "not_allowed");
  EXPECT_EQ(late["error"]["field"], "kind");
  EXPECT_EQ(read_back("/api/channels/call/pbx-3")["activity"]["call_events"].size(), 2u);
}

// Item 9: a connector that retries after a lost answer records nothing twice.
TEST_F(ConnectorsTest, ARepeatedCallEventIsRecordedOnce) {
  json first = call("pbx-4", "ringing", 201, {{"at", "2026-12-04T10:00:00.000Z"}});
  json again = call("pbx-4", "ringing", 200, {{"at", "2026-12-04T10:00:00.000Z"}});
  EXPECT_EQ(again["activity"]["id"], first["activity"]["id"]);
  EXPECT_EQ(again["task"]["id"], first["task"]["id"]);
  call("pbx-4", "answered", 200, {{"at", "2026-12-04T10:00:05.000Z"}});
  call("pbx-4", "answered", 200, {{"at", "2026-12-04T10:00:05.000Z"}});
  call("pbx-4", "held", 200, {{"at", "2026-12-04T10:00:07.000Z"}});
  call("pbx-4", "resumed", 200, {{"at", "2026-12-04T10:00:09.000Z"}});
  call("pbx-4", "held", 200, {{"at", "2026-12-04T10:00:11.000Z"}});  // a second hold is new
  call("pbx-4", "ended", 200);
  json ended_again = call("pbx-4", "ended", 200);  // the retry of the end, not a late event
  json events = ended_again["activity"]["call_events"];
  std::vector<std::string> kinds;
  for (const json& e : events)
    kinds.push_back(e["kind"]);
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"ringing", "answered", "held", "resumed", "held", "ended"}));
  EXPECT_EQ(events[1]["at"], "2026-12-04T10:00:05.000Z");  // the telephony's own time
  json bad_at = call("pbx-4", "held", 422, {{"at", "yesterday"}});
  EXPECT_EQ(bad_at["error"]["field"], "at");
}

// Item 9: a mail gateway that posts one mail twice makes one activity and one task.
TEST_F(ConnectorsTest, TheSameEmailPostedTwiceIsOneActivity) {
  json mail = {{"from", "maria@example.bg"},
               {"to", "support@example.com"},
               {"subject", "Invoice twice"},
               {"body", "I was charged twice."},
               {"message_id", "<20261204.4711@mail.example.bg>"}};
  json first = ingest("/api/channels/email", mail, 201);
  json again = ingest("/api/channels/email", mail, 200);
  EXPECT_EQ(again["activity"]["id"], first["activity"]["id"]);
  EXPECT_EQ(again["task"]["id"], first["task"]["id"]);
  EXPECT_EQ(waiting_tasks().size(), 1u);
  EXPECT_EQ(first["task"]["queue"], emails_);
  mail["message_id"] = "<another@mail.example.bg>";
  ingest("/api/channels/email", mail, 201);
  EXPECT_EQ(waiting_tasks().size(), 2u);
}

// Item 10: R-C1's 2,000 characters are a request's title and description, not a mail.
TEST_F(ConnectorsTest, AnEmailBodyHoldsRealMail) {
  std::string long_mail;
  while (long_mail.size() < 30'000)
    long_mail += "Ред от дълго писмо, with a quoted thread.\n";
  json mail = {{"from", "maria@example.bg"}, {"subject", "Long"}, {"body", long_mail}};
  json in = ingest("/api/channels/email", mail, 201);
  EXPECT_EQ(in["activity"]["messages"][0]["text"], long_mail);

  // The agent's reply to it has the same room.
  ready(anna_);
  post(anna_, "/api/tasks/" + std::to_string(in["task"]["id"].get<int>()) + "/accept",
       json::object(), 200);
  std::string messages =
      "/api/activities/" + std::to_string(in["activity"]["id"].get<int>()) + "/messages";
  json reply = post(anna_, messages, {{"text", "Dear Maria,\n" + long_mail}}, 201);
  EXPECT_EQ(reply["message"]["text"], "Dear Maria,\n" + long_mail);

  // Still bounded: 200,000 characters.
  mail["body"] = std::string(200'001, 'x');
  json too_long = ingest("/api/channels/email", mail, 422);
  EXPECT_EQ(too_long["error"]["code"], "too_long");
  EXPECT_EQ(too_long["error"]["field"], "body");
  mail["body"] = std::string(200'000, 'x');
  ingest("/api/channels/email", mail, 201);

  // A chat line stays a line: 2,000 characters, the widget's own bound.
  json chat = post("", "/api/channels/chat",
                   {{"name", "Ana"}, {"email", "ana@example.com"}, {"question", "Hello"}}, 201);
  std::string line =
      "/api/channels/chat/" + std::to_string(chat["chat"]["id"].get<int>()) + "/messages";
  std::string token = chat["chat"]["token"];
  send("POST", "", line, {{"text", std::string(2'000, 'y')}}, 201,
       {{"Authorization", "Bearer " + token}});
  json long_line = send("POST", "", line, {{"text", std::string(2'001, 'y')}}, 422,
                        {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(long_line["error"]["code"], "too_long");
}

// Item 11: what the agent wrote and did reaches the connector with its own key.
TEST_F(ConnectorsTest, ConnectorsReadRepliesAndCallControlsWithTheirKey) {
  json in = ingest("/api/channels/email",
                   {{"from", "maria@example.bg"}, {"subject", "Invoice"}, {"body", "Twice?"}}, 201,
                   "bearer");  // the scheme is case-insensitive (RFC 7235)
  std::string email = std::to_string(in["activity"]["id"].get<int>());
  ready(anna_);
  post(anna_, "/api/tasks/" + std::to_string(in["task"]["id"].get<int>()) + "/accept",
       json::object(), 200);
  post(anna_, "/api/activities/" + email + "/messages", {{"text", "Refunded."}}, 201);

  json read = read_back("/api/channels/email/" + email);
  ASSERT_EQ(read["activity"]["messages"].size(), 2u);
  EXPECT_EQ(read["activity"]["messages"][1]["text"], "Refunded.");
  EXPECT_EQ(read["activity"]["messages"][1]["to"], json::array({"maria@example.bg"}));
  send("GET", "", "/api/channels/email/" + email, nullptr, 401);
  send("GET", "", "/api/channels/email/" + email, nullptr, 401,
       {{"Authorization", "Bearer wrong"}});
  read_back("/api/channels/email/999999", 404);

  json rang = call("pbx-5", "ringing", 201);
  post(anna_, "/api/tasks/" + std::to_string(in["task"]["id"].get<int>()) + "/close",
       {{"unknown_contact", "leave_without"}, {"wrap_up", "resolved"}}, 200);
  server_.app().routing().route_now();
  post(anna_, "/api/tasks/" + std::to_string(rang["task"]["id"].get<int>()) + "/accept",
       json::object(), 200);
  call("pbx-5", "answered", 200);
  std::string control =
      "/api/activities/" + std::to_string(rang["activity"]["id"].get<int>()) + "/call";
  post(anna_, control, {{"action", "hold"}}, 200);
  json events = read_back("/api/channels/call/pbx-5")["activity"]["call_events"];
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2]["kind"], "held");
  read_back("/api/channels/call/no-such-call", 404);
  // A call is not an email, and the other way round.
  read_back("/api/channels/email/" + std::to_string(rang["activity"]["id"].get<int>()), 404);
}

// Item 11: without a configured key no connector can succeed, whatever it sends.
TEST(ConnectorsOff, WithoutAKeyIngestionAnswers503) {
  TestServer server;
  auto client = server.client();
  for (const char* path : {"/api/channels/email", "/api/channels/call"}) {
    auto answer =
        client.Post(path, {{"Authorization", "Bearer anything"}}, "{}", "application/json");
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 503) << path;
    EXPECT_EQ(json::parse(answer->body)["error"]["code"], "ingestion_off");
  }
  auto read = client.Get("/api/channels/call/pbx-1", {{"Authorization", "Bearer anything"}});
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 503);
}

// Item 12: a portal chat goes to a chat queue, the one the widget names or the
// default for chat, never simply the first queue.
TEST_F(ConnectorsTest, APortalChatGoesToTheChatQueue) {
  json survey = {{"name", "Ana"}, {"email", "ana@example.com"}, {"question", "Hello"}};
  EXPECT_EQ(post("", "/api/channels/chat", survey, 201)["task"]["queue"], chats_);
  survey["queue"] = "Email";  // by name
  EXPECT_EQ(post("", "/api/channels/chat", survey, 201)["task"]["queue"], emails_);
  survey["queue"] = calls_;  // by id
  EXPECT_EQ(post("", "/api/channels/chat", survey, 201)["task"]["queue"], calls_);
  survey["queue"] = "Nowhere";
  json unknown = post("", "/api/channels/chat", survey, 422);
  EXPECT_EQ(unknown["error"]["field"], "queue");
  survey["queue"] = 999999;
  EXPECT_EQ(post("", "/api/channels/chat", survey, 422)["error"]["field"], "queue");
  survey["queue"] = true;
  EXPECT_EQ(post("", "/api/channels/chat", survey, 400)["error"]["field"], "queue");

  // The list says which queue is the default for what; a channel has one default.
  json queues = get(anna_, "/api/queues")["queues"];
  EXPECT_EQ(queues[1]["default_for"], json::array({"chat"}));
  json second = post(root_, "/api/queues", {{"name", "Chat 2"}, {"default_for", {"chat"}}}, 409);
  EXPECT_EQ(second["error"]["field"], "default_for");
  json bad = post(root_, "/api/queues", {{"name", "Fax"}, {"default_for", {"fax"}}}, 422);
  EXPECT_EQ(bad["error"]["field"], "default_for");
}

// Item 12: the demo's portal chats go to its "Chat" queue, though "Calls" comes first.
TEST(ConnectorsDemo, APortalChatInTheDemoGoesToTheChatQueue) {
  Config config;
  config.demo = true;
  config.demo_seed = 7;
  TestServer server(config);
  auto client = server.client();
  auto started =
      client.Post("/api/channels/chat",
                  json{{"name", "Ana"}, {"email", "ana@example.com"}, {"question", "Hello"}}.dump(),
                  "application/json");
  ASSERT_TRUE(started);
  ASSERT_EQ(started->status, 201) << started->body;
  std::int64_t queue = json::parse(started->body)["task"]["queue"];
  std::string name;
  for (const Queue& q : server.app().store().queues()) {
    if (q.id == queue) name = q.name;
  }
  EXPECT_EQ(name, "Chat");
  EXPECT_EQ(server.app().store().queues().front().name, "Calls");
}

}  // namespace
}  // namespace care::server::testing
