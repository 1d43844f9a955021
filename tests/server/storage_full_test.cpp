// A full disk (issue 14, item 7): writes are refused with 507 and logged, /healthz and
// /metrics say so, reads and sign-in go on, and the server recovers by itself when
// there is room again. The database is made full for real: SQLite's max_page_count
// on the live connection refuses every new page with SQLITE_FULL, as a full disk does.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "api_fixture.hpp"
#include "auth/password.hpp"
#include "store/sqlite_store.hpp"

namespace care::server {
namespace {

using nlohmann::json;

class StorageFull : public testing::ApiFixture {
 protected:
  store::SqliteStore& sqlite() { return dynamic_cast<store::SqliteStore&>(server_.app().store()); }

  httplib::Result create_customer(const std::string& cookie, int n) {
    json body = {{"kind", "contact"},
                 {"name", "Customer " + std::to_string(n) + " " + std::string(1500, 'x')}};
    return server_.client().Post("/api/customers", with_cookie(cookie), body.dump(),
                                 "application/json");
  }

  // Caps the database at its size now, then writes customers until one is refused.
  httplib::Result fill_up(const std::string& cookie) {
    sqlite().limit_pages(0);
    for (int n = 0; n < 2000; ++n) {
      auto result = create_customer(cookie, n);
      if (!result || result->status != 201) return result;
    }
    ADD_FAILURE() << "2000 customers fitted in a database capped at its size";
    return create_customer(cookie, -1);
  }

  // Fills the sessions table's pages too, so the next sign-in cannot store its session.
  void fill_sessions() {
    for (int n = 0; n < 5000; ++n) {
      try {
        server_.app().store().create_session(auth::token_hash("filler " + std::to_string(n)),
                                             sam_id_, testing::kStart,
                                             testing::kStart + 1000 * 60 * 60);
      } catch (const store::StoreError&) {
        return;
      }
    }
    ADD_FAILURE() << "5000 sessions fitted in a full database";
  }

  json healthz() {
    auto result = server_.client().Get("/healthz");
    EXPECT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    return json::parse(result->body);
  }

  std::string metrics() { return server_.client().Get("/metrics")->body; }
};

TEST_F(StorageFull, AWriteIsRefusedWith507AndLogged) {
  std::string anna = session_for("anna");
  ::testing::internal::CaptureStdout();
  auto refused = fill_up(anna);
  std::string log = ::testing::internal::GetCapturedStdout();
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 507) << refused->body;
  EXPECT_EQ(error_code(refused), "insufficient_storage");

  bool logged = false;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    json entry = json::parse(line, nullptr, false);
    if (entry.is_object() && entry.value("event", "") == "storage_full") logged = true;
  }
  EXPECT_TRUE(logged) << log;
}

TEST_F(StorageFull, HealthAndMetricsSayStorageIsFull) {
  std::string anna = session_for("anna");
  EXPECT_EQ(healthz()["status"], "ok");
  EXPECT_NE(metrics().find("\ncare_storage_full 0\n"), std::string::npos);

  ASSERT_EQ(fill_up(anna)->status, 507);
  json health = healthz();
  EXPECT_EQ(health["status"], "degraded");
  EXPECT_EQ(health["storage"], "full");
  std::string text = metrics();
  EXPECT_NE(text.find("\ncare_storage_full 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE care_storage_refused_writes_total counter"), std::string::npos);
  EXPECT_EQ(text.find("\ncare_storage_refused_writes_total 0\n"), std::string::npos) << text;
}

TEST_F(StorageFull, ReadsGoOn) {
  std::string anna = session_for("anna");
  std::string root = session_for("root");
  ASSERT_EQ(create_customer(anna, 1)->status, 201);
  json article =
      post(root, "/api/kb", {{"title", "Resetting a router"}, {"body", "Hold the button."}}, 201);
  ASSERT_EQ(fill_up(anna)->status, 507);
  get(anna, "/api/me");
  // A customer's read counts a view (a write): the article is served all the same.
  json read = get("", "/api/channels/kb/" + std::to_string(article["article"]["id"].get<int>()));
  EXPECT_EQ(read["article"]["title"], "Resetting a router");
  json found = get(anna, "/api/customers?q=Customer");
  EXPECT_FALSE(found["customers"].empty());
  get(anna, "/api/queue");
}

TEST_F(StorageFull, ExistingAgentsCanStillSignIn) {
  std::string anna = session_for("anna");
  ASSERT_EQ(fill_up(anna)->status, 507);
  fill_sessions();
  std::string sam = session_for("sam");
  ASSERT_FALSE(sam.empty());
  json me = get(sam, "/api/me");
  EXPECT_EQ(me["agent"]["username"], "sam");
  del(sam, "/api/session", 204);
  get(sam, "/api/me", 401);
}

TEST_F(StorageFull, RecoversWhenThereIsRoomAgain) {
  std::string anna = session_for("anna");
  ASSERT_EQ(fill_up(anna)->status, 507);
  sqlite().limit_pages(store::SqliteStore::kNoPageLimit);
  auto saved = create_customer(anna, 9999);
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->status, 201) << saved->body;
  json health = healthz();
  EXPECT_EQ(health["status"], "ok");
  EXPECT_FALSE(health.contains("storage") && health["storage"] == "full");
  EXPECT_NE(metrics().find("\ncare_storage_full 0\n"), std::string::npos);
}

}  // namespace
}  // namespace care::server
