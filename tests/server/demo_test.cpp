// Demo mode (R-H2): a fresh data folder comes alive on its own.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "test_server.hpp"

namespace care::server::testing {
namespace {

using nlohmann::json;

Config demo_config() {
  Config config;
  config.demo = true;
  config.demo_seed = 7;
  return config;
}

// Anna's session cookie, signed in with the password the demo made for her; empty
// (and a failure) when she cannot sign in.
httplib::Headers anna_session(TestServer& server) {
  std::string password;
  for (const auto& account : server.app().demo_accounts()) {
    if (account.username == "anna") password = account.password;
  }
  auto signed_in = server.client().Post("/api/session",
                                        json{{"username", "anna"}, {"password", password}}.dump(),
                                        "application/json");
  if (!signed_in || signed_in->status != 200) {
    ADD_FAILURE() << "anna could not sign in";
    return {};
  }
  std::string set_cookie = signed_in->get_header_value("Set-Cookie");
  return {{"Cookie", set_cookie.substr(0, set_cookie.find(';'))}};
}

TEST(Demo, AFreshFolderOffersAReadyAgentATaskWithinAMinute) {
  TestServer server(demo_config());  // the system clock: the demo runs for real
  const auto& accounts = server.app().demo_accounts();
  ASSERT_EQ(accounts.size(), 5u);
  for (const auto& account : accounts) {
    EXPECT_GE(account.password.size(), 16u) << "no guessable demo passwords";
  }

  auto client = server.client();
  httplib::Headers cookie = anna_session(server);
  ASSERT_FALSE(cookie.empty());

  // The seeded customers have histories in the seed languages.
  auto found = client.Get("/api/customers?q=customer1%40example.bg", cookie);
  ASSERT_TRUE(found);
  json customers = json::parse(found->body)["customers"];
  ASSERT_FALSE(customers.empty());
  auto journey = client.Get(
      ("/api/customers/" + std::to_string(customers[0]["id"].get<int>()) + "/journey").c_str(),
      cookie);
  ASSERT_TRUE(journey);
  EXPECT_EQ(journey->status, 200);

  auto ready =
      client.Put("/api/me/state", cookie, json{{"state", "ready"}}.dump(), "application/json");
  ASSERT_TRUE(ready);
  ASSERT_EQ(ready->status, 200);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool offered = false;
  while (!offered && std::chrono::steady_clock::now() < deadline) {
    auto tasks = client.Get("/api/tasks", cookie);
    ASSERT_TRUE(tasks);
    json mine = json::parse(tasks->body);  // kept alive: the loop walks inside it
    for (const auto& hand : mine["tasks"]) {
      offered = offered || hand["task"]["state"] == "offered";
    }
    if (!offered) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_TRUE(offered) << "no task was offered within a minute; queue: "
                       << client.Get("/api/queue", cookie)->body.substr(0, 400)
                       << " me: " << client.Get("/api/me", cookie)->body;
}

// Demo customers rate the chats agents close with them (issue 18), so the floor's
// rating column and the journey have something to show.
TEST(Demo, AChatAnAgentClosesIsRatedByItsCustomer) {
  TestServer server(demo_config());
  auto client = server.client();
  httplib::Headers cookie = anna_session(server);
  ASSERT_FALSE(cookie.empty());
  ASSERT_EQ(
      client.Put("/api/me/state", cookie, json{{"state", "ready"}}.dump(), "application/json")
          ->status,
      200);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  std::int64_t closed_chat = 0;
  json rating;
  while (rating.is_null() && std::chrono::steady_clock::now() < deadline) {
    if (closed_chat == 0) {
      json mine = json::parse(client.Get("/api/tasks", cookie)->body);
      for (const auto& hand : mine["tasks"]) {
        if (hand["task"]["state"] != "offered" || hand["task"]["channel"] != "chat") continue;
        std::string task = std::to_string(hand["task"]["id"].get<std::int64_t>());
        auto accepted = client.Post(("/api/tasks/" + task + "/accept").c_str(), cookie, "{}",
                                    "application/json");
        if (!accepted || accepted->status != 200) continue;
        auto closed =
            client.Post(("/api/tasks/" + task + "/close").c_str(), cookie,
                        json{{"unknown_contact", "leave_without"}, {"wrap_up", "resolved"}}.dump(),
                        "application/json");
        ASSERT_TRUE(closed);
        ASSERT_EQ(closed->status, 200) << closed->body;
        closed_chat = hand["task"]["activity"].get<std::int64_t>();
        break;
      }
    } else {
      auto details = client.Get(("/api/activities/" + std::to_string(closed_chat)).c_str(), cookie);
      ASSERT_TRUE(details);
      rating = json::parse(details->body)["rating"];
    }
    if (rating.is_null()) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_NE(closed_chat, 0) << "no chat was offered within 90 s";
  ASSERT_TRUE(rating.is_object()) << "the closed chat was not rated";
  EXPECT_GE(rating["score"].get<int>(), 1);
  EXPECT_LE(rating["score"].get<int>(), 5);
}

// Demo agents leave internal notes in each other's records (issue 18), some naming a
// colleague with "@": those colleagues find them unread at their first sign-in.
TEST(Demo, SeededNotesMentionColleaguesWhoFindThemAtSignIn) {
  TestServer server(demo_config());
  auto client = server.client();
  int mentioned = 0;
  for (const auto& account : server.app().demo_accounts()) {
    auto signed_in = client.Post(
        "/api/session", json{{"username", account.username}, {"password", account.password}}.dump(),
        "application/json");
    ASSERT_TRUE(signed_in);
    ASSERT_EQ(signed_in->status, 200);
    std::string set_cookie = signed_in->get_header_value("Set-Cookie");
    httplib::Headers cookie{{"Cookie", set_cookie.substr(0, set_cookie.find(';'))}};
    json me = json::parse(client.Get("/api/me", cookie)->body)["agent"];
    json listed = json::parse(client.Get("/api/mentions?unread=true", cookie)->body);
    EXPECT_EQ(listed["unread"].get<std::size_t>(), listed["mentions"].size());
    for (const json& mention : listed["mentions"]) {
      ++mentioned;
      EXPECT_NE(mention["note"]["author"], me["id"]);
      const std::string text = mention["note"]["text"];
      EXPECT_EQ(text.rfind("@" + me["display_name"].get<std::string>() + " ", 0), 0u) << text;
    }
  }
  EXPECT_GE(mentioned, 3);
}

TEST(Demo, ARestartKeepsTheDemoAccounts) {
  Config config = demo_config();
  std::vector<demo::DemoAccount> first;
  {
    TestServer server(config);
    first = server.app().demo_accounts();
    // Same data folder, second start: no second seeding, same sign-in details.
    App again([&] {
      Config same = config;
      same.port = 0;
      same.host = "127.0.0.1";
      same.data_dir = server.data_dir().string();
      return same;
    }());
    ASSERT_EQ(again.demo_accounts().size(), first.size());
    for (size_t i = 0; i < first.size(); ++i) {
      EXPECT_EQ(again.demo_accounts()[i].password, first[i].password);
    }
    EXPECT_EQ(again.store().queues().size(), 3u);
  }
}

// A call the demo did not ring itself in this run (rung before a restart, or by a
// connector) is reported answered once an agent takes it: it must not ring on.
TEST(Demo, ACallTakenAfterARestartIsAnswered) {
  Config config = demo_config();
  config.integration_key = "demo-test-key";
  TestServer server(config);
  std::string password;
  for (const auto& account : server.app().demo_accounts()) {
    if (account.username == "anna") password = account.password;
  }
  auto client = server.client();
  auto rang = client.Post(
      "/api/channels/call", {{"Authorization", "Bearer demo-test-key"}},
      json{{"call", "pbx-restart-1"}, {"kind", "ringing"}, {"from", "+1 555 0100"}}.dump(),
      "application/json");
  ASSERT_TRUE(rang);
  ASSERT_EQ(rang->status, 201) << rang->body;
  const auto call = json::parse(rang->body)["activity"]["id"].get<std::int64_t>();

  auto signed_in =
      client.Post("/api/session", json{{"username", "anna"}, {"password", password}}.dump(),
                  "application/json");
  ASSERT_TRUE(signed_in);
  std::string set_cookie = signed_in->get_header_value("Set-Cookie");
  httplib::Headers cookie = {{"Cookie", set_cookie.substr(0, set_cookie.find(';'))}};
  ASSERT_EQ(
      client.Put("/api/me/state", cookie, json{{"state", "ready"}}.dump(), "application/json")
          ->status,
      200);
  // Anna takes that call and turns down the demo's own traffic.
  bool answered = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!answered && std::chrono::steady_clock::now() < deadline) {
    json mine = json::parse(client.Get("/api/tasks", cookie)->body);
    for (const auto& hand : mine["tasks"]) {
      const std::string path = "/api/tasks/" + std::to_string(hand["task"]["id"].get<int>());
      if (hand["task"]["state"] != "offered") continue;
      bool ours = hand["activity"]["id"].get<std::int64_t>() == call;
      (void)client.Post((path + (ours ? "/accept" : "/decline")).c_str(), cookie, "{}",
                        "application/json");
    }
    json events =
        json::parse(client.Get(("/api/activities/" + std::to_string(call)).c_str(), cookie)->body);
    for (const auto& event : events["activity"]["call_events"]) {
      answered = answered || event["kind"] == "answered";
    }
    if (!answered) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_TRUE(answered) << "the call still rings: "
                        << client.Get(("/api/activities/" + std::to_string(call)).c_str(), cookie)
                               ->body.substr(0, 400);
}

// R-H1, R-H2: the help portal's home is not empty in any of the six languages.
TEST(Demo, TheHelpPortalHasCategoriesAndPopularArticlesInEveryLanguage) {
  TestServer server(demo_config());
  auto client = server.client();
  for (std::string language : {"en", "bg", "hu", "da", "sr-Latn", "uk"}) {
    auto categories = client.Get("/api/channels/kb/categories?language=" + language);
    ASSERT_TRUE(categories);
    ASSERT_EQ(categories->status, 200);
    EXPECT_GE(json::parse(categories->body)["categories"].size(), 3u) << language;
    auto popular = client.Get("/api/channels/kb/popular?language=" + language);
    ASSERT_TRUE(popular);
    ASSERT_EQ(popular->status, 200);
    json articles = json::parse(popular->body)["articles"];
    ASSERT_GE(articles.size(), 4u) << language;
    // Seeded readers give the list an order from the start.
    EXPECT_GT(articles[0]["views"].get<int>(), articles[articles.size() - 1]["views"].get<int>())
        << language;
    EXPECT_EQ(articles[0]["language"], language);
    EXPECT_FALSE(articles[0]["category"].get<std::string>().empty()) << language;
  }
}

// R-J2: every word an admin would set is there in all six languages, and no two
// languages share the English word by accident (a missing translation).
TEST(Demo, EveryListEntryHasItsWordInEveryLanguage) {
  TestServer server(demo_config());
  auto& store = server.app().store();
  const std::vector<std::string> languages = {"en", "bg", "hu", "da", "sr-Latn", "uk"};
  auto expect_all = [&](const Labels& labels, const std::string& what) {
    EXPECT_EQ(labels.size(), languages.size()) << what;
    for (const std::string& language : languages) {
      ASSERT_TRUE(labels.count(language)) << what << " has no " << language;
      EXPECT_FALSE(labels.at(language).empty()) << what << " " << language;
    }
    EXPECT_NE(labels.at("hu"), labels.at("en")) << what;
    EXPECT_NE(labels.at("uk"), labels.at("en")) << what;
    EXPECT_TRUE(check_labels("labels", labels)) << what;
  };
  const auto codes = store.wrap_up_codes();
  ASSERT_GE(codes.size(), 4u);
  for (const WrapUpCode& code : codes)
    expect_all(code.labels, "wrap-up code " + code.code);
  const auto reasons = store.not_ready_reasons();
  ASSERT_EQ(reasons.size(), 5u);
  for (const NotReadyReason& reason : reasons)
    expect_all(reason.labels, "reason " + reason.code);
  const auto queues = store.queues();
  ASSERT_EQ(queues.size(), 3u);
  for (const Queue& queue : queues)
    expect_all(queue.labels, "queue " + queue.name);
}

// Some demo emails come with an invoice (issue 18), as a mail gateway sends them.
TEST(Demo, SomeDemoEmailsCarryAnInvoice) {
  Config config = demo_config();
  config.demo_per_minute = 6000;  // an interaction every step of the generator
  TestServer server(config);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (server.app().store().attachment_contents() == 0 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_GT(server.app().store().attachment_contents(), 0) << "no demo file within a minute";
  auto file = server.app().store().attachment(1);
  ASSERT_TRUE(file);
  EXPECT_EQ(file->file.media_type, "application/pdf");
  EXPECT_NE(file->activity, 0);  // it went with its email
  auto content = server.app().store().attachment_content(file->file.sha256);
  ASSERT_TRUE(content);
  EXPECT_EQ(content->rfind("%PDF-1.4", 0), 0u);
}

// Issue 18: demo agents hand work on now and then; the history shows it, to a
// colleague or a queue, with a note, and the journey's activity carries the line.
TEST(Demo, TheHistoryHasTransfersToColleaguesAndQueues) {
  TestServer server(demo_config());
  auto& store = server.app().store();
  int to_agents = 0, to_queues = 0;
  Id transferred = 0;
  for (Id customer = 1; customer <= 60; ++customer) {
    for (const Request& request : store.requests_of(customer)) {
      for (const Activity& activity : store.activities_of_request(request.id)) {
        for (const Handoff& line : store.handoffs_of(activity.id)) {
          EXPECT_EQ(line.kind, HandoffKind::transfer);
          EXPECT_FALSE(line.by_name.empty());
          EXPECT_FALSE(line.note.empty());
          to_agents += line.to_agent.has_value();
          to_queues += line.to_queue.has_value();
          transferred = activity.id;
        }
      }
    }
  }
  EXPECT_GT(to_agents, 0);
  EXPECT_GT(to_queues, 0);
  ASSERT_NE(transferred, 0);
  auto details =
      server.client().Get("/api/activities/" + std::to_string(transferred), anna_session(server));
  ASSERT_TRUE(details);
  ASSERT_EQ(details->status, 200);
  EXPECT_EQ(json::parse(details->body)["handoffs"][0]["kind"], "transfer");
}

}  // namespace
}  // namespace care::server::testing
