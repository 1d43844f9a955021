// GET /api/customers/{id}/journey (R-D5): the summary, paged newest first with an
// opaque cursor, over real HTTP against a real store.
#include <algorithm>
#include <set>

#include "api_fixture.hpp"
#include "care/codec/json.hpp"

namespace care::server::testing {
namespace {

using nlohmann::json;

class JourneyTest : public ApiFixture {
 protected:
  void SetUp() override { anna_ = session_for("anna"); }

  store::Store& store() { return server_.app().store(); }

  Id add_customer(const std::string& name) {
    Customer c;
    c.name = name;
    c.created_at = time_from_unix_ms(kStart);
    c.updated = Stamp{anna_id_, c.created_at};
    return store().create_customer(c, anna_id_).id;
  }

  Id add_request(Id customer, const std::string& title) {
    Request r;
    r.customer = customer;
    r.title = title;
    r.created_at = time_from_unix_ms(kStart);
    r.updated = Stamp{anna_id_, r.created_at};
    return store().create_request(r, anna_id_).id;
  }

  // An activity `minutes` after the start; several may share one moment.
  Activity add_activity(Id customer, std::optional<Id> request, int minutes,
                        MediaType media = MediaType::email) {
    Activity a;
    a.customer = customer;
    a.request = request;
    a.media = media;
    a.subject = "Question " + std::to_string(minutes);
    a.created_at = time_from_unix_ms(kStart + minutes * 60'000LL);
    a.updated = Stamp{anna_id_, a.created_at};
    a.messages = {Message{0,
                          AuthorKind::customer,
                          0,
                          "Maria",
                          "a transcript line",
                          a.created_at,
                          "",
                          std::nullopt,
                          {}}};
    return store().create_activity(a, "", anna_id_);
  }

  std::string path(Id customer, const std::string& query = "") {
    return "/api/customers/" + std::to_string(customer) + "/journey" + query;
  }

  std::string anna_;
};

TEST_F(JourneyTest, PagesGoNewestFirstWithoutGapsOrRepeatsAndOnlyTheFirstCarriesTheCustomer) {
  Id maria = add_customer("Maria");
  Id other = add_customer("Ivan");
  Id billing = add_request(maria, "Billing");
  Id router = add_request(maria, "Router");
  std::vector<std::pair<std::int64_t, Id>> expected;  // (minute, id), newest first below
  for (int i = 0; i < 130; ++i) {
    // Every third pair shares a minute: ties are ordered by id.
    int minute = (i * 7) % 97 + (i % 3 == 0 ? 0 : 1000);
    std::optional<Id> request =
        i % 5 == 0 ? std::nullopt : std::optional<Id>(i % 2 ? billing : router);
    expected.emplace_back(minute, add_activity(maria, request, minute).id);
  }
  add_activity(other, std::nullopt, 5);
  std::sort(expected.rbegin(), expected.rend());

  json first = get(anna_, path(maria));
  EXPECT_EQ(first["customer"]["name"], "Maria");
  EXPECT_EQ(first["requests"].size(), 2u);
  EXPECT_EQ(first["total"], 130);
  ASSERT_EQ(first["activities"].size(), static_cast<size_t>(kJourneyPageDefault));
  ASSERT_TRUE(first["next_cursor"].is_string());

  std::vector<Id> seen;
  for (const json& row : first["activities"])
    seen.push_back(row["id"]);
  std::string cursor = first["next_cursor"];
  int pages = 1;
  while (!cursor.empty()) {
    json page = get(anna_, path(maria, "?limit=37&cursor=" + percent_encode(cursor)));
    EXPECT_FALSE(page.contains("customer"));
    EXPECT_FALSE(page.contains("requests"));
    EXPECT_FALSE(page.contains("total"));
    EXPECT_LE(page["activities"].size(), 37u);
    for (const json& row : page["activities"])
      seen.push_back(row["id"]);
    cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
    ASSERT_LT(++pages, 10);
  }
  std::vector<Id> ids;
  for (const auto& [minute, id] : expected)
    ids.push_back(id);
  EXPECT_EQ(seen, ids);
  EXPECT_EQ(pages, 1 + 3) << "50, then 37, 37 and the last 6";
}

TEST_F(JourneyTest, ARowHoldsWhatTheJourneyShowsAndNoTranscript) {
  Id maria = add_customer("Maria");
  Id billing = add_request(maria, "Сметка \"двойна\"");
  Activity a = add_activity(maria, billing, 3, MediaType::chat);
  a.subject = "Line \"one\"\nline two \\ 🙂 \x01";
  a.tags = {"billing", "Ъгъл"};
  a.wrap_up = "resolved";
  a.closed_at = a.created_at + std::chrono::minutes(4);
  a.version = 2;
  ASSERT_TRUE(store().save_activity(a, 1, anna_id_));
  add_activity(maria, std::nullopt, 1, MediaType::note);

  json page = get(anna_, path(maria));
  ASSERT_EQ(page["activities"].size(), 2u);
  EXPECT_TRUE(page["next_cursor"].is_null());
  const json& row = page["activities"][0];
  std::set<std::string> keys;
  for (const auto& [key, value] : row.items())
    keys.insert(key);
  EXPECT_EQ(keys, (std::set<std::string>{"id", "media", "request", "request_title", "subject",
                                         "created_at", "closed_at", "tags", "wrap_up", "version"}));
  auto entry = decode<JourneyEntry>(row);
  ASSERT_TRUE(entry) << entry.error().message;
  EXPECT_EQ(entry->id, a.id);
  EXPECT_EQ(entry->media, MediaType::chat);
  EXPECT_EQ(entry->request, billing);
  EXPECT_EQ(entry->request_title, "Сметка \"двойна\"");
  EXPECT_EQ(entry->subject, a.subject);
  EXPECT_EQ(entry->tags, a.tags);
  EXPECT_EQ(entry->wrap_up, "resolved");
  EXPECT_EQ(entry->closed_at, a.closed_at);
  EXPECT_EQ(entry->version, 2);
  const json& loose = page["activities"][1];
  EXPECT_TRUE(loose["request"].is_null());
  EXPECT_EQ(loose["request_title"], "");
  EXPECT_TRUE(loose["closed_at"].is_null());

  // The transcript comes when the activity is selected.
  json full = get(anna_, "/api/activities/" + std::to_string(a.id));
  EXPECT_EQ(full["activity"]["messages"].size(), 1u);
}

TEST_F(JourneyTest, LimitIsOneToTwoHundred) {
  Id maria = add_customer("Maria");
  for (int i = 0; i < 205; ++i)
    add_activity(maria, std::nullopt, i);
  EXPECT_EQ(get(anna_, path(maria, "?limit=200"))["activities"].size(), 200u);
  json one = get(anna_, path(maria, "?limit=1"));
  ASSERT_EQ(one["activities"].size(), 1u);
  EXPECT_EQ(one["activities"][0]["subject"], "Question 204");
}

TEST_F(JourneyTest, ABadLimitOrCursorIs400NamingItAndAnUnknownCustomer404) {
  Id maria = add_customer("Maria");
  add_activity(maria, std::nullopt, 1);
  for (const char* query : {"?limit=0", "?limit=201", "?limit=ten", "?limit=-5"}) {
    json error = get(anna_, path(maria, query), 400)["error"];
    EXPECT_EQ(error["field"], "limit") << query;
    EXPECT_EQ(error["code"], "invalid") << query;
  }
  for (const char* query :
       {"?cursor=", "?cursor=abc", "?cursor=12", "?cursor=1.0", "?cursor=1.2.3"}) {
    json error = get(anna_, path(maria, query), 400)["error"];
    EXPECT_EQ(error["field"], "cursor") << query;
  }
  EXPECT_EQ(get(anna_, path(999999), 404)["error"]["code"], "not_found");
  EXPECT_EQ(get(anna_, path(999999, "?cursor=1790000000000.5"), 404)["error"]["code"], "not_found");
  EXPECT_EQ(get("", path(maria), 401)["error"]["code"], "unauthenticated");
}

TEST_F(JourneyTest, ARowAddedWhileReadingDoesNotShiftTheNextPage) {
  Id maria = add_customer("Maria");
  for (int i = 0; i < 6; ++i)
    add_activity(maria, std::nullopt, i);
  json first = get(anna_, path(maria, "?limit=3"));
  add_activity(maria, std::nullopt, 100);  // newer than all: belongs on top, not on page 2
  json second = get(
      anna_,
      path(maria, "?limit=3&cursor=" + percent_encode(first["next_cursor"].get<std::string>())));
  std::vector<std::string> subjects;
  for (const json& row : second["activities"])
    subjects.push_back(row["subject"]);
  EXPECT_EQ(subjects, (std::vector<std::string>{"Question 2", "Question 1", "Question 0"}));
  EXPECT_TRUE(second["next_cursor"].is_null());
}

}  // namespace
}  // namespace care::server::testing
