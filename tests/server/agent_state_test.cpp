// Ready / Not Ready with reasons (R-A2), by the agent and by a supervisor, audited.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "accounts_fixture.hpp"
#include "store/database.hpp"
#include "store/postgres/pg_connection.hpp"

namespace care::server {
namespace {

using nlohmann::json;

class AgentStateTest : public testing::AccountsFixture {
 protected:
  httplib::Result put_state(const std::string& cookie, const std::string& path, const json& body) {
    return server_.client().Put(path, with_cookie(cookie), body.dump(), "application/json");
  }
};

TEST_F(AgentStateTest, AgentGoesReadyAndNotReadyWithAReason) {
  std::string anna = session_for("anna");
  auto ready = put_state(anna, "/api/me/state", {{"state", "ready"}});
  ASSERT_EQ(ready->status, 200);
  EXPECT_EQ(json::parse(ready->body)["state"], "ready");

  clock_.advance(1000);
  auto lunch = put_state(anna, "/api/me/state", {{"state", "not_ready"}, {"reason", "lunch"}});
  ASSERT_EQ(lunch->status, 200);
  json body = json::parse(lunch->body);
  EXPECT_EQ(body["state"], "not_ready");
  EXPECT_EQ(body["reason"], "lunch");
  EXPECT_EQ(body["since"], testing::kStart + 1000);

  auto me = server_.client().Get("/api/me", with_cookie(anna));
  EXPECT_EQ(json::parse(me->body)["agent"]["state_reason"], "lunch");
}

TEST_F(AgentStateTest, BadStatesAndReasonsNameTheField) {
  std::string anna = session_for("anna");
  auto unknown = put_state(anna, "/api/me/state", {{"state", "asleep"}});
  EXPECT_EQ(unknown->status, 400);
  EXPECT_EQ(error_field(unknown), "state");

  auto no_reason = put_state(anna, "/api/me/state", {{"state", "not_ready"}});
  EXPECT_EQ(no_reason->status, 400);
  EXPECT_EQ(error_field(no_reason), "reason");

  // Only the router may say an offer was missed: it is not in the admin's list.
  auto missed =
      put_state(anna, "/api/me/state", {{"state", "not_ready"}, {"reason", "missed_offer"}});
  EXPECT_EQ(missed->status, 422);
  EXPECT_EQ(error_field(missed), "reason");
}

TEST_F(AgentStateTest, StateNeedsASession) {
  auto result = server_.client().Put("/api/me/state", R"({"state":"ready"})", "application/json");
  EXPECT_EQ(result->status, 401);
}

TEST_F(AgentStateTest, SupervisorsSetOthersStateAgentsCannot) {
  std::string path = "/api/agents/" + std::to_string(sam_id_) + "/state";
  auto by_agent = put_state(session_for("anna"), path, {{"state", "ready"}});
  EXPECT_EQ(by_agent->status, 403);

  std::string sam = session_for("sam");
  std::string anna_path = "/api/agents/" + std::to_string(anna_id_) + "/state";
  auto by_supervisor = put_state(sam, anna_path, {{"state", "not_ready"}, {"reason", "meeting"}});
  ASSERT_EQ(by_supervisor->status, 200);
  EXPECT_EQ(server_.app().store().agent(anna_id_)->state_reason, "meeting");

  EXPECT_EQ(put_state(sam, "/api/agents/999999/state", {{"state", "ready"}})->status, 404);
  EXPECT_EQ(put_state(sam, "/api/agents/abc/state", {{"state", "ready"}})->status, 404);
}

TEST_F(AgentStateTest, EveryChangeIsAudited) {
  std::string sam = session_for("sam");
  put_state(session_for("anna"), "/api/me/state", {{"state", "ready"}});
  put_state(sam, "/api/agents/" + std::to_string(anna_id_) + "/state",
            {{"state", "not_ready"}, {"reason", "break"}});
  // The audit trail as the database holds it: actor, action, detail.
  std::vector<std::tuple<std::int64_t, std::string, std::string>> audit;
  if (!server_.database().empty()) {
    store::pg::Connection db(server_.database());
    store::pg::Result rows = db.query(
        "SELECT actor_id, action, detail FROM audit WHERE record_type = 'agent'"
        " AND record_id = $1 ORDER BY id",
        anna_id_);
    for (int row = 0; row < rows.rows(); ++row)
      audit.emplace_back(rows.integer(row, 0), rows.text(row, 1), rows.text(row, 2));
  } else {
    store::Database db((server_.data_dir() / "care.db").string());
    store::Statement& rows = db.prepare(
        "SELECT actor_id, action, detail FROM audit WHERE record_type = 'agent' AND record_id = ? "
        "ORDER BY id");
    rows.bind(1, anna_id_);
    while (rows.step())
      audit.emplace_back(rows.column_int(0), rows.column_text(1), rows.column_text(2));
    rows.reset();
  }
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(std::get<0>(audit[0]), anna_id_);
  EXPECT_EQ(std::get<1>(audit[0]), "agent.state");
  EXPECT_EQ(std::get<0>(audit[1]), sam_id_);
  EXPECT_EQ(json::parse(std::get<2>(audit[1]))["reason"], "break");
}

}  // namespace
}  // namespace care::server
