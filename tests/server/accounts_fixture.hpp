#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_server.hpp"

namespace care::server::testing {

inline constexpr std::int64_t kStart = 1'790'000'000'000;  // a fixed instant, in ms

// A server on a manual clock with three accounts, all with the password
// "correct horse": anna (agent), sam (supervisor), root (admin).
class AccountsFixture : public ::testing::Test {
 protected:
  explicit AccountsFixture(Config config = {}) : clock_(kStart), server_(config, &clock_) {
    auto& auth = server_.app().auth();
    anna_id_ = auth.create_agent("anna", "Anna Petrova", "correct horse", store::Role::Agent)->id;
    sam_id_ =
        auth.create_agent("sam", "Sam Supervisor", "correct horse", store::Role::Supervisor)->id;
    root_id_ = auth.create_agent("root", "Admin", "correct horse", store::Role::Admin)->id;
  }

  httplib::Result sign_in(const std::string& username, const std::string& password) {
    nlohmann::json body = {{"username", username}, {"password", password}};
    return server_.client().Post("/api/session", body.dump(), "application/json");
  }

  // The session cookie's "name=value" from a successful sign-in.
  std::string session_for(const std::string& username) {
    auto result = sign_in(username, "correct horse");
    EXPECT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    std::string set_cookie = result->get_header_value("Set-Cookie");
    return set_cookie.substr(0, set_cookie.find(';'));
  }

  static httplib::Headers with_cookie(const std::string& cookie) { return {{"Cookie", cookie}}; }

  static std::string error_code(const httplib::Result& result) {
    return nlohmann::json::parse(result->body)["error"]["code"];
  }
  static std::string error_field(const httplib::Result& result) {
    return nlohmann::json::parse(result->body)["error"].value("field", "");
  }

  ManualClock clock_;
  TestServer server_;
  std::int64_t anna_id_ = 0;
  std::int64_t sam_id_ = 0;
  std::int64_t root_id_ = 0;
};

}  // namespace care::server::testing
