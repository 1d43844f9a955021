// The knowledge base (R-F5), its public help-portal side (R-H1) and canned responses
// (R-F9), through the API.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_fixture.hpp"
#include "care/codec/json.hpp"
#include "gateway_config.hpp"

namespace care::server::testing {
namespace {

using nlohmann::json;

class KnowledgeTest : public ApiFixture {
 protected:
  KnowledgeTest() : ApiFixture(gateway_config()) {
    root_ = session_for("root");
    anna_ = session_for("anna");
  }

  json article(const std::string& title, const std::string& body,
               const std::string& language = "en") {
    return post(root_, "/api/kb", {{"title", title}, {"body", body}, {"language", language}},
                201)["article"];
  }

  json search(const std::string& query, const std::string& cookie = "") {
    return get(cookie.empty() ? anna_ : cookie,
               "/api/kb?q=" + care::percent_encode(query))["articles"];
  }

  json canned(const std::string& name, const std::string& body) {
    return post(root_, "/api/canned-responses", {{"name", name}, {"body", body}},
                201)["canned_response"];
  }

  std::string root_;
  std::string anna_;
};

TEST_F(KnowledgeTest, AdminWritesAnArticleAndAgentsReadIt) {
  json created = post(root_, "/api/kb",
                      {{"title", "  Reset the router  "},
                       {"body", "Unplug it for ten seconds."},
                       {"tags", {"router", "Reset"}}},
                      201)["article"];
  EXPECT_EQ(created["title"], "Reset the router");  // trimmed
  EXPECT_EQ(created["language"], "en");             // the default
  EXPECT_EQ(created["version"], 1);
  EXPECT_EQ(created["updated_by"], root_id_);
  EXPECT_EQ(created["tags"], json({"router", "Reset"}));

  json read = get(anna_, "/api/kb/" + std::to_string(created["id"].get<int>()))["article"];
  EXPECT_EQ(read, created);
  // The desktop decodes it with the shared codec.
  auto decoded = decode<KbArticle>(read);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->body, "Unplug it for ten seconds.");

  get(anna_, "/api/kb/999999", 404);
  get("", "/api/kb/" + std::to_string(created["id"].get<int>()), 401);
  get("", "/api/kb?q=router", 401);
}

TEST_F(KnowledgeTest, OnlyAdminsWriteAndArticlesKeepTheTextRules) {
  post(anna_, "/api/kb", {{"title", "Mine"}, {"body", "text"}}, 403);
  post("", "/api/kb", {{"title", "Mine"}, {"body", "text"}}, 401);
  EXPECT_EQ(post(root_, "/api/kb", {{"body", "no title"}}, 400)["error"]["field"], "title");
  EXPECT_EQ(post(root_, "/api/kb", {{"title", 5}, {"body", "x"}}, 400)["error"]["field"], "title");
  EXPECT_EQ(post(root_, "/api/kb", {{"title", "   "}, {"body", "x"}}, 422)["error"]["field"],
            "title");
  // R-C1: 2000 characters (Cyrillic counts per character, not byte).
  std::string longest;
  for (int i = 0; i < 2000; ++i)
    longest += "ж";
  post(root_, "/api/kb", {{"title", "Long"}, {"body", longest}}, 201);
  EXPECT_EQ(
      post(root_, "/api/kb", {{"title", "Longer"}, {"body", longest + "ж"}}, 422)["error"]["field"],
      "body");
  // R-C4 for its tags.
  EXPECT_EQ(post(root_, "/api/kb", {{"title", "Tags"}, {"body", "x"}, {"tags", {"Ъгъл", "ЪГЪЛ"}}},
                 422)["error"]["code"],
            "duplicate");
  EXPECT_EQ(post(root_, "/api/kb", {{"title", "Tags"}, {"body", "x"}, {"tags", {1}}},
                 400)["error"]["field"],
            "tags[0]");
}

TEST_F(KnowledgeTest, SearchRanksTitleMatchesFirstAndGivesPlainSnippets) {
  json in_body = article("Lights on the front panel",
                         "A red light means the router has no signal; restart the router.");
  json in_title = article("Router keeps restarting", "Check the power supply first.");
  article("Invoices", "Invoices are sent on the first day of the month.");

  json hits = search("router");
  ASSERT_EQ(hits.size(), 2u) << hits.dump();
  EXPECT_EQ(hits[0]["id"], in_title["id"]);
  EXPECT_EQ(hits[1]["id"], in_body["id"]);
  EXPECT_EQ(hits[1]["title"], "Lights on the front panel");
  EXPECT_EQ(hits[1]["language"], "en");
  std::string snippet = hits[1]["snippet"];
  EXPECT_NE(snippet.find("router"), std::string::npos) << snippet;
  EXPECT_EQ(snippet.find('<'), std::string::npos) << snippet;

  // Words are prefixes, and all of them must match …
  EXPECT_EQ(search("rout rest").size(), 2u);
  json both = search("red rout");
  ASSERT_EQ(both.size(), 1u);
  EXPECT_EQ(both[0]["id"], in_body["id"]);
  // … unless no article has them all: then any of them.
  json any = search("invoices router");
  EXPECT_EQ(any.size(), 3u);
  EXPECT_TRUE(search("nothing-like-this").empty());
}

TEST_F(KnowledgeTest, SearchFindsCyrillicAndIgnoresCaseAndDiacritics) {
  json bg = article("Рутерът мига червено", "Изключете рутера за десет секунди.", "bg");
  json fr = article("Le café du support", "Ouvert de 9 h à 17 h.", "fr");
  json hits = search("РУТЕР");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0]["id"], bg["id"]);
  EXPECT_EQ(hits[0]["language"], "bg");
  ASSERT_EQ(search("cafe").size(), 1u);
  EXPECT_EQ(search("cafe")[0]["id"], fr["id"]);
}

TEST_F(KnowledgeTest, QueriesAreNeverReadAsSearchSyntax) {
  article("Router", "Restart the router AND wait. Use NEAR the window.");
  for (std::string query : {"\"",
                            "\"\"",
                            "router\" OR \"x",
                            "*",
                            "router*",
                            "title:router",
                            "body : x",
                            "NEAR(router",
                            "AND",
                            "OR OR",
                            "NOT router",
                            "-router",
                            "^router",
                            "(",
                            ")",
                            "{title body}: x",
                            "'",
                            "router +",
                            "\\",
                            "— «»",
                            "::",
                            "router\"*"}) {
    auto result =
        server_.client().Get("/api/kb?q=" + care::percent_encode(query), with_cookie(anna_));
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200) << query << " → " << result->body;
    auto body = json::parse(result->body, nullptr, false);
    EXPECT_TRUE(body.contains("articles")) << query;
  }
  // Operators are plain words: "AND" finds the article that contains "and".
  EXPECT_EQ(search("AND").size(), 1u);
  // Not a column filter: the phrase "title router", which no article has.
  EXPECT_TRUE(search("title:router").empty());
  std::string too_long(201, 'a');
  EXPECT_EQ(get(anna_, "/api/kb?q=" + too_long, 422)["error"]["field"], "q");
  get(anna_, "/api/kb?q=%FF%FE", 400);
}

TEST_F(KnowledgeTest, WithoutAQueryTheNewestArticlesComeFirst) {
  json first = article("First", "one");
  clock_.advance(1000);
  json second = article("Second", std::string(300, 'x'));
  json hits = get(anna_, "/api/kb")["articles"];
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0]["id"], second["id"]);
  EXPECT_EQ(hits[1]["id"], first["id"]);
  EXPECT_EQ(hits[0]["snippet"], std::string(160, 'x') + "…");
}

TEST_F(KnowledgeTest, TheHelpPortalSearchesAndReadsWithoutASession) {
  json created = article("Router keeps restarting", "Check the power supply first.");
  json hits = get("", "/api/channels/kb?q=router")["articles"];
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0], json({{"id", created["id"]},
                           {"title", "Router keeps restarting"},
                           {"snippet", "Check the power supply first."}}));
  json read = get("", "/api/channels/kb/" + std::to_string(created["id"].get<int>()))["article"];
  EXPECT_EQ(read, json({{"id", created["id"]},
                        {"title", "Router keeps restarting"},
                        {"body", "Check the power supply first."},
                        {"language", "en"},
                        {"category", ""}}));
  get("", "/api/channels/kb/424242", 404);
  get("", "/api/channels/kb/abc", 404);
  // Read-only: nothing is written through the portal's paths.
  auto written = server_.client().Post("/api/channels/kb", "{}", "application/json");
  ASSERT_TRUE(written);
  EXPECT_EQ(written->status, 405);
}

// R-H1: the portal's home lists one language's categories and its most read articles.
TEST_F(KnowledgeTest, ThePortalHomeListsCategoriesAndPopularArticlesPerLanguage) {
  auto write = [&](const std::string& title, const std::string& language,
                   const std::string& category) {
    json body{{"title", title}, {"body", title + ": steps."}, {"language", language}};
    if (!category.empty()) body["category"] = category;
    return post(root_, "/api/kb", body, 201)["article"];
  };
  json router = write("Routeren blinker rødt", "da", "Internet og router");
  json slow = write("Langsomt internet", "da", "Internet og router");
  json password = write("Glemt adgangskode", "da", "Konto og login");
  write("Uden kategori", "da", "");
  json english = write("Router blinking red", "en", "Internet and router");
  EXPECT_EQ(password["category"], "Konto og login");

  json da = get("", "/api/channels/kb/categories?language=da");
  EXPECT_EQ(da["language"], "da");
  EXPECT_EQ(da["categories"], json({{{"name", "Internet og router"}, {"articles", 2}},
                                    {{"name", "Konto og login"}, {"articles", 1}}}));
  // English unless asked; a language with no articles has no categories.
  EXPECT_EQ(get("", "/api/channels/kb/categories")["categories"],
            json({{{"name", "Internet and router"}, {"articles", 1}}}));
  EXPECT_TRUE(get("", "/api/channels/kb/categories?language=uk")["categories"].empty());

  // Reading counts: the most read first.
  std::string slow_path = "/api/channels/kb/" + std::to_string(slow["id"].get<int>());
  get("", slow_path);
  get("", slow_path);
  get("", "/api/channels/kb/" + std::to_string(password["id"].get<int>()));
  json popular = get("", "/api/channels/kb/popular?language=da")["articles"];
  ASSERT_EQ(popular.size(), 4u) << popular.dump();
  EXPECT_EQ(popular[0]["id"], slow["id"]);
  EXPECT_EQ(popular[0]["views"], 2);
  EXPECT_EQ(popular[0]["category"], "Internet og router");
  EXPECT_EQ(popular[0]["language"], "da");
  EXPECT_EQ(popular[0]["snippet"], "Langsomt internet: steps.");
  EXPECT_EQ(popular[1]["id"], password["id"]);
  EXPECT_EQ(get("", "/api/channels/kb/popular?language=da&limit=1")["articles"].size(), 1u);
  json in_category = get("", "/api/channels/kb/popular?language=da&category=" +
                                 care::percent_encode("Internet og router"))["articles"];
  ASSERT_EQ(in_category.size(), 2u);
  EXPECT_EQ(in_category[0]["id"], slow["id"]);
  EXPECT_EQ(in_category[1]["id"], router["id"]);
  json in_english = get("", "/api/channels/kb/popular")["articles"];
  ASSERT_EQ(in_english.size(), 1u);
  EXPECT_EQ(in_english[0]["id"], english["id"]);
  // The agent's view of the article has its category too.
  EXPECT_EQ(get(anna_, "/api/kb/" + std::to_string(slow["id"].get<int>()))["article"]["category"],
            "Internet og router");
}

TEST_F(KnowledgeTest, ThePortalHomeRefusesBadParametersNamingTheField) {
  for (std::string language :
       std::vector<std::string>{"", "d%20a", "%3Cb%3E", "-da", std::string(36, 'a')}) {
    EXPECT_EQ(get("", "/api/channels/kb/categories?language=" + language, 422)["error"]["field"],
              "language")
        << language;
    EXPECT_EQ(get("", "/api/channels/kb/popular?language=" + language, 422)["error"]["field"],
              "language")
        << language;
  }
  for (std::string limit : {"0", "51", "-1", "abc", "", "3x"}) {
    EXPECT_EQ(get("", "/api/channels/kb/popular?limit=" + limit, 422)["error"]["field"], "limit")
        << limit;
  }
  EXPECT_EQ(get("", "/api/channels/kb/popular?category=", 422)["error"]["field"], "category");
  EXPECT_EQ(
      get("", "/api/channels/kb/popular?category=" + std::string(101, 'c'), 422)["error"]["field"],
      "category");
  // Unknown or malformed articles are 404, and reading one counts nothing.
  get("", "/api/channels/kb/0", 404);
  get("", "/api/channels/kb/999999", 404);
  get("", "/api/channels/kb/12abc", 404);
  // An admin's category keeps its limit.
  EXPECT_EQ(post(root_, "/api/kb", {{"title", "T"}, {"body", "x"}, {"category", 5}},
                 400)["error"]["field"],
            "category");
  EXPECT_EQ(
      post(root_, "/api/kb", {{"title", "T"}, {"body", "x"}, {"category", std::string(101, 'c')}},
           422)["error"]["field"],
      "category");
  // Read-only like the rest of the portal's paths.
  auto written = server_.client().Post("/api/channels/kb/popular", "{}", "application/json");
  ASSERT_TRUE(written);
  EXPECT_EQ(written->status, 405);
}

TEST_F(KnowledgeTest, CannedResponsesAreFoundByNameThenTextIgnoringCase) {
  json thanks = canned("thanks", "Thank you for waiting, {customer}.");
  json greeting = canned("greeting", "Hello {customer}, how can I help?");
  json regards = canned("Поздрав", "Здравейте, {customer}! С какво да помогна?");
  json hold = canned("hold", "Please hold while I check your greeting card order.");

  auto names = [&](const std::string& query) {
    std::vector<std::string> found;
    json listed = get(anna_, "/api/canned-responses?q=" + care::percent_encode(query));
    for (const json& c : listed["canned_responses"])
      found.push_back(c["name"]);
    return found;
  };
  EXPECT_EQ(names(""), (std::vector<std::string>{"greeting", "hold", "thanks", "Поздрав"}));
  // Name prefix, then the name containing it, then the text.
  EXPECT_EQ(names("/GRE"), (std::vector<std::string>{"greeting", "hold"}));
  EXPECT_EQ(names("ank"), (std::vector<std::string>{"thanks"}));
  EXPECT_EQ(names("поздрав"), (std::vector<std::string>{"Поздрав"}));
  EXPECT_EQ(names("ПОМОГНА"), (std::vector<std::string>{"Поздрав"}));
  EXPECT_TRUE(names("nothing").empty());
  json first = get(anna_, "/api/canned-responses?q=greeting")["canned_responses"][0];
  EXPECT_EQ(first, greeting);
  get("", "/api/canned-responses", 401);
}

TEST_F(KnowledgeTest, OnlyAdminsWriteCannedResponsesWithUniqueNames) {
  canned("greeting", "Hello {customer}");
  post(anna_, "/api/canned-responses", {{"name", "mine"}, {"body", "x"}}, 403);
  EXPECT_EQ(post(root_, "/api/canned-responses", {{"name", "greeting"}, {"body", "Hi"}},
                 409)["error"]["code"],
            "duplicate");
  EXPECT_EQ(
      post(root_, "/api/canned-responses", {{"name", " "}, {"body", "Hi"}}, 422)["error"]["field"],
      "name");
  EXPECT_EQ(post(root_, "/api/canned-responses", {{"name", "empty"}, {"body", ""}},
                 422)["error"]["field"],
            "body");
  EXPECT_EQ(post(root_, "/api/canned-responses", {{"name", "x"}}, 400)["error"]["field"], "body");
  EXPECT_EQ(post(root_, "/api/canned-responses", {{"name", "x"}, {"body", std::string(2001, 'b')}},
                 422)["error"]["field"],
            "body");
}

TEST_F(KnowledgeTest, RenderFillsTheCustomersName) {
  post(root_, "/api/queues", {{"name", "General"}}, 201);
  json greeting = canned("greeting", "Hello {customer}, how can I help?");
  std::string render =
      "/api/canned-responses/" + std::to_string(greeting["id"].get<int>()) + "/render?activity=";

  // A saved customer: their name.
  post(anna_, "/api/customers",
       {{"kind", "contact"}, {"name", "Maria Ivanova"}, {"email", "maria@example.bg"}}, 201);
  json known = post("", "/api/channels/chat",
                    {{"name", "Mimi"}, {"email", "maria@example.bg"}, {"question", "Hi"}}, 201);
  json filled = get(anna_, render + std::to_string(known["chat"]["id"].get<int>()));
  EXPECT_EQ(filled["text"], "Hello Maria Ivanova, how can I help?");
  EXPECT_EQ(filled["customer_name"], "Maria Ivanova");
  EXPECT_EQ(filled["canned_response"], greeting);

  // An unknown contact: the name the pre-chat survey gave.
  json unknown = post("", "/api/channels/chat",
                      {{"name", "Петър"}, {"email", "petar@example.bg"}, {"question", "Hi"}}, 201);
  EXPECT_EQ(get(anna_, render + std::to_string(unknown["chat"]["id"].get<int>()))["text"],
            "Hello Петър, how can I help?");

  // No name known (an email from an unknown address): the placeholder goes.
  json email = send("POST", "", "/api/channels/email",
                    {{"from", "who@example.com"}, {"subject", "?"}, {"body", "?"}}, 201,
                    {{"Authorization", "Bearer gateway-key"}});
  json nameless = get(anna_, render + std::to_string(email["activity"]["id"].get<int>()));
  EXPECT_EQ(nameless["text"], "Hello, how can I help?");
  EXPECT_TRUE(nameless["customer_name"].is_null());

  get(anna_, render + "999999", 404);
  get(anna_,
      "/api/canned-responses/999999/render?activity=" +
          std::to_string(known["chat"]["id"].get<int>()),
      404);
  EXPECT_EQ(
      get(anna_, "/api/canned-responses/" + std::to_string(greeting["id"].get<int>()) + "/render",
          400)["error"]["field"],
      "activity");
  get("", render + "1", 401);
}

}  // namespace
}  // namespace care::server::testing
