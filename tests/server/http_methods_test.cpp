// Methods and bodies at the router: a known path asked with a method it does not
// serve is 405 with Allow (GET included), and a POST with no body needs no
// Content-Length (RFC 9112 §6.3: a request with neither it nor chunked coding has
// an empty body).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "test_server.hpp"

namespace care::server {
namespace {

using nlohmann::json;
using testing::TestServer;

struct Answer {
  int status = 0;
  std::string head;
  std::string body;
};

// Sends raw bytes (requests no client library would build) and reads one answer.
// The receive timeout is longer than the server's own read timeout (5 s), so a
// server waiting for a body that never comes answers before this gives up.
Answer exchange(int port, const std::string& bytes) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  EXPECT_EQ(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(bytes.size()));
  std::string raw;
  char buffer[4096];
  Answer answer;
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
    raw.append(buffer, static_cast<size_t>(n));
    size_t head_end = raw.find("\r\n\r\n");
    if (head_end == std::string::npos) continue;
    size_t length_at = raw.find("Content-Length: ");
    size_t length = length_at < head_end ? std::stoul(raw.substr(length_at + 16)) : 0;
    if (raw.size() < head_end + 4 + length) continue;
    answer.head = raw.substr(0, head_end);
    answer.body = raw.substr(head_end + 4, length);
    if (raw.rfind("HTTP/1.1 ", 0) == 0) answer.status = std::stoi(raw.substr(9, 3));
    break;
  }
  ::close(fd);
  return answer;
}

std::string error_code(const std::string& body) {
  json parsed = json::parse(body, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("error")) return "";
  return parsed["error"].value("code", "");
}

TEST(HttpMethods, GetOnAPostOnlyPathIs405WithAllow) {
  TestServer server;
  auto result = server.client().Get("/api/tasks/1/accept");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 405);
  EXPECT_EQ(result->get_header_value("Allow"), "POST");
  EXPECT_EQ(error_code(result->body), "method_not_allowed");

  auto head = server.client().Head("/api/channels/email");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 405);
  EXPECT_EQ(head->get_header_value("Allow"), "POST");
}

TEST(HttpMethods, EveryMethodAPathServesIsInAllow) {
  TestServer server;
  auto result = server.client().Delete("/api/customers/1/journey");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 405);
  EXPECT_EQ(result->get_header_value("Allow"), "GET");

  auto options = server.client().Options("/api/presence");
  ASSERT_TRUE(options);
  EXPECT_EQ(options->status, 405);
  EXPECT_EQ(options->get_header_value("Allow"), "GET, POST, DELETE");
}

TEST(HttpMethods, TraceOnAKnownPathIs405) {
  TestServer server;
  Answer answer = exchange(server.port(),
                           "TRACE /api/version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(answer.status, 405);
  EXPECT_NE(answer.head.find("Allow: GET"), std::string::npos) << answer.head;
  EXPECT_EQ(error_code(answer.body), "method_not_allowed");
}

TEST(HttpMethods, BodylessPostWithoutContentLengthReachesTheHandler) {
  TestServer server;
  // No session: the handler's own answer (401) shows the request was not held
  // waiting for a body and then refused as unreadable (400).
  Answer answer = exchange(server.port(), "POST /api/tasks/1/accept HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(answer.status, 401) << answer.head << answer.body;
  EXPECT_EQ(error_code(answer.body), "unauthenticated");
}

TEST(HttpMethods, BodylessWrongMethodWithoutContentLengthIs405) {
  TestServer server;
  Answer answer = exchange(server.port(), "PUT /api/tasks/1/accept HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(answer.status, 405) << answer.head << answer.body;
  EXPECT_NE(answer.head.find("Allow: POST"), std::string::npos) << answer.head;
}

TEST(HttpMethods, ABodyThatNeedsOneIsMissingWithoutContentLength) {
  TestServer server;
  Answer answer = exchange(server.port(),
                           "POST /api/session HTTP/1.1\r\nHost: x\r\n"
                           "Content-Type: application/json\r\n\r\n");
  EXPECT_EQ(answer.status, 400) << answer.head << answer.body;
  EXPECT_EQ(error_code(answer.body), "malformed");
}

TEST(HttpMethods, AChunkedBodyIsStillRead) {
  TestServer server;
  std::string body = R"({"username":"nobody","password":"not the password"})";
  char size[16];
  std::snprintf(size, sizeof size, "%zx", body.size());
  Answer answer = exchange(server.port(),
                           "POST /api/session HTTP/1.1\r\nHost: x\r\n"
                           "Content-Type: application/json\r\n"
                           "Transfer-Encoding: chunked\r\n\r\n" +
                               std::string(size) + "\r\n" + body + "\r\n0\r\n\r\n");
  EXPECT_EQ(answer.status, 401) << answer.head << answer.body;
  EXPECT_EQ(error_code(answer.body), "invalid_credentials");
}

TEST(HttpMethods, KeepAliveGoesOnAfterABodylessPost) {
  TestServer server;
  Answer answer = exchange(server.port(),
                           "POST /api/tasks/1/accept HTTP/1.1\r\nHost: x\r\n\r\n"
                           "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(answer.status, 401);
  auto health = server.client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

}  // namespace
}  // namespace care::server
