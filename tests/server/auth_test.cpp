// Sign-in, sessions, roles and cross-site protection over real HTTP (R-A1, R-G5).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>

#include "accounts_fixture.hpp"

namespace care::server {
namespace {

using nlohmann::json;

using AuthTest = testing::AccountsFixture;

TEST_F(AuthTest, SignInSetsAnHttpOnlyStrictSessionCookie) {
  auto result = sign_in("anna", "correct horse");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  std::string cookie = result->get_header_value("Set-Cookie");
  EXPECT_EQ(cookie.rfind("care_session=", 0), 0u);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  json agent = json::parse(result->body)["agent"];
  EXPECT_EQ(agent["username"], "anna");
  EXPECT_EQ(agent["role"], "agent");
  EXPECT_EQ(agent["state"], "not_ready");
}

TEST_F(AuthTest, UsernamesIgnoreCase) {
  auto result = sign_in("ANNA", "correct horse");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
}

TEST_F(AuthTest, WrongPasswordAndUnknownUserGetTheSame401) {
  auto wrong = sign_in("anna", "wrong horse");
  auto unknown = sign_in("nobody", "correct horse");
  ASSERT_TRUE(wrong && unknown);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(wrong->body, unknown->body);
  EXPECT_FALSE(wrong->has_header("Set-Cookie"));
}

TEST_F(AuthTest, MeNeedsASession) {
  auto anonymous = server_.client().Get("/api/me");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_EQ(error_code(anonymous), "unauthenticated");

  auto forged = server_.client().Get("/api/me", with_cookie("care_session=00ff"));
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 401);

  auto me = server_.client().Get("/api/me", with_cookie(session_for("anna")));
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  EXPECT_EQ(json::parse(me->body)["agent"]["display_name"], "Anna Petrova");
}

TEST_F(AuthTest, SignOutEndsTheSession) {
  std::string cookie = session_for("anna");
  auto out = server_.client().Delete("/api/session", with_cookie(cookie));
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 204);
  EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  auto me = server_.client().Get("/api/me", with_cookie(cookie));
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 401);
}

TEST_F(AuthTest, ASessionLastsAShiftAndThenExpires) {
  std::string cookie = session_for("anna");
  clock_.advance(12LL * 60 * 60 * 1000 - 1);
  EXPECT_EQ(server_.client().Get("/api/me", with_cookie(cookie))->status, 200);
  clock_.advance(1);
  EXPECT_EQ(server_.client().Get("/api/me", with_cookie(cookie))->status, 401);
}

TEST_F(AuthTest, RepeatedFailuresAreRateLimitedThenForgiven) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(sign_in("anna", "guess " + std::to_string(i))->status, 401);
  auto limited = sign_in("anna", "correct horse");  // even the right password waits
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(error_code(limited), "rate_limited");
  int retry_after = std::stoi(limited->get_header_value("Retry-After"));
  EXPECT_GT(retry_after, 0);
  EXPECT_LE(retry_after, 60);
  clock_.advance(60 * 1000);
  EXPECT_EQ(sign_in("anna", "correct horse")->status, 200);
}

TEST_F(AuthTest, BadSignInBodiesNameTheField) {
  auto client = server_.client();
  auto malformed = client.Post("/api/session", "{\"username\": ", "application/json");
  EXPECT_EQ(malformed->status, 400);
  EXPECT_EQ(error_code(malformed), "malformed");

  auto not_object = client.Post("/api/session", "[1,2]", "application/json");
  EXPECT_EQ(not_object->status, 400);

  auto missing = client.Post("/api/session", R"({"username":"anna"})", "application/json");
  EXPECT_EQ(missing->status, 400);
  EXPECT_EQ(json::parse(missing->body)["error"]["field"], "password");

  auto mistyped =
      client.Post("/api/session", R"({"username":7,"password":"x"})", "application/json");
  EXPECT_EQ(mistyped->status, 400);
  EXPECT_EQ(json::parse(mistyped->body)["error"]["field"], "username");

  auto too_long = sign_in(std::string(101, 'a'), "x");
  EXPECT_EQ(too_long->status, 422);
  EXPECT_EQ(json::parse(too_long->body)["error"]["field"], "username");

  auto form =
      client.Post("/api/session", "username=anna&password=x", "application/x-www-form-urlencoded");
  EXPECT_EQ(form->status, 415);
}

TEST_F(AuthTest, CrossSiteChangesAreRefused) {
  std::string cookie = session_for("anna");
  httplib::Headers foreign = {{"Cookie", cookie}, {"Origin", "http://evil.example"}};
  auto result = server_.client().Delete("/api/session", foreign);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 403);
  EXPECT_EQ(error_code(result), "cross_site");
  EXPECT_EQ(server_.client().Get("/api/me", with_cookie(cookie))->status, 200);

  std::string own = "http://127.0.0.1:" + std::to_string(server_.port());
  httplib::Headers same_site = {{"Cookie", cookie}, {"Origin", own}};
  EXPECT_EQ(server_.client().Delete("/api/session", same_site)->status, 204);
}

TEST_F(AuthTest, OnlySupervisorsListAgentsAndOnlyAdminsCreateThem) {
  auto as_agent = server_.client().Get("/api/agents", with_cookie(session_for("anna")));
  EXPECT_EQ(as_agent->status, 403);
  auto as_supervisor = server_.client().Get("/api/agents", with_cookie(session_for("sam")));
  ASSERT_EQ(as_supervisor->status, 200);
  EXPECT_EQ(json::parse(as_supervisor->body)["agents"].size(), 3u);

  json bob = {
      {"username", "bob"}, {"display_name", "Bob"}, {"password", "long enough"}, {"role", "agent"}};
  auto by_supervisor = server_.client().Post("/api/agents", with_cookie(session_for("sam")),
                                             bob.dump(), "application/json");
  EXPECT_EQ(by_supervisor->status, 403);

  std::string admin = session_for("root");
  auto created =
      server_.client().Post("/api/agents", with_cookie(admin), bob.dump(), "application/json");
  ASSERT_EQ(created->status, 201);
  EXPECT_EQ(sign_in("bob", "long enough")->status, 200);

  auto again =
      server_.client().Post("/api/agents", with_cookie(admin), bob.dump(), "application/json");
  EXPECT_EQ(again->status, 409);
  EXPECT_EQ(json::parse(again->body)["error"]["field"], "username");

  json bad_role = bob;
  bad_role["username"] = "carl";
  bad_role["role"] = "king";
  auto refused =
      server_.client().Post("/api/agents", with_cookie(admin), bad_role.dump(), "application/json");
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(json::parse(refused->body)["error"]["field"], "role");

  json short_password = bob;
  short_password["username"] = "dora";
  short_password["password"] = "short";
  auto weak = server_.client().Post("/api/agents", with_cookie(admin), short_password.dump(),
                                    "application/json");
  EXPECT_EQ(weak->status, 400);
  EXPECT_EQ(json::parse(weak->body)["error"]["field"], "password");
}

// Issue 13 (agents by name): every signed-in agent may name the others, and learns no
// more than a name and a role of them (no sign-in names, states or languages).
TEST_F(AuthTest, AnyAgentReadsTheDirectoryOfNamesAndRolesOnly) {
  auto anonymous = server_.client().Get("/api/agents/directory");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_EQ(error_code(anonymous), "unauthenticated");
  auto forged = server_.client().Get("/api/agents/directory", with_cookie("care_session=00ff"));
  EXPECT_EQ(forged->status, 401);

  auto as_agent = server_.client().Get("/api/agents/directory", with_cookie(session_for("anna")));
  ASSERT_TRUE(as_agent);
  ASSERT_EQ(as_agent->status, 200);
  json agents = json::parse(as_agent->body)["agents"];
  ASSERT_EQ(agents.size(), 3u);
  std::map<std::string, std::string> roles;
  for (const json& agent : agents) {
    std::set<std::string> keys;
    for (const auto& [key, value] : agent.items())
      keys.insert(key);
    EXPECT_EQ(keys, (std::set<std::string>{"id", "display_name", "role"}));
    roles[agent["display_name"].get<std::string>()] = agent["role"].get<std::string>();
    if (agent["display_name"] == "Anna Petrova") {
      EXPECT_EQ(agent["id"], anna_id_);
    }
  }
  EXPECT_EQ(roles,
            (std::map<std::string, std::string>{
                {"Anna Petrova", "agent"}, {"Sam Supervisor", "supervisor"}, {"Admin", "admin"}}));

  // A signed-out session reads nothing any more.
  std::string cookie = session_for("anna");
  std::string own = "http://127.0.0.1:" + std::to_string(server_.port());
  server_.client().Delete("/api/session", httplib::Headers{{"Cookie", cookie}, {"Origin", own}});
  EXPECT_EQ(server_.client().Get("/api/agents/directory", with_cookie(cookie))->status, 401);
}

TEST_F(AuthTest, PasswordsAreStoredAsArgon2idHashes) {
  auto credentials = server_.app().store().credentials("anna");
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->second.rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(credentials->second.find("correct horse"), std::string::npos);
}

}  // namespace
}  // namespace care::server
