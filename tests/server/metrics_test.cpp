// /metrics speaks Prometheus' text format and counts what happened (R-G4).
#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <stdexcept>

#include "accounts_fixture.hpp"
#include "operations/metrics.hpp"

namespace care::server {
namespace {

using MetricsTest = testing::AccountsFixture;

std::string scrape(testing::TestServer& server) {
  auto result = server.client().Get("/metrics");
  EXPECT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->get_header_value("Content-Type").rfind("text/plain; version=0.0.4", 0), 0u);
  return result->body;
}

TEST_F(MetricsTest, EveryLineIsValidExpositionFormat) {
  server_.client().Get("/healthz");
  static const std::regex sample(
      R"(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? -?[0-9.e+-]+$)");
  static const std::regex comment(R"(^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$)");
  std::istringstream lines(scrape(server_));
  int samples = 0;
  for (std::string line; std::getline(lines, line);) {
    bool ok = std::regex_match(line, sample) || std::regex_match(line, comment);
    EXPECT_TRUE(ok) << line;
    samples += line[0] != '#';
  }
  EXPECT_GT(samples, 10);
}

TEST_F(MetricsTest, RequestsAreCountedByDocumentedRouteAndStatusClass) {
  for (int i = 0; i < 3; ++i)
    server_.client().Get("/healthz");
  server_.client().Get("/api/agents");  // 401: no session
  for (int i = 0; i < 4; ++i)
    server_.client().Get("/random/" + std::to_string(i));
  std::string text = server_.metrics_showing(
      R"(care_http_requests_total{method="GET",route="other",status="4xx"} 4)");
  EXPECT_NE(text.find(R"(care_http_requests_total{method="GET",route="/healthz",status="2xx"} 3)"),
            std::string::npos)
      << text;
  EXPECT_NE(
      text.find(R"(care_http_requests_total{method="GET",route="/api/agents",status="4xx"} 1)"),
      std::string::npos);
  // Unrouted paths share one series instead of one each.
  EXPECT_NE(text.find(R"(care_http_requests_total{method="GET",route="other",status="4xx"} 4)"),
            std::string::npos);
  EXPECT_EQ(text.find("/random/"), std::string::npos);
  EXPECT_NE(
      text.find(
          R"(care_http_request_duration_seconds_count{method="GET",route="/healthz",status="2xx"} 3)"),
      std::string::npos);
}

TEST_F(MetricsTest, AgentsAreCountedByState) {
  std::string anna = session_for("anna");
  server_.client().Put("/api/me/state", with_cookie(anna), R"({"state":"ready"})",
                       "application/json");
  std::string text = scrape(server_);
  EXPECT_NE(text.find("care_agents{state=\"ready\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("care_agents{state=\"not_ready\"} 2\n"), std::string::npos);
}

// A gauge that cannot be read (its store is gone) leaves out its samples, not the rest:
// care_database_up must still say 0 then (issue 17; with real processes in ops_test).
TEST(MetricsRender, AGaugeThatCannotBeReadLeavesTheOthers) {
  operations::Metrics metrics;
  metrics.add_gauge("care_first", "Read.", [] { return operations::Metrics::Samples{{"", 1}}; });
  metrics.add_gauge("care_broken", "Cannot be read.", []() -> operations::Metrics::Samples {
    throw std::runtime_error("the database is gone");
  });
  metrics.add_gauge("care_last", "Read.", [] { return operations::Metrics::Samples{{"", 2}}; });
  std::string text;
  ASSERT_NO_THROW(text = metrics.render());
  EXPECT_NE(text.find("\ncare_first 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\ncare_last 2\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("\ncare_broken "), std::string::npos) << text;
}

}  // namespace
}  // namespace care::server
