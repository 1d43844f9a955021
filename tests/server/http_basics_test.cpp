// The server's HTTP edge: health, version, static files, and clean 4xx answers to
// bad input (unknown path, wrong method, huge header, oversized body, garbage).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "care/build_info.hpp"
#include "raw_connection.hpp"
#include "store/database.hpp"
#include "store/postgres/pg_connection.hpp"
#include "test_server.hpp"

namespace care::server {
namespace {

using nlohmann::json;
using testing::TestServer;

// Sends raw bytes and returns what came back (for requests no client would build).
std::string raw_exchange(int port, const std::string& bytes) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may close early on a request it refuses
    sent += static_cast<size_t>(n);
  }
  // Read one response: headers, then Content-Length bytes (the server may keep the
  // connection open, and a half-closed socket makes it drop the answer).
  std::string answer;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
    answer.append(buffer, static_cast<size_t>(n));
    size_t head_end = answer.find("\r\n\r\n");
    if (head_end == std::string::npos) continue;
    size_t length_at = answer.find("Content-Length: ");
    size_t length = length_at < head_end ? std::stoul(answer.substr(length_at + 16)) : 0;
    if (answer.size() >= head_end + 4 + length) break;
  }
  ::close(fd);
  return answer;
}

int status_of(const std::string& raw_answer) {
  if (raw_answer.rfind("HTTP/1.1 ", 0) != 0) return 0;
  return std::stoi(raw_answer.substr(9, 3));
}

json error_of(const httplib::Result& result) {
  EXPECT_TRUE(result);
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
  json body = json::parse(result->body, nullptr, false);
  EXPECT_TRUE(body.contains("error")) << result->body;
  return body["error"];
}

void expect_still_serving(const TestServer& server) {
  auto result = server.client().Get("/healthz");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
}

TEST(HttpBasics, HealthzAnswersOk) {
  TestServer server;
  auto result = server.client().Get("/healthz");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  json body = json::parse(result->body);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_GE(body["schema"].get<int>(), 1);
  EXPECT_EQ(body["storage"], "ok");
  const bool on_postgres = care::test::PostgresCluster::requested();
  EXPECT_EQ(body["database"],
            json({{"engine", on_postgres ? "postgresql" : "sqlite"}, {"state", "ok"}}));
}

// SQLite's file is in the data folder; with --database (the .postgres run) there is none.
TEST(HttpBasics, TheDatabaseLivesInTheDataFolder) {
  TestServer server;
  EXPECT_EQ(std::filesystem::exists(server.data_dir() / "care.db"),
            !care::test::PostgresCluster::requested());
}

TEST(HttpBasics, VersionNamesTheProductAndTheBuiltVersion) {
  TestServer server;
  auto result = server.client().Get("/api/version");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  json body = json::parse(result->body);
  EXPECT_EQ(body["product"], "Care Desktop");
  EXPECT_EQ(body["version"], std::string(product_version()));
}

TEST(HttpBasics, UnknownPathIs404InTheErrorShape) {
  TestServer server;
  auto result = server.client().Get("/api/no-such-thing");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 404);
  json error = error_of(result);
  EXPECT_EQ(error["code"], "not_found");
  EXPECT_NE(error["message"].get<std::string>().find("/api/no-such-thing"), std::string::npos);
}

TEST(HttpBasics, WrongMethodOnAKnownPathIs405WithAllow) {
  TestServer server;
  auto result = server.client().Post("/api/version", "{}", "application/json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 405);
  EXPECT_EQ(result->get_header_value("Allow"), "GET");
  EXPECT_EQ(error_of(result)["code"], "method_not_allowed");

  auto deleted = server.client().Delete("/healthz");
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->status, 405);
}

TEST(HttpBasics, WrongMethodOnAnUnknownPathIs404) {
  TestServer server;
  auto result = server.client().Post("/api/nothing-here", "{}", "application/json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 404);
}

TEST(HttpBasics, HugeHeaderIsRefusedCleanlyAndTheServerGoesOn) {
  TestServer server;
  std::string request =
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Huge: " + std::string(64 * 1024, 'a') +
      "\r\nConnection: close\r\n\r\n";
  std::string answer = raw_exchange(server.port(), request);
  int status = status_of(answer);
  // cpp-httplib refuses a header line over 8 KiB; a refused connection is also clean.
  if (status != 0) {
    EXPECT_GE(status, 400);
    EXPECT_LT(status, 500);
  }
  expect_still_serving(server);
}

TEST(HttpBasics, ManyHeadersAreRefusedCleanly) {
  TestServer server;
  std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 500; ++i)
    request += "X-H" + std::to_string(i) + ": " + std::string(100, 'b') + "\r\n";
  request += "Connection: close\r\n\r\n";
  EXPECT_EQ(status_of(raw_exchange(server.port(), request)), 431);
  expect_still_serving(server);
}

TEST(HttpBasics, OversizedBodyIs413) {
  TestServer server;
  std::string body(2 * 1024 * 1024, 'x');
  auto result = server.client().Post("/api/version", body, "application/json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 413);
  EXPECT_EQ(error_of(result)["code"], "too_large");
  expect_still_serving(server);
}

TEST(HttpBasics, GarbageRequestLineIs400) {
  TestServer server;
  std::string answer = raw_exchange(server.port(), "this is not http\r\n\r\n");
  EXPECT_EQ(status_of(answer), 400);
  expect_still_serving(server);
}

TEST(HttpBasics, UnknownMethodIs4xx) {
  TestServer server;
  int status = status_of(raw_exchange(
      server.port(), "BREW /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  EXPECT_GE(status, 400);
  EXPECT_LT(status, 500);
  expect_still_serving(server);
}

TEST(HttpBasics, ServesTheWebClientWithTheRightTypes) {
  TestServer server;
  std::ofstream(server.web_root() / "index.html") << "<!doctype html><title>Care Desktop</title>";
  std::ofstream(server.web_root() / "client.wasm") << std::string("\0asm", 4);
  auto page = server.client().Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html");
  EXPECT_NE(page->body.find("Care Desktop"), std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Content-Type-Options"), "nosniff");

  auto wasm = server.client().Get("/client.wasm");
  ASSERT_TRUE(wasm);
  EXPECT_EQ(wasm->status, 200);
  EXPECT_EQ(wasm->get_header_value("Content-Type"), "application/wasm");
}

// A large answer leaves with its head in gathering sends; a client that takes it a
// little at a time makes those sends end anywhere (in the head, at its end, in the
// body): every byte still arrives once and in order, and the connection goes on.
TEST(HttpBasics, ALargeAnswerToASlowReaderArrivesWhole) {
  TestServer server;
  std::string body(3 * 1024 * 1024 + 17, '\0');
  for (size_t i = 0; i < body.size(); ++i)
    body[i] = static_cast<char>('a' + (i * 7 + i / 4099) % 26);
  std::ofstream(server.web_root() / "large.js", std::ios::binary) << body;
  testing::RawConnection slow(server.port(), "127.0.0.1", 4096);
  ASSERT_TRUE(slow.connected());
  for (int round = 0; round < 2; ++round) {
    ASSERT_TRUE(slow.send("GET /large.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    std::string answer = slow.response(std::chrono::seconds(30));
    ASSERT_EQ(testing::RawConnection::status_of(answer), 200) << answer.substr(0, 200);
    size_t head_end = answer.find("\r\n\r\n");
    ASSERT_NE(head_end, std::string::npos);
    EXPECT_TRUE(answer.compare(head_end + 4, std::string::npos, body) == 0)
        << "round " << round << ": " << answer.size() - head_end - 4 << " body bytes of "
        << body.size();
  }
}

TEST(HttpBasics, PathsOutsideTheWebFolderAreNotServed) {
  TestServer server;
  std::ofstream(server.web_root() / ".." / "secret.txt") << "secret";
  std::string answer = raw_exchange(
      server.port(), "GET /../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(answer.find("secret\r\n"), std::string::npos);
  EXPECT_EQ(answer.find("\r\n\r\nsecret"), std::string::npos);
  int status = status_of(answer);
  EXPECT_GE(status, 400);
  EXPECT_LT(status, 500);
}

// An unexpected failure (here the database lost a table under the server) is answered
// 500 in the error shape, and logged as one JSON line naming the route and the cause.
TEST(HttpBasics, AnExceptionIsLoggedWithItsRouteAndAnswered500) {
  TestServer server;
  // SQLite's search index, or PostgreSQL's articles themselves.
  const std::string lost = server.database().empty() ? "kb_search" : "kb_articles";
  if (server.database().empty()) {
    store::Database db((server.data_dir() / "care.db").string());
    db.exec("DROP TABLE kb_search");
  } else {
    store::pg::Connection db(server.database());
    db.exec("DROP TABLE kb_articles CASCADE");
  }
  ::testing::internal::CaptureStdout();
  auto result = server.client().Get("/api/channels/kb?q=router");
  std::string log = ::testing::internal::GetCapturedStdout();
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 500);
  EXPECT_EQ(json::parse(result->body)["error"]["code"], "internal");
  json logged;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    json entry = json::parse(line, nullptr, false);
    if (entry.is_object() && entry.value("level", "") == "error") logged = entry;
  }
  ASSERT_TRUE(logged.is_object()) << log;
  EXPECT_EQ(logged["route"], "/api/channels/kb");
  EXPECT_EQ(logged["method"], "GET");
  EXPECT_NE(logged["error"].get<std::string>().find(lost), std::string::npos) << log;
  EXPECT_TRUE(logged.contains("ts"));
}

}  // namespace
}  // namespace care::server
