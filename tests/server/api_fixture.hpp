#pragma once
// JSON over real HTTP for the API tests: one call per line, the status checked.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "accounts_fixture.hpp"
#include "care/url.hpp"

namespace care::server::testing {

class ApiFixture : public AccountsFixture {
 protected:
  explicit ApiFixture(Config config = {}) : AccountsFixture(std::move(config)) {}

  nlohmann::json send(const std::string& method, const std::string& cookie, const std::string& path,
                      const nlohmann::json& body, int expected, httplib::Headers headers = {}) {
    auto client = server_.client();
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    std::string text = body.is_null() ? "" : body.dump();
    httplib::Result result = method == "POST" ? client.Post(path, headers, text, "application/json")
                             : method == "PUT" ? client.Put(path, headers, text, "application/json")
                             : method == "DELETE" ? client.Delete(path, headers)
                                                  : client.Get(path, headers);
    EXPECT_TRUE(result) << method << " " << path;
    if (!result) return nullptr;
    EXPECT_EQ(result->status, expected) << method << " " << path << " → " << result->body;
    return result->body.empty() ? nlohmann::json()
                                : nlohmann::json::parse(result->body, nullptr, false);
  }
  nlohmann::json get(const std::string& cookie, const std::string& path, int expected = 200) {
    return send("GET", cookie, path, nullptr, expected);
  }
  nlohmann::json post(const std::string& cookie, const std::string& path,
                      const nlohmann::json& body, int expected) {
    return send("POST", cookie, path, body, expected);
  }
  nlohmann::json put(const std::string& cookie, const std::string& path, const nlohmann::json& body,
                     int expected) {
    return send("PUT", cookie, path, body, expected);
  }
  nlohmann::json del(const std::string& cookie, const std::string& path, int expected = 200) {
    return send("DELETE", cookie, path, nullptr, expected);
  }
};

}  // namespace care::server::testing
