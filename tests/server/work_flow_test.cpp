// The seed flow through the API (R-A3–A7, R-B, R-C, R-D, R-E1): a chat arrives, is
// offered, accepted into the right request, talked through, edited and closed.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "accounts_fixture.hpp"
#include "care/rules/routing.hpp"
#include "care/url.hpp"
#include "services/record_watch.hpp"
#include "services/routing_service.hpp"
#include "sse_reader.hpp"

namespace care::server::testing {
namespace {

using nlohmann::json;

Config with_integration_key() {
  Config config;
  config.integration_key = "gateway-key";
  config.offer_timeout = std::chrono::milliseconds(15'000);
  // Some tests start hundreds of chats from one address on a clock that stands still;
  // limits_test.cpp covers the limits.
  config.chat_starts_per_address = 0;
  config.connector_requests = 0;
  return config;
}

class WorkFlowTest : public AccountsFixture {
 protected:
  WorkFlowTest() : AccountsFixture(with_integration_key()) {
    root_ = session_for("root");
    anna_ = session_for("anna");
    queue_id_ =
        post(root_, "/api/queues", {{"name", "General"}, {"priority", 1}}, 201)["queue"]["id"];
    put(root_, "/api/agents/" + std::to_string(anna_id_) + "/routing",
        {{"queues", {queue_id_}}, {"skills", json::array()}}, 200);
  }

  json send(const char* method, const std::string& cookie, const std::string& path,
            const json& body, int expected) {
    auto client = server_.client();
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    std::string text = body.is_null() ? "" : body.dump();
    std::string m = method;
    httplib::Result result =
        m == "POST"     ? client.Post(path.c_str(), headers, text, "application/json")
        : m == "PUT"    ? client.Put(path.c_str(), headers, text, "application/json")
        : m == "PATCH"  ? client.Patch(path.c_str(), headers, text, "application/json")
        : m == "DELETE" ? client.Delete(path.c_str(), headers)
                        : client.Get(path.c_str(), headers);
    EXPECT_TRUE(result) << method << " " << path;
    if (!result) return json();
    EXPECT_EQ(result->status, expected) << method << " " << path << " → " << result->body;
    return result->body.empty() ? json() : json::parse(result->body, nullptr, false);
  }
  json get(const std::string& cookie, const std::string& path, int expected = 200) {
    return send("GET", cookie, path, nullptr, expected);
  }
  json post(const std::string& cookie, const std::string& path, const json& body, int expected) {
    return send("POST", cookie, path, body, expected);
  }
  json put(const std::string& cookie, const std::string& path, const json& body, int expected) {
    return send("PUT", cookie, path, body, expected);
  }
  json patch(const std::string& cookie, const std::string& path, const json& body, int expected) {
    return send("PATCH", cookie, path, body, expected);
  }

  // A customer starts a chat in the widget: {chat:{id, token}, task}.
  json start_chat(const std::string& email, const std::string& question = "My router blinks red") {
    return post("", "/api/channels/chat",
                {{"name", "Мария Иванова"},
                 {"email", email},
                 {"question", question},
                 {"visitor",
                  {{"authenticated", false},
                   {"browser", "Chromium 156"},
                   {"operating_system", "Linux"},
                   {"location", "Europe/Sofia"},
                   {"language", "bg"}}},
                 {"self_service",
                  {{{"kind", "searched"},
                    {"detail", "router red light"},
                    {"at", "2026-09-21T10:00:00.000Z"}}}}},
                201);
  }

  void ready(const std::string& cookie) {
    put(cookie, "/api/me/state", {{"state", "ready"}}, 200);
    server_.app().routing().route_now();
  }

  json accept(const std::string& cookie, std::int64_t task, int expected = 200) {
    return post(cookie, "/api/tasks/" + std::to_string(task) + "/accept", json::object(), expected);
  }

  // Lets the window of queue.changed pass: a round closes what is open (or opens one
  // for changes it had not seen), the clock moves past it and the next round tells.
  void tell_queues() {
    server_.app().routing().route_now();
    clock_.advance(services::RoutingService::kQueueNewsWindow.count());
    server_.app().routing().route_now();
  }

  std::unique_ptr<SseReader> open_stream(const std::string& cookie) {
    auto reader = std::make_unique<SseReader>(server_.port(), with_cookie(cookie));
    EXPECT_EQ(reader->status(), 200);
    return reader;
  }
  // An event every stream hears, after everything published so far.
  void mark_streams() {
    server_.app().events().publish("test.mark", json::object(), events::Audience::all());
  }
  // The queues told on `stream` before the next mark (waits for the mark to arrive).
  std::vector<std::int64_t> queue_news_before_mark(SseReader& stream) {
    std::vector<std::int64_t> queues;
    while (auto event = stream.next()) {
      if (event->type == "test.mark") return queues;
      if (event->type == "queue.changed") queues.push_back(event->data.at("queue"));
    }
    ADD_FAILURE() << "no mark on the stream";
    return queues;
  }

  std::string root_;
  std::string anna_;
  std::int64_t queue_id_ = 0;
};

TEST_F(WorkFlowTest, AChatIsOfferedToTheReadyAgentAndAcceptOpensANewRequest) {
  json chat = start_chat("maria@example.bg");
  std::int64_t task = chat["task"]["id"];
  EXPECT_EQ(chat["task"]["state"], "queued");

  ready(anna_);
  json mine = get(anna_, "/api/tasks");
  ASSERT_EQ(mine["tasks"].size(), 1u);
  EXPECT_EQ(mine["tasks"][0]["task"]["state"], "offered");
  EXPECT_EQ(mine["tasks"][0]["task"]["agent"], anna_id_);

  json accepted = accept(anna_, task);
  EXPECT_EQ(accepted["task"]["state"], "assigned");
  // Unknown contact: no customer yet, and a new request titled after the question.
  EXPECT_TRUE(accepted["customer"].is_null());
  EXPECT_EQ(accepted["request"]["title"], "My router blinks red");
  EXPECT_EQ(accepted["activity"]["request"], accepted["request"]["id"]);
  // The conversation context reached the agent (R-F1, R-F2).
  json context = accepted["activity"]["context"];
  EXPECT_EQ(context["visitor"]["browser"], "Chromium 156");
  EXPECT_EQ(context["self_service"][0]["detail"], "router red light");
  EXPECT_EQ(context["pre_chat"][0]["value"], "Мария Иванова");
}

TEST_F(WorkFlowTest, AcceptJoinsTheMostRecentOpenRequestOfAKnownCustomer) {
  json customer = post(anna_, "/api/customers",
                       {{"kind", "contact"}, {"name", "Maria"}, {"email", "maria@example.bg"}},
                       201)["customer"];
  std::string requests =
      "/api/customers/" + std::to_string(customer["id"].get<int>()) + "/requests";
  json older = post(anna_, requests, {{"title", "Invoice"}}, 201)["request"];
  clock_.advance(1000);
  json newer = post(anna_, requests, {{"title", "Router"}}, 201)["request"];

  // Several open: the most recent one.
  json first = start_chat("MARIA@example.bg");
  ready(anna_);
  json accepted = accept(anna_, first["task"]["id"]);
  EXPECT_EQ(accepted["request"]["id"], newer["id"]);
  EXPECT_EQ(accepted["customer"]["id"], customer["id"]);

  // One open (the newer closed): that one.
  patch(anna_, "/api/requests/" + std::to_string(newer["id"].get<int>()),
        {{"version", accepted["request"]["version"]}, {"status", "closed"}}, 200);
  json second = start_chat("maria@example.bg");
  json pulled = accept(anna_, second["task"]["id"]);
  EXPECT_EQ(pulled["request"]["id"], older["id"]);

  // None open: a new request.
  patch(anna_, "/api/requests/" + std::to_string(older["id"].get<int>()),
        {{"version", pulled["request"]["version"]}, {"status", "closed"}}, 200);
  json third = start_chat("maria@example.bg", "Another question");
  json fresh = accept(anna_, third["task"]["id"]);
  EXPECT_NE(fresh["request"]["id"], older["id"]);
  EXPECT_NE(fresh["request"]["id"], newer["id"]);
  EXPECT_EQ(fresh["request"]["title"], "Another question");
}

TEST_F(WorkFlowTest, AMissedOfferSendsTheTaskBackAndTheAgentToNotReady) {
  json chat = start_chat("late@example.com");
  ready(anna_);
  json offered = get(anna_, "/api/tasks")["tasks"][0]["task"];
  ASSERT_EQ(offered["state"], "offered");

  clock_.advance(14'999);
  server_.app().routing().route_now();
  EXPECT_EQ(get(anna_, "/api/tasks")["tasks"][0]["task"]["state"], "offered");

  clock_.advance(2);
  server_.app().routing().route_now();
  json me = get(anna_, "/api/me");
  EXPECT_EQ(me["agent"]["state"], "not_ready") << me.dump();
  EXPECT_EQ(me["agent"]["state_reason"], "missed_offer") << me.dump();
  json queue = get(anna_, "/api/queue")["tasks"];
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0]["task"]["state"], "queued");
  // Back at the head of its queue with its wait time kept.
  EXPECT_EQ(queue[0]["task"]["waiting_since"], chat["task"]["waiting_since"]);
}

TEST_F(WorkFlowTest, ADeclinedOfferGoesBackToTheQueueAndTheAgentStaysReady) {
  json chat = start_chat("maybe@example.com");
  std::string path = "/api/tasks/" + std::to_string(chat["task"]["id"].get<int>()) + "/decline";
  ready(anna_);
  ASSERT_EQ(get(anna_, "/api/tasks")["tasks"][0]["task"]["state"], "offered");
  std::string sam = session_for("sam");
  EXPECT_EQ(post(sam, path, json::object(), 409)["error"]["field"], "task");  // not sam's offer
  post(anna_, "/api/tasks/999999/decline", json::object(), 404);

  json declined = post(anna_, path, json::object(), 200);
  EXPECT_EQ(declined["task"]["state"], "queued");
  EXPECT_EQ(declined["task"]["waiting_since"], chat["task"]["waiting_since"]);  // still first
  EXPECT_EQ(get(anna_, "/api/me")["agent"]["state"], "ready");
  post(anna_, path, json::object(), 409);  // nothing left to decline

  // Not offered to anna again while the cooldown runs…
  server_.app().routing().route_now();
  EXPECT_TRUE(get(anna_, "/api/tasks")["tasks"].empty());
  // …but to another agent who is Ready…
  put(root_, "/api/agents/" + std::to_string(sam_id_) + "/routing",
      {{"queues", {queue_id_}}, {"skills", json::array()}}, 200);
  ready(sam);
  ASSERT_EQ(get(sam, "/api/tasks")["tasks"].size(), 1u);
  post(sam, path, json::object(), 200);
  // …and to anna once it is over (sam's own cooldown still runs).
  clock_.advance(std::chrono::duration_cast<std::chrono::milliseconds>(kDeclineCooldown).count());
  server_.app().routing().route_now();
  json mine = get(anna_, "/api/tasks")["tasks"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["task"]["state"], "offered");
  EXPECT_TRUE(get(sam, "/api/tasks")["tasks"].empty());
}

TEST_F(WorkFlowTest, ChatMessagesGoBothWaysAndOnlyTheHandlingAgentWrites) {
  json chat = start_chat("maria@example.bg");
  std::string id = std::to_string(chat["chat"]["id"].get<int>());
  std::string token = chat["chat"]["token"];
  ready(anna_);
  accept(anna_, chat["task"]["id"]);

  auto client = server_.client();
  httplib::Headers widget = {{"Authorization", "Bearer " + token}};
  auto said = client.Post(("/api/channels/chat/" + id + "/messages").c_str(), widget,
                          json{{"text", "Здравейте"}}.dump(), "application/json");
  ASSERT_TRUE(said);
  EXPECT_EQ(said->status, 201);
  // Another chat's token reaches nothing here.
  json other = start_chat("other@example.com");
  httplib::Headers stranger = {
      {"Authorization", "Bearer " + other["chat"]["token"].get<std::string>()}};
  auto refused = client.Post(("/api/channels/chat/" + id + "/messages").c_str(), stranger,
                             json{{"text", "hi"}}.dump(), "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 404);

  post(anna_, "/api/activities/" + id + "/messages", {{"text", "Добър ден, с какво да помогна?"}},
       201);
  std::string sam = session_for("sam");
  json not_yours = post(sam, "/api/activities/" + id + "/messages", {{"text", "hi"}}, 403);
  EXPECT_EQ(not_yours["error"]["code"], "not_allowed");

  json activity = get(anna_, "/api/activities/" + id)["activity"];
  ASSERT_EQ(activity["messages"].size(), 3u);
  EXPECT_EQ(activity["messages"][1]["text"], "Здравейте");
  EXPECT_EQ(activity["messages"][2]["author"], "agent");
}

// R-J5: a line sent again with its key (the answer was lost) is stored and relayed
// once, even when the copies arrive at the same time.
TEST_F(WorkFlowTest, AMessageSentAgainWithItsKeyIsStoredOnce) {
  json chat = start_chat("maria@example.bg");
  std::string id = std::to_string(chat["chat"]["id"].get<int>());
  ready(anna_);
  accept(anna_, chat["task"]["id"]);
  std::string path = "/api/activities/" + id + "/messages";

  json first = post(anna_, path, {{"text", "One moment"}, {"key", "k-1"}}, 201)["message"];
  EXPECT_EQ(first["key"], "k-1");
  json again = post(anna_, path, {{"text", "One moment"}, {"key", "k-1"}}, 201)["message"];
  EXPECT_EQ(again["id"], first["id"]);

  std::vector<std::thread> senders;
  std::atomic<int> created{0};
  for (int i = 0; i < 8; ++i) {
    senders.emplace_back([&] {
      auto client = server_.client();
      auto sent =
          client.Post(path.c_str(), {{"Cookie", anna_}},
                      json{{"text", "Found it"}, {"key", "k-2"}}.dump(), "application/json");
      if (sent && sent->status == 201) ++created;
    });
  }
  for (auto& sender : senders)
    sender.join();
  EXPECT_EQ(created.load(), 8);

  // The same key for other words is refused, not taken for a repeat.
  json reused = post(anna_, path, {{"text", "Something else"}, {"key", "k-1"}}, 409);
  EXPECT_EQ(reused["error"]["field"], "key");
  json bad = post(anna_, path, {{"text", "hi"}, {"key", "no spaces"}}, 422);
  EXPECT_EQ(bad["error"]["field"], "key");
  json long_key = post(anna_, path, {{"text", "hi"}, {"key", std::string(65, 'k')}}, 422);
  EXPECT_EQ(long_key["error"]["code"], "too_long");

  json messages = get(anna_, "/api/activities/" + id)["activity"]["messages"];
  int one_moment = 0, found_it = 0;
  for (const json& m : messages) {
    one_moment += m["text"] == "One moment";
    found_it += m["text"] == "Found it";
  }
  EXPECT_EQ(one_moment, 1);
  EXPECT_EQ(found_it, 1);
  // The customer's side sees each line once too.
  auto client = server_.client();
  auto transcript_answer =
      client.Get(("/api/channels/chat/" + id + "/messages").c_str(),
                 {{"Authorization", "Bearer " + chat["chat"]["token"].get<std::string>()}});
  ASSERT_TRUE(transcript_answer);
  json transcript = json::parse(transcript_answer->body)["messages"];
  int seen = 0;
  for (const json& m : transcript)
    seen += m["text"] == "Found it";
  EXPECT_EQ(seen, 1);
}

// R-H1: the widget asks where its chat stands, and hears its place in the queue live.
TEST_F(WorkFlowTest, AWaitingChatKnowsItsPlaceInTheQueueAndHearsItChange) {
  json first = start_chat("first@example.com");
  clock_.advance(1000);
  json second = start_chat("second@example.com");
  clock_.advance(1000);
  json third = start_chat("third@example.com");
  auto client = server_.client();
  auto state_of = [&](const json& chat, const std::string& token, int expected = 200) {
    auto answer = client.Get("/api/channels/chat/" + std::to_string(chat["chat"]["id"].get<int>()),
                             httplib::Headers{{"Authorization", "Bearer " + token}});
    EXPECT_TRUE(answer);
    if (!answer) return json();
    EXPECT_EQ(answer->status, expected) << answer->body;
    return json::parse(answer->body)["chat"];
  };
  json waiting = state_of(third, third["chat"]["token"]);
  EXPECT_EQ(waiting["state"], "waiting");
  EXPECT_EQ(waiting["queue_position"], 3);
  EXPECT_TRUE(waiting["agent"].is_null());
  EXPECT_EQ(state_of(first, first["chat"]["token"])["queue_position"], 1);
  // A token reaches only its own chat; an unknown chat is 404 too.
  state_of(first, third["chat"]["token"], 404);
  auto unknown = client.Get("/api/channels/chat/999999",
                            httplib::Headers{{"Authorization", "Bearer nothing"}});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);

  // The third chat's widget listens; the first chat is taken: the third moves up.
  auto& hub = server_.app().events();
  auto widget = hub.subscribe({-third["chat"]["id"].get<std::int64_t>(), store::Role::Agent, "w"},
                              std::nullopt)
                    .subscriber;
  ready(anna_);  // offered, not yet taken: still waiting, still first
  EXPECT_EQ(state_of(first, first["chat"]["token"])["queue_position"], 1);
  accept(anna_, first["task"]["id"]);
  json taken = state_of(first, first["chat"]["token"]);
  EXPECT_EQ(taken["state"], "with_agent");
  EXPECT_TRUE(taken["queue_position"].is_null());
  EXPECT_EQ(taken["agent"], "Anna Petrova");
  EXPECT_EQ(state_of(third, third["chat"]["token"])["queue_position"], 2);
  std::string heard = widget->wait(std::chrono::milliseconds(1000)).text;
  EXPECT_NE(heard.find("event: chat.queue\ndata: {\"position\":2}"), std::string::npos) << heard;
  // Each place is told once: nothing more while it stays second.
  server_.app().routing().route_now();
  EXPECT_EQ(widget->wait(std::chrono::milliseconds(0)).text.find("chat.queue"), std::string::npos);

  // Closed: the chat has ended.
  post(anna_, "/api/tasks/" + std::to_string(first["task"]["id"].get<int>()) + "/close",
       {{"unknown_contact", "leave_without"}, {"wrap_up", "resolved"}}, 200);
  EXPECT_EQ(state_of(first, first["chat"]["token"])["state"], "ended");
  (void)second;
}

TEST_F(WorkFlowTest, TitleAndDescriptionKeepTheTwoThousandCharacterLimit) {
  json chat = start_chat("maria@example.bg");
  ready(anna_);
  json request = accept(anna_, chat["task"]["id"])["request"];
  std::string path = "/api/requests/" + std::to_string(request["id"].get<int>());

  std::string cyrillic;
  for (int i = 0; i < 2000; ++i)
    cyrillic += "ж";
  json saved =
      patch(anna_, path, {{"version", request["version"]}, {"description", cyrillic}}, 200);
  EXPECT_EQ(saved["request"]["description"], cyrillic);
  json refused =
      patch(anna_, path,
            {{"version", saved["request"]["version"]}, {"title", std::string(2001, 'a')}}, 422);
  EXPECT_EQ(refused["error"]["code"], "too_long");
  EXPECT_EQ(refused["error"]["field"], "title");
  // Nothing was cut or half-saved.
  EXPECT_EQ(get(anna_, path)["request"]["title"], request["title"]);
}

TEST_F(WorkFlowTest, AStaleEditIsAConflictThatSaysWhoChangedItAndWhen) {
  json chat = start_chat("maria@example.bg");
  ready(anna_);
  json request = accept(anna_, chat["task"]["id"])["request"];
  std::string path = "/api/requests/" + std::to_string(request["id"].get<int>());
  std::string sam = session_for("sam");

  clock_.advance(5000);
  patch(sam, path, {{"version", request["version"]}, {"title", "Sam's title"}}, 200);
  json conflict = patch(anna_, path, {{"version", request["version"]}, {"title", "Anna's"}}, 409);
  EXPECT_EQ(conflict["error"]["code"], "conflict");
  EXPECT_EQ(conflict["current"]["title"], "Sam's title");
  EXPECT_EQ(conflict["changed_by"], sam_id_);
  EXPECT_EQ(conflict["changed_at"], conflict["current"]["updated_at"]);
}

TEST_F(WorkFlowTest, TagsAreTrimmedLimitedAndUniqueIgnoringCase) {
  json chat = start_chat("maria@example.bg");
  ready(anna_);
  json activity = accept(anna_, chat["task"]["id"])["activity"];
  std::string path = "/api/activities/" + std::to_string(activity["id"].get<int>()) + "/tags";

  json tagged = post(anna_, path, {{"tag", "  Ъгъл "}, {"version", activity["version"]}}, 200);
  EXPECT_EQ(tagged["activity"]["tags"], json({"Ъгъл"}));
  json dup = post(anna_, path, {{"tag", "ЪГЪЛ"}, {"version", tagged["activity"]["version"]}}, 422);
  EXPECT_EQ(dup["error"]["code"], "duplicate");
  json longer =
      post(anna_, path, {{"tag", std::string(51, 'x')}, {"version", tagged["activity"]["version"]}},
           422);
  EXPECT_EQ(longer["error"]["code"], "too_long");
  json fifty =
      post(anna_, path, {{"tag", std::string(50, 'x')}, {"version", tagged["activity"]["version"]}},
           200);
  EXPECT_EQ(fifty["activity"]["tags"].size(), 2u);

  std::string one = path + "/%D0%AA%D0%B3%D1%8A%D0%BB?version=" +
                    std::to_string(fifty["activity"]["version"].get<int>());
  json removed = send("DELETE", anna_, one, nullptr, 200);
  EXPECT_EQ(removed["activity"]["tags"], json({std::string(50, 'x')}));
}

TEST_F(WorkFlowTest, CommentsAndMovingAnActivityBetweenRequests) {
  json customer = post(anna_, "/api/customers",
                       {{"kind", "contact"}, {"name", "Maria"}, {"email", "maria@example.bg"}},
                       201)["customer"];
  json chat = start_chat("maria@example.bg");
  ready(anna_);
  json hand = accept(anna_, chat["task"]["id"]);
  std::string activity = "/api/activities/" + std::to_string(hand["activity"]["id"].get<int>());

  json comment =
      post(anna_, activity + "/comments", {{"text", "Called back twice"}}, 201)["comment"];
  EXPECT_EQ(comment["author_name"], "Anna Petrova");
  EXPECT_EQ(get(anna_, activity)["comments"].size(), 1u);

  json other =
      post(anna_, "/api/customers/" + std::to_string(customer["id"].get<int>()) + "/requests",
           {{"title", "Billing"}}, 201)["request"];
  json moved = post(anna_, activity + "/move",
                    {{"request", other["id"]}, {"version", hand["activity"]["version"]}}, 200);
  EXPECT_EQ(moved["activity"]["request"], other["id"]);
  json journey =
      get(anna_, "/api/customers/" + std::to_string(customer["id"].get<int>()) + "/journey");
  EXPECT_EQ(journey["requests"].size(), 2u);
  EXPECT_EQ(journey["activities"].size(), 1u);
}

TEST_F(WorkFlowTest, CustomersAreCreatedValidatedEditedAndFound) {
  json bad = post(anna_, "/api/customers",
                  {{"kind", "contact"}, {"name", "Maria"}, {"email", "maria@example"}}, 422);
  EXPECT_EQ(bad["error"]["field"], "email");
  json created = post(anna_, "/api/customers",
                      {{"kind", "contact"},
                       {"name", "Мария Иванова"},
                       {"email", "maria@example.bg"},
                       {"phone", "+359 88 123 4567"}},
                      201)["customer"];
  std::string path = "/api/customers/" + std::to_string(created["id"].get<int>());
  json edited = patch(anna_, path,
                      {{"version", created["version"]},
                       {"kind", "contact"},
                       {"name", "Мария Иванова-Петрова"},
                       {"email", "maria@example.bg"},
                       {"phone", "+359 88 123 4567"}},
                      200)["customer"];
  EXPECT_EQ(edited["version"], 2);
  post(anna_, path + "/requests", {{"title", "Счупен рутер"}}, 201);

  for (const char* query : {"мария", "Петрова", "maria@ex", "+359 881", "088 123 4567", "рутер"}) {
    json found = get(anna_, std::string("/api/customers?q=") + care::percent_encode(query));
    ASSERT_EQ(found["customers"].size(), 1u) << query;
    EXPECT_EQ(found["customers"][0]["id"], created["id"]) << query;
  }
  EXPECT_EQ(get(anna_, "/api/customers?q=nobody")["customers"].size(), 0u);
  // Quotes alone are no words: nothing found, not a 500 from the search index.
  for (const char* query : {"\"", "\" \"", "\"\""}) {
    EXPECT_EQ(
        get(anna_, std::string("/api/customers?q=") + care::percent_encode(query))["customers"]
            .size(),
        0u)
        << query;
  }
}

TEST_F(WorkFlowTest, CloseAsksAboutTheUnknownContactAndTheWrapUp) {
  json chat = start_chat("new@example.com");
  ready(anna_);
  json hand = accept(anna_, chat["task"]["id"]);
  std::string close = "/api/tasks/" + std::to_string(hand["task"]["id"].get<int>()) + "/close";

  json unanswered = post(anna_, close, json::object(), 422);
  EXPECT_EQ(unanswered["error"]["code"], "missing");
  EXPECT_EQ(unanswered["error"]["field"], "unknown_contact");
  json no_code = post(anna_, close, {{"unknown_contact", "leave_without"}}, 422);
  EXPECT_EQ(no_code["error"]["field"], "wrap_up");
  json closed =
      post(anna_, close, {{"unknown_contact", "leave_without"}, {"wrap_up", "resolved"}}, 200);
  EXPECT_EQ(closed["task"]["state"], "closed");
  EXPECT_EQ(closed["activity"]["wrap_up"], "resolved");
  EXPECT_FALSE(closed["activity"]["closed_at"].is_null());
  EXPECT_EQ(get(anna_, "/api/tasks")["tasks"].size(), 0u);
}

TEST_F(WorkFlowTest, CreatingTheCustomerForAnUnknownContactLinksTheRequest) {
  json chat = start_chat("new@example.com");
  ready(anna_);
  json hand = accept(anna_, chat["task"]["id"]);
  json customer = post(
      anna_, "/api/customers?activity=" + std::to_string(hand["activity"]["id"].get<int>()),
      {{"kind", "contact"}, {"name", "New Person"}, {"email", "new@example.com"}}, 201)["customer"];
  json request = get(anna_, "/api/requests/" + std::to_string(hand["request"]["id"].get<int>()));
  EXPECT_EQ(request["request"]["customer"], customer["id"]);
  EXPECT_EQ(request["activities"][0]["customer"], customer["id"]);
  // The desktop says the customer form has unsaved changes (R-D3): the agent must
  // choose to save or discard them, named in the answer's own field.
  std::string close = "/api/tasks/" + std::to_string(hand["task"]["id"].get<int>()) + "/close";
  json unanswered =
      post(anna_, close, {{"wrap_up", "resolved"}, {"unsaved_customer_changes", true}}, 422);
  EXPECT_EQ(unanswered["error"]["field"], "unsaved_customer_changes");
  json mistyped = post(anna_, close, {{"wrap_up", "resolved"}, {"unsaved", "keep"}}, 422);
  EXPECT_EQ(mistyped["error"]["field"], "unsaved");
  json closed = post(
      anna_, close,
      {{"wrap_up", "resolved"}, {"unsaved_customer_changes", true}, {"unsaved", "discard"}}, 200);
  EXPECT_EQ(closed["task"]["state"], "closed");
}

TEST_F(WorkFlowTest, ConcurrentAcceptsOfOneTaskHaveExactlyOneWinner) {
  // Eight agents race for each of 125 tasks: 1,000 accepts.
  constexpr int kAgents = 8;
  constexpr int kTasks = 125;
  std::vector<std::string> cookies;
  for (int i = 0; i < kAgents; ++i) {
    std::string name = "racer" + std::to_string(i);
    auto agent = server_.app().auth().create_agent(name, name, "correct horse", store::Role::Agent);
    put(root_, "/api/agents/" + std::to_string(agent->id) + "/routing",
        {{"queues", {queue_id_}}, {"capacity", {{"chats", 50}, {"emails", 50}}}}, 200);
    cookies.push_back(session_for(name));
  }
  int double_wins = 0;
  for (int t = 0; t < kTasks; ++t) {
    json chat = start_chat("race" + std::to_string(t) + "@example.com");
    std::int64_t task = chat["task"]["id"];
    std::atomic<int> wins{0};
    std::atomic<int> winner{-1};
    std::atomic<int> losses{0};
    std::vector<std::thread> racers;
    for (int i = 0; i < kAgents; ++i) {
      racers.emplace_back([&, i] {
        httplib::Client client("127.0.0.1", server_.port());
        auto result = client.Post(("/api/tasks/" + std::to_string(task) + "/accept").c_str(),
                                  {{"Cookie", cookies[i]}}, "{}", "application/json");
        if (result && result->status == 200) {
          ++wins;
          winner = i;
        }
        if (result && result->status == 409) ++losses;
        if (!result || (result->status != 200 && result->status != 409)) {
          ADD_FAILURE() << "accept answered " << (result ? result->status : 0) << " "
                        << (result ? result->body : httplib::to_string(result.error()));
        }
      });
    }
    for (auto& racer : racers)
      racer.join();
    EXPECT_EQ(wins.load(), 1) << "task " << task;
    EXPECT_EQ(losses.load(), kAgents - 1) << "task " << task;
    if (wins.load() > 1) ++double_wins;
    // The winner finishes it, so capacity never decides a race.
    if (winner >= 0) {
      post(cookies[winner], "/api/tasks/" + std::to_string(task) + "/close",
           {{"unknown_contact", "leave_without"}, {"wrap_up", "resolved"}}, 200);
    }
  }
  EXPECT_EQ(double_wins, 0);
}

// A tag edit racing the close of the same conversation: the close re-reads and writes
// the activity in one unit of work, so closed_at and the wrap-up code are never lost,
// and the tag edit either lands before it (kept) or gets 409 — never a 5xx, never a
// 200 for a tag that is not there.
TEST_F(WorkFlowTest, ATagEditRacingACloseLosesNeitherTheCloseNorTheTag) {
  struct Answer {
    int status = 0;  // 0: no answer at all
    std::string body;
  };
  constexpr int kRounds = 50;
  int tags_kept = 0;
  int tags_refused = 0;
  for (int round = 0; round < kRounds; ++round) {
    json chat = start_chat("race" + std::to_string(round) + "@example.hu");
    ready(anna_);
    json hand = accept(anna_, chat["task"]["id"].get<std::int64_t>());
    std::string activity = "/api/activities/" + std::to_string(hand["activity"]["id"].get<int>());
    std::string close = "/api/tasks/" + std::to_string(hand["task"]["id"].get<int>()) + "/close";
    std::string tag = "kör-" + std::to_string(round);
    json tag_body = {{"tag", tag}, {"version", hand["activity"]["version"]}};
    json close_body = {{"unknown_contact", "leave_without"}, {"wrap_up", "resolved"}};

    std::atomic<bool> go{false};
    Answer tagged;
    Answer closed;
    auto racer = [&](const std::string& path, const json& body, Answer& answer) {
      httplib::Client client("127.0.0.1", server_.port());
      while (!go)
        std::this_thread::yield();
      auto result = client.Post(path, {{"Cookie", anna_}}, body.dump(), "application/json");
      if (result) answer = {result->status, result->body};
    };
    std::thread tagger([&] { racer(activity + "/tags", tag_body, tagged); });
    std::thread closer([&] { racer(close, close_body, closed); });
    go = true;
    tagger.join();
    closer.join();

    EXPECT_EQ(closed.status, 200) << "round " << round << ": " << closed.body;
    ASSERT_TRUE(tagged.status == 200 || tagged.status == 409)
        << "round " << round << ": " << tagged.status << " " << tagged.body;
    json now = get(anna_, activity)["activity"];
    EXPECT_FALSE(now["closed_at"].is_null()) << "round " << round << ": " << now.dump();
    EXPECT_EQ(now["wrap_up"], "resolved") << "round " << round;
    bool has_tag =
        std::find(now["tags"].begin(), now["tags"].end(), json(tag)) != now["tags"].end();
    if (tagged.status == 200) {
      EXPECT_TRUE(has_tag) << "round " << round << ": a 200 for a tag that was lost";
      ++tags_kept;
    } else {
      EXPECT_FALSE(has_tag) << "round " << round;
      EXPECT_EQ(json::parse(tagged.body)["error"]["code"], "conflict");
      ++tags_refused;
    }
  }
  std::printf("tag edits racing a close: %d kept, %d refused with 409\n", tags_kept, tags_refused);
}

TEST_F(WorkFlowTest, ARequestClosesItselfFiveDaysAfterItsLastUpdate) {
  json chat = start_chat("maria@example.bg");
  ready(anna_);
  json hand = accept(anna_, chat["task"]["id"]);
  std::string request = "/api/requests/" + std::to_string(hand["request"]["id"].get<int>());
  auto& sweeper = server_.app().auto_close();
  constexpr std::int64_t kDay = 24LL * 3600 * 1000;

  // A customer message on day 3 counts as an update of the request (R-C3).
  clock_.advance(3 * kDay);
  auto client = server_.client();
  auto said = client.Post(
      ("/api/channels/chat/" + std::to_string(chat["chat"]["id"].get<int>()) + "/messages").c_str(),
      {{"Authorization", "Bearer " + chat["chat"]["token"].get<std::string>()}},
      json{{"text", "still broken"}}.dump(), "application/json");
  ASSERT_TRUE(said);
  ASSERT_EQ(said->status, 201);

  clock_.advance(5 * kDay - 1);  // one millisecond before five quiet days
  EXPECT_EQ(sweeper.sweep_now(), 0);
  anna_ = session_for("anna");  // sessions last 12 hours
  EXPECT_EQ(get(anna_, request)["request"]["status"], "open");

  clock_.advance(1);
  EXPECT_EQ(sweeper.sweep_now(), 1);
  json closed = get(anna_, request)["request"];
  EXPECT_EQ(closed["status"], "closed");
  EXPECT_EQ(closed["closed_at"], closed["updated_at"]);
  EXPECT_EQ(sweeper.sweep_now(), 0);
}

TEST_F(WorkFlowTest, IngestionNeedsTheIntegrationKey) {
  auto client = server_.client();
  json email = {{"from", "boss@example.com"},
                {"to", "support@care.example"},
                {"subject", "Contract"},
                {"body", "Please call me."}};
  auto none = client.Post("/api/channels/email", email.dump(), "application/json");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  auto wrong = client.Post("/api/channels/email", {{"Authorization", "Bearer nope"}}, email.dump(),
                           "application/json");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  auto right = client.Post("/api/channels/email", {{"Authorization", "Bearer gateway-key"}},
                           email.dump(), "application/json");
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, 201) << right->body;
  EXPECT_EQ(json::parse(right->body)["activity"]["subject"], "Contract");

  // A call: ringing opens it, later events update the same activity.
  httplib::Headers key = {{"Authorization", "Bearer gateway-key"}};
  auto ringing = client.Post(
      "/api/channels/call", key,
      json{{"call", "c-1"}, {"kind", "ringing"}, {"from", "+359881234567"}, {"to", "+35921234"}}
          .dump(),
      "application/json");
  ASSERT_TRUE(ringing);
  EXPECT_EQ(ringing->status, 201) << ringing->body;
  auto answered =
      client.Post("/api/channels/call", key, json{{"call", "c-1"}, {"kind", "answered"}}.dump(),
                  "application/json");
  ASSERT_TRUE(answered);
  EXPECT_EQ(answered->status, 200) << answered->body;
  EXPECT_EQ(json::parse(answered->body)["activity"]["call_events"].size(), 2u);
}

// R-B3: an email reply goes to the addresses and under the subject the agent set,
// and the mail gateway reads them back; left out, to the sender under "Re: …" with
// the incoming mail's Cc. A bad address is refused naming its field.
TEST_F(WorkFlowTest, AnEmailReplyCarriesItsToCcAndSubject) {
  auto client = server_.client();
  httplib::Headers key = {{"Authorization", "Bearer gateway-key"}};
  json email = {{"from", "maria@example.bg"},
                {"to", "support@care.example"},
                {"cc", {"boss@example.bg"}},
                {"subject", "Re: Invoice twice"},
                {"body", "Charged twice."}};
  auto in = client.Post("/api/channels/email", key, email.dump(), "application/json");
  ASSERT_TRUE(in);
  ASSERT_EQ(in->status, 201) << in->body;
  json ingested = json::parse(in->body);
  json incoming = ingested["activity"]["messages"][0];
  EXPECT_EQ(incoming["to"], json::array({"support@care.example"}));
  EXPECT_EQ(incoming["cc"], json::array({"boss@example.bg"}));
  EXPECT_EQ(incoming["subject"], "Re: Invoice twice");
  std::string id = std::to_string(ingested["activity"]["id"].get<int>());
  ready(anna_);
  accept(anna_, ingested["task"]["id"]);
  std::string path = "/api/activities/" + id + "/messages";

  json plain = post(anna_, path, {{"text", "Looking into it."}}, 201)["message"];
  EXPECT_EQ(plain["to"], json::array({"maria@example.bg"}));
  EXPECT_EQ(plain["cc"], json::array({"boss@example.bg"}));
  EXPECT_EQ(plain["subject"], "Re: Invoice twice");  // not "Re: Re: "

  json set = post(anna_, path,
                  {{"text", "Refunded."},
                   {"to", {"maria@example.bg", "accounts@example.bg"}},
                   {"cc", json::array()},
                   {"subject", "  Re: Refund done  "}},
                  201)["message"];
  EXPECT_EQ(set["to"], json::array({"maria@example.bg", "accounts@example.bg"}));
  EXPECT_EQ(set["cc"], json::array());
  EXPECT_EQ(set["subject"], "Re: Refund done");

  json bad_to = post(anna_, path, {{"text", "x"}, {"to", {"maria.example.bg"}}}, 422);
  EXPECT_EQ(bad_to["error"]["field"], "to");
  EXPECT_EQ(bad_to["error"]["code"], "invalid");
  json no_to = post(anna_, path, {{"text", "x"}, {"to", json::array()}, {"subject", "Re: x"}}, 422);
  EXPECT_EQ(no_to["error"]["field"], "to");
  json bad_cc =
      post(anna_, path,
           {{"text", "x"}, {"to", {"maria@example.bg"}}, {"cc", {"boss@"}}, {"subject", "s"}}, 422);
  EXPECT_EQ(bad_cc["error"]["field"], "cc");
  json no_subject =
      post(anna_, path, {{"text", "x"}, {"to", {"maria@example.bg"}}, {"subject", " "}}, 422);
  EXPECT_EQ(no_subject["error"]["field"], "subject");
  json not_a_list = post(anna_, path, {{"text", "x"}, {"to", "maria@example.bg"}}, 400);
  EXPECT_EQ(not_a_list["error"]["field"], "to");

  // What the gateway reads back to send on: the replies with their headers, stored.
  json messages = get(anna_, "/api/activities/" + id)["activity"]["messages"];
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[2]["text"], "Refunded.");
  EXPECT_EQ(messages[2]["to"], json::array({"maria@example.bg", "accounts@example.bg"}));
  EXPECT_EQ(messages[2]["subject"], "Re: Refund done");

  // A chat line has no recipients; an inbound Cc must be addresses too.
  json chat = start_chat("ana@example.com");
  accept(anna_, chat["task"]["id"]);
  json chat_to =
      post(anna_, "/api/activities/" + std::to_string(chat["chat"]["id"].get<int>()) + "/messages",
           {{"text", "hi"}, {"to", {"ana@example.com"}}}, 422);
  EXPECT_EQ(chat_to["error"]["field"], "to");
  EXPECT_FALSE(
      get(anna_, "/api/activities/" +
                     std::to_string(chat["chat"]["id"].get<int>()))["activity"]["messages"][0]
          .contains("to"));
  email["cc"] = {"not an address"};
  auto bad_in = client.Post("/api/channels/email", key, email.dump(), "application/json");
  ASSERT_TRUE(bad_in);
  EXPECT_EQ(bad_in->status, 422);
  EXPECT_EQ(json::parse(bad_in->body)["error"]["field"], "cc");
}

TEST_F(WorkFlowTest, BadInputGetsItsStatus) {
  post(anna_, "/api/tasks/999/accept", json::object(), 404);
  get(anna_, "/api/customers/999", 404);
  get(anna_, "/api/requests/abc", 404);
  json nameless = post(anna_, "/api/customers", {{"kind", "contact"}}, 422);
  EXPECT_EQ(nameless["error"]["field"], "name");
  json mistyped = post(anna_, "/api/customers", {{"kind", "contact"}, {"name", 7}}, 400);
  EXPECT_EQ(mistyped["error"]["field"], "name");
  auto client = server_.client();
  auto malformed =
      client.Post("/api/customers", {{"Cookie", anna_}}, "{\"name\":", "application/json");
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->status, 400);
  get("", "/api/queue", 401);
  post(anna_, "/api/queues", {{"name", "Mine"}}, 403);
}

// Queue lists and the supervisor view reload on queue.changed (R-A5, R-H3): every
// transition of a task in a queue is told, once its window has passed.
TEST_F(WorkFlowTest, EveryTaskTransitionTellsDesktopsTheQueueChanged) {
  auto& hub = server_.app().events();
  auto watcher = hub.subscribe({anna_id_, store::Role::Agent, "watcher"}, std::nullopt).subscriber;
  ASSERT_TRUE(watcher);
  // Anna's desktop shows the queue list: it reads it, and again on each queue.changed.
  get(anna_, "/api/queue");
  auto queue_events = [&] {
    tell_queues();  // the event is in the hub when the router's round returns
    std::vector<std::int64_t> queues;
    for (;;) {
      auto batch = watcher->wait(std::chrono::milliseconds(50));
      if (batch.text.empty()) break;
      for (size_t at = batch.text.find("event: queue.changed\ndata: "); at != std::string::npos;
           at = batch.text.find("event: queue.changed\ndata: ", at + 1)) {
        size_t start = at + std::string("event: queue.changed\ndata: ").size();
        queues.push_back(json::parse(batch.text.substr(start, batch.text.find('\n', start) - start))
                             .at("queue")
                             .get<std::int64_t>());
      }
    }
    if (!queues.empty()) get(anna_, "/api/queue");  // the desktop reloads its list
    return queues;
  };
  json chat = start_chat("queue.watch@example.dk");
  EXPECT_EQ(queue_events(), std::vector<std::int64_t>{queue_id_});  // queued
  ready(anna_);
  EXPECT_EQ(queue_events(), std::vector<std::int64_t>{queue_id_});  // offered
  json hand = accept(anna_, chat["task"]["id"].get<std::int64_t>());
  EXPECT_EQ(queue_events(), std::vector<std::int64_t>{queue_id_});  // taken
  post(anna_, "/api/tasks/" + std::to_string(hand["task"]["id"].get<int>()) + "/close",
       {{"unknown_contact", "leave_without"}, {"wrap_up", "resolved"}}, 200);
  EXPECT_EQ(queue_events(), std::vector<std::int64_t>{queue_id_});  // handled
  hub.unsubscribe(watcher);
}

// queue.changed reaches the agents serving the queue and the supervisors, not every
// desktop (issue 15: at 10,000 agents each one cost a send per stream).
TEST_F(WorkFlowTest, AQueueChangeReachesItsAgentsAndSupervisorsOnly) {
  std::int64_t other_queue =
      post(root_, "/api/queues", {{"name", "Other"}, {"priority", 1}}, 201)["queue"]["id"];
  std::int64_t bob_id =
      server_.app().auth().create_agent("bob", "Bob", "correct horse", store::Role::Agent)->id;
  put(root_, "/api/agents/" + std::to_string(bob_id) + "/routing",
      {{"queues", {other_queue}}, {"skills", json::array()}}, 200);
  auto anna_stream = open_stream(anna_);
  auto sam_stream = open_stream(session_for("sam"));
  auto bob_stream = open_stream(session_for("bob"));

  json chat = start_chat("audience@example.dk");
  ASSERT_EQ(chat["task"]["queue"], queue_id_);
  tell_queues();
  mark_streams();
  for (auto* stream : {anna_stream.get(), sam_stream.get()}) {
    auto told = queue_news_before_mark(*stream);
    ASSERT_EQ(told.size(), 1u);
    EXPECT_EQ(told[0], queue_id_);
  }
  EXPECT_TRUE(queue_news_before_mark(*bob_stream).empty());  // Other's agent
}

// Of the agents serving a queue, queue.changed reaches the desktops that show its queue
// list: those that read it (or opened their stream) since their last queue.changed. A
// desktop showing the list reloads it on the event and so hears the next one; one that
// shows something else does not reload and hears no more until it reads the list again
// (issue 15: at 10,000 agents the event went to all of them five times a second).
TEST_F(WorkFlowTest, AQueueChangeReachesTheDesktopsShowingTheQueueList) {
  std::int64_t bob_id =
      server_.app().auth().create_agent("bob", "Bob", "correct horse", store::Role::Agent)->id;
  put(root_, "/api/agents/" + std::to_string(bob_id) + "/routing",
      {{"queues", {queue_id_}}, {"skills", json::array()}}, 200);
  const std::string bob = session_for("bob");
  // Both serve the queue and open their streams: each hears the next change.
  auto anna_stream = open_stream(anna_);
  auto bob_stream = open_stream(bob);
  auto sam_stream = open_stream(session_for("sam"));
  tell_queues();  // nothing waits to be told before the first chat
  const std::vector<std::int64_t> once{queue_id_};

  start_chat("first@example.dk");
  tell_queues();
  mark_streams();
  EXPECT_EQ(queue_news_before_mark(*anna_stream), once);
  EXPECT_EQ(queue_news_before_mark(*bob_stream), once);
  EXPECT_EQ(queue_news_before_mark(*sam_stream), once);

  // Anna's desktop shows the queue list and reloads it; Bob's shows something else.
  EXPECT_EQ(get(anna_, "/api/queue")["tasks"].size(), 1u);
  start_chat("second@example.dk");
  tell_queues();
  mark_streams();
  EXPECT_EQ(queue_news_before_mark(*anna_stream), once);
  EXPECT_TRUE(queue_news_before_mark(*bob_stream).empty());
  EXPECT_EQ(queue_news_before_mark(*sam_stream), once);  // supervisors: always

  // Neither read it since: neither hears the third; Bob opens the list and hears the fourth.
  start_chat("third@example.dk");
  tell_queues();
  mark_streams();
  EXPECT_TRUE(queue_news_before_mark(*anna_stream).empty());
  EXPECT_TRUE(queue_news_before_mark(*bob_stream).empty());
  EXPECT_EQ(get(bob, "/api/queue")["tasks"].size(), 3u);
  start_chat("fourth@example.dk");
  tell_queues();
  mark_streams();
  EXPECT_TRUE(queue_news_before_mark(*anna_stream).empty());
  EXPECT_EQ(queue_news_before_mark(*bob_stream), once);
  EXPECT_EQ(queue_news_before_mark(*sam_stream).size(), 1u);
}

// An activity's record.changed from accept and close reaches the agent who holds it and
// the desktops that show the activity, its request or its customer (read or kept open
// with heartbeats within RecordWatch::kFor), not every desktop (issue 15: at 10,000
// agents each one cost a send per stream).
TEST_F(WorkFlowTest, AnActivityChangeReachesTheDesktopsThatShowItOnly) {
  auto agent = [&](const char* name) {
    server_.app().auth().create_agent(name, name, "correct horse", store::Role::Agent);
    return session_for(name);
  };
  const std::string reader = agent("reader");        // read the customer's journey
  const std::string viewer = agent("viewer");        // has the customer open (heartbeats)
  const std::string stale = agent("stale");          // read it longer than kFor ago
  const std::string elsewhere = agent("elsewhere");  // never looked
  const std::string sam = session_for("sam");
  json customer = post(anna_, "/api/customers",
                       {{"kind", "contact"}, {"name", "Maria"}, {"email", "watched@example.bg"}},
                       201)["customer"];
  const std::string path = "/api/customers/" + std::to_string(customer["id"].get<int>());
  get(stale, path + "/journey");
  clock_.advance(services::RecordWatch::kFor.count() + 1);
  get(reader, path + "/journey");
  post(viewer, "/api/presence",
       {{"record", "customer"}, {"id", customer["id"]}, {"editing", false}}, 200);
  std::vector<std::pair<std::string, std::unique_ptr<SseReader>>> streams;
  for (const std::string& cookie : {anna_, reader, viewer, stale, elsewhere, sam}) {
    streams.emplace_back(cookie, open_stream(cookie));
  }

  json chat = start_chat("watched@example.bg");
  ready(anna_);
  const std::int64_t task = chat["task"]["id"];
  json hand = accept(anna_, task);
  const std::int64_t activity = hand["activity"]["id"];
  post(anna_, "/api/tasks/" + std::to_string(task) + "/close",
       {{"unknown_contact", "leave_without"}, {"wrap_up", "resolved"}}, 200);
  mark_streams();

  // The activity's changes each stream was told of before the mark.
  auto told = [&](SseReader& stream) {
    int changes = 0;
    while (auto event = stream.next()) {
      if (event->type == "test.mark") return changes;
      if (event->type == "record.changed" && event->data.at("type") == "activity" &&
          event->data.at("id") == activity) {
        ++changes;
      }
    }
    ADD_FAILURE() << "no mark on the stream";
    return changes;
  };
  std::map<std::string, int> changes;
  for (auto& [cookie, stream] : streams)
    changes[cookie] = told(*stream);
  EXPECT_EQ(changes[anna_], 2);   // holds it: accept and close
  EXPECT_EQ(changes[reader], 2);  // the journey lists it
  EXPECT_EQ(changes[viewer], 2);
  EXPECT_EQ(changes[stale], 0);
  EXPECT_EQ(changes[elsewhere], 0);
  EXPECT_EQ(changes[sam], 0);  // a supervisor who does not show it either
}

// Changes to a queue within one window are one queue.changed when it ends; the desktop
// reloads on it and sees the queue as it is then.
TEST_F(WorkFlowTest, ABurstOfQueueChangesIsToldOnceAfterItsWindow) {
  auto anna_stream = open_stream(anna_);
  auto sam_stream = open_stream(session_for("sam"));
  tell_queues();  // nothing waits to be told before the burst
  constexpr int kChats = 4;
  // The clock stands still: every change falls in the window the first one opened.
  for (int i = 0; i < kChats; ++i) {
    start_chat("burst" + std::to_string(i) + "@example.dk");
    server_.app().routing().route_now();
  }
  mark_streams();
  EXPECT_TRUE(queue_news_before_mark(*anna_stream).empty());  // not told yet
  EXPECT_TRUE(queue_news_before_mark(*sam_stream).empty());

  clock_.advance(services::RoutingService::kQueueNewsWindow.count());
  server_.app().routing().route_now();
  mark_streams();
  for (auto* stream : {anna_stream.get(), sam_stream.get()}) {
    EXPECT_EQ(queue_news_before_mark(*stream), std::vector<std::int64_t>{queue_id_});
  }
  // What anna's queue list reloads on that event: all of the burst.
  EXPECT_EQ(get(anna_, "/api/queue")["tasks"].size(), static_cast<size_t>(kChats));
}

// R-B2: the agent holds, resumes and ends the call in their hands; each control is
// allowed only where it makes sense, and only for that agent.
TEST_F(WorkFlowTest, TheAgentHoldsResumesAndEndsTheirCall) {
  auto client = server_.client();
  httplib::Headers key = {{"Authorization", "Bearer gateway-key"}};
  auto ringing = client.Post(
      "/api/channels/call", key,
      json{{"call", "c-9"}, {"kind", "ringing"}, {"from", "+4520123456"}, {"to", "+4570101010"}}
          .dump(),
      "application/json");
  ASSERT_TRUE(ringing);
  ASSERT_EQ(ringing->status, 201) << ringing->body;
  json started = json::parse(ringing->body);
  ready(anna_);
  accept(anna_, started["task"]["id"].get<std::int64_t>());
  ASSERT_EQ(client
                .Post("/api/channels/call", key, json{{"call", "c-9"}, {"kind", "answered"}}.dump(),
                      "application/json")
                ->status,
            200);
  std::string call =
      "/api/activities/" + std::to_string(started["activity"]["id"].get<int>()) + "/call";

  json held = post(anna_, call, {{"action", "hold"}}, 200);
  EXPECT_EQ(held["activity"]["call_events"].back()["kind"], "held");
  json twice = post(anna_, call, {{"action", "hold"}}, 409);
  EXPECT_EQ(twice["error"]["field"], "action");
  EXPECT_EQ(
      post(anna_, call, {{"action", "resume"}}, 200)["activity"]["call_events"].back()["kind"],
      "resumed");
  // Someone else's call, bad actions, no session.
  post(root_, call, {{"action", "hold"}}, 403);
  EXPECT_EQ(post(anna_, call, {{"action", "mute"}}, 422)["error"]["field"], "action");
  EXPECT_EQ(post(anna_, call, json::object(), 400)["error"]["field"], "action");
  post("", call, {{"action", "hold"}}, 401);
  post(anna_, "/api/activities/999999/call", {{"action", "hold"}}, 404);
  EXPECT_EQ(post(anna_, call, {{"action", "end"}}, 200)["activity"]["call_events"].back()["kind"],
            "ended");
  post(anna_, call, {{"action", "end"}}, 409);
}

// R-F7: what an agent closed is found under closed work items, newest first, and
// only theirs.
TEST_F(WorkFlowTest, ClosedWorkItemsAreListedNewestFirst) {
  ready(anna_);
  std::vector<std::int64_t> closed;
  for (const char* email : {"first@example.dk", "second@example.dk"}) {
    json chat = start_chat(email);
    server_.app().routing().route_now();
    json hand = accept(anna_, chat["task"]["id"].get<std::int64_t>());
    post(anna_, "/api/tasks/" + std::to_string(hand["task"]["id"].get<int>()) + "/close",
         {{"unknown_contact", "leave_without"}, {"wrap_up", "resolved"}}, 200);
    closed.push_back(hand["task"]["id"].get<std::int64_t>());
  }
  json mine = get(anna_, "/api/tasks/closed");
  ASSERT_EQ(mine["tasks"].size(), 2u);
  EXPECT_EQ(mine["tasks"][0]["task"]["id"], closed[1]);
  EXPECT_EQ(mine["tasks"][0]["task"]["state"], "closed");
  EXPECT_EQ(mine["tasks"][1]["activity"]["wrap_up"], "resolved");
  EXPECT_EQ(get(anna_, "/api/tasks/closed?limit=1")["tasks"].size(), 1u);
  EXPECT_EQ(get(root_, "/api/tasks/closed")["tasks"].size(), 0u);  // not root's
  EXPECT_EQ(get(anna_, "/api/tasks/closed?limit=0", 400)["error"]["field"], "limit");
  get(anna_, "/api/tasks/closed?limit=ten", 400);
  get("", "/api/tasks/closed", 401);
  EXPECT_EQ(get(anna_, "/api/tasks")["tasks"].size(), 0u);  // they left the active view
}

// R-F10, R-J2: close checks the wrap-up list as the admin left it, without a restart.
TEST_F(WorkFlowTest, CloseTakesTheWrapUpListAsTheAdminLastSetIt) {
  put(root_, "/api/wrap-up-codes/resolved", {{"labels", {{"en", "Resolved"}}}, {"active", false}},
      200);
  put(root_, "/api/wrap-up-codes/callback_booked",
      {{"labels", {{"en", "Callback booked"}, {"hu", "Visszahívás egyeztetve"}}}}, 201);
  json chat = start_chat("retired@example.com");
  ready(anna_);
  json hand = accept(anna_, chat["task"]["id"]);
  std::string close = "/api/tasks/" + std::to_string(hand["task"]["id"].get<int>()) + "/close";
  json retired =
      post(anna_, close, {{"unknown_contact", "leave_without"}, {"wrap_up", "resolved"}}, 422);
  EXPECT_EQ(retired["error"]["field"], "wrap_up");
  json closed = post(anna_, close,
                     {{"unknown_contact", "leave_without"}, {"wrap_up", "callback_booked"}}, 200);
  EXPECT_EQ(closed["activity"]["wrap_up"], "callback_booked");
}

}  // namespace
}  // namespace care::server::testing
