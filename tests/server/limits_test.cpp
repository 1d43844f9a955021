// Abuse limits (issue 14, items 2, 3 and 5): sign-in guesses sent in parallel, event
// streams held by one chat, session or address, and chats started in a flood. A real
// server on a manual clock, many real clients at once; counts and codes, never times.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "accounts_fixture.hpp"

namespace care::server {
namespace {

using nlohmann::json;

// What a batch of parallel calls answered.
struct Answers {
  std::map<int, int> by_status;
  std::vector<std::string> retry_after;  // of every 429 and 503, "" when missing
  std::vector<std::string> error_codes;  // of every 429

  int count(int status) const {
    auto found = by_status.find(status);
    return found == by_status.end() ? 0 : found->second;
  }
};

// `calls` clients at once, each making one call, all released together.
Answers in_parallel(int calls, const std::function<httplib::Result(int)>& call) {
  Answers answers;
  std::mutex mutex;
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < calls; ++i) {
    threads.emplace_back([&, i] {
      while (!go)
        std::this_thread::yield();
      httplib::Result result = call(i);
      std::lock_guard lock(mutex);
      if (!result) {
        ++answers.by_status[-1];
        return;
      }
      ++answers.by_status[result->status];
      if (result->status == 429 || result->status == 503) {
        answers.retry_after.push_back(result->get_header_value("Retry-After"));
      }
      if (result->status == 429) {
        auto body = json::parse(result->body, nullptr, false);
        answers.error_codes.push_back(body.is_object() ? body["error"].value("code", "") : "");
      }
    });
  }
  go = true;
  for (auto& thread : threads)
    thread.join();
  return answers;
}

void expect_retry_after_seconds(const Answers& answers, int at_most) {
  for (const auto& value : answers.retry_after) {
    ASSERT_FALSE(value.empty()) << "a refusal without Retry-After";
    int seconds = std::stoi(value);
    EXPECT_GE(seconds, 1);
    EXPECT_LE(seconds, at_most);
  }
}

// An event stream held open on a raw socket: the head is read, then the socket is
// kept (the server holds the stream) until this object goes. No thread per stream.
class HeldStream {
 public:
  HeldStream(int port, const std::string& path, const std::vector<std::string>& headers = {}) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) return;
    std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                          "\r\nAccept: text/event-stream\r\n";
    for (const auto& header : headers)
      request += header + "\r\n";
    request += "\r\n";
    if (::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) < 0) return;
    // Until the head and, for a refusal, its whole JSON body have arrived.
    while (true) {
      size_t head_end = text_.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        if (status() == 200) break;
        size_t length_at = text_.find("Content-Length: ");
        if (length_at != std::string::npos &&
            text_.size() >= head_end + 4 + std::stoul(text_.substr(length_at + 16))) {
          break;
        }
      }
      pollfd ready{fd_, POLLIN, 0};
      if (::poll(&ready, 1, 10'000) <= 0) break;
      char buffer[4096];
      ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      text_.append(buffer, static_cast<size_t>(got));
    }
  }
  ~HeldStream() {
    if (fd_ >= 0) ::close(fd_);
  }
  HeldStream(const HeldStream&) = delete;
  HeldStream& operator=(const HeldStream&) = delete;

  int status() const { return text_.size() > 12 ? std::atoi(text_.c_str() + 9) : 0; }
  std::string header(const std::string& name) const {
    size_t at = text_.find("\r\n" + name + ": ");
    if (at == std::string::npos) return "";
    at += name.size() + 4;
    return text_.substr(at, text_.find("\r\n", at) - at);
  }
  std::string error_code() const {
    size_t body = text_.find("\r\n\r\n");
    if (body == std::string::npos) return "";
    auto parsed = json::parse(text_.substr(body + 4), nullptr, false);
    return parsed.is_object() ? parsed["error"].value("code", "") : "";
  }

 private:
  int fd_ = -1;
  std::string text_;
};

class LimitsTest : public testing::AccountsFixture {
 protected:
  explicit LimitsTest(Config config) : AccountsFixture(std::move(config)) {
    // Chats need a queue to wait in.
    auto created = server_.client().Post("/api/queues", with_cookie(session_for("root")),
                                         R"({"name":"Chat"})", "application/json");
    EXPECT_EQ(created->status, 201);
  }

  httplib::Result start_chat(const std::string& email, httplib::Headers headers = {}) {
    json body = {{"name", "Client"}, {"email", email}, {"question", "Help"}};
    return server_.client().Post("/api/channels/chat", headers, body.dump(), "application/json");
  }
  // {id, token} of a new chat.
  std::pair<std::string, std::string> new_chat(const std::string& email) {
    auto started = start_chat(email);
    EXPECT_TRUE(started);
    EXPECT_EQ(started->status, 201) << started->body;
    json chat = json::parse(started->body)["chat"];
    return {std::to_string(chat["id"].get<std::int64_t>()), chat["token"]};
  }
  std::string chat_events(const std::pair<std::string, std::string>& chat) {
    return "/api/channels/chat/" + chat.first + "/events?token=" + chat.second;
  }
};

// --- Item 2: sign-in ----------------------------------------------------------------

class SignInLimitTest : public LimitsTest {
 protected:
  static Config config() {
    Config config;
    config.sign_in_checks = 8;  // more than the five guesses allowed: none is turned away busy
    return config;
  }
  SignInLimitTest() : LimitsTest(config()) {}
};

TEST_F(SignInLimitTest, FortyParallelGuessesMeetTheLimitBeforeAnyPasswordIsChecked) {
  Answers answers = in_parallel(40, [&](int i) {
    json body = {{"username", "anna"}, {"password", "guess " + std::to_string(i)}};
    return server_.client().Post("/api/session", body.dump(), "application/json");
  });
  // The limiter's budget is five failures a minute: only five guesses are checked.
  EXPECT_EQ(answers.count(401), 5);
  EXPECT_EQ(answers.count(429), 35);
  EXPECT_EQ(answers.count(429) + answers.count(401), 40);
  expect_retry_after_seconds(answers, 60);
  for (const auto& code : answers.error_codes)
    EXPECT_EQ(code, "rate_limited");
  EXPECT_LE(server_.app().auth().peak_concurrent_checks(), 5);

  EXPECT_EQ(sign_in("anna", "correct horse")->status, 429);  // still within the minute
  clock_.advance(60 * 1000);
  EXPECT_EQ(sign_in("anna", "correct horse")->status, 200);
}

TEST_F(SignInLimitTest, SuccessfulSignInsFromOneAddressDoNotUseUpItsBudget) {
  // A whole office signs in from one address at the start of a shift.
  for (int i = 0; i < 7; ++i) {
    std::string name = "agent" + std::to_string(i);
    server_.app().auth().create_agent(name, name, "correct horse", store::Role::Agent);
    EXPECT_EQ(sign_in(name, "correct horse")->status, 200) << name;
  }
}

class BusySignInTest : public LimitsTest {
 protected:
  static Config config() {
    Config config;
    config.sign_in_checks = 1;
    return config;
  }
  BusySignInTest() : LimitsTest(config()) {}
};

TEST_F(BusySignInTest, PasswordChecksBeyondTheCapAreTurnedAwayAtOnce) {
  const char* names[] = {"anna", "sam", "root"};
  Answers answers = in_parallel(12, [&](int i) {
    json body = {{"username", names[i % 3]}, {"password", "correct horse"}};
    return server_.client().Post("/api/session", body.dump(), "application/json");
  });
  EXPECT_EQ(answers.count(200) + answers.count(503), 12);
  EXPECT_GE(answers.count(200), 1);
  expect_retry_after_seconds(answers, 5);
  EXPECT_EQ(server_.app().auth().peak_concurrent_checks(), 1);
}

TEST_F(BusySignInTest, ParallelGuessesTurnedAwayBusyStillCountAgainstTheUsername) {
  // One check at a time: while one guess at anna is checked, the others sent with it
  // are turned away busy, and count; so five pass the limiter in all, as with room.
  Answers answers = in_parallel(20, [&](int i) {
    json body = {{"username", "anna"}, {"password", "guess " + std::to_string(i)}};
    return server_.client().Post("/api/session", body.dump(), "application/json");
  });
  EXPECT_EQ(answers.count(401) + answers.count(503), 5);
  EXPECT_GE(answers.count(401), 1);
  EXPECT_EQ(answers.count(429), 15);
  expect_retry_after_seconds(answers, 60);
  clock_.advance(60 * 1000);
  EXPECT_EQ(sign_in("anna", "correct horse")->status, 200);
}

// --- Item 3: event streams ------------------------------------------------------------

class StreamLimitTest : public LimitsTest {
 protected:
  static Config config() {
    Config config;
    config.max_streams = 40;
    config.stream_reserve = 10;
    config.streams_per_chat = 4;
    config.streams_per_session = 8;
    config.streams_per_address = 6;
    return config;
  }
  StreamLimitTest() : LimitsTest(config()) {}
};

TEST_F(StreamLimitTest, OneChatTokenHoldsAtMostItsStreams) {
  auto chat = new_chat("one@example.com");
  std::vector<std::unique_ptr<HeldStream>> held;
  for (int i = 0; i < 4; ++i) {
    held.push_back(std::make_unique<HeldStream>(server_.port(), chat_events(chat)));
    EXPECT_EQ(held.back()->status(), 200) << i;
  }
  HeldStream fifth(server_.port(), chat_events(chat));
  EXPECT_EQ(fifth.status(), 429);
  EXPECT_EQ(fifth.error_code(), "too_many_streams");
  EXPECT_FALSE(fifth.header("Retry-After").empty());
  // Another chat is not held back by this one.
  HeldStream other(server_.port(), chat_events(new_chat("two@example.com")));
  EXPECT_EQ(other.status(), 200);
}

TEST_F(StreamLimitTest, OneSessionHoldsAtMostItsStreams) {
  std::string cookie = "Cookie: " + session_for("anna");
  std::vector<std::unique_ptr<HeldStream>> held;
  for (int i = 0; i < 8; ++i) {
    held.push_back(std::make_unique<HeldStream>(server_.port(), "/api/events",
                                                std::vector<std::string>{cookie}));
    EXPECT_EQ(held.back()->status(), 200) << i;
  }
  HeldStream ninth(server_.port(), "/api/events", {cookie});
  EXPECT_EQ(ninth.status(), 429);
  EXPECT_EQ(ninth.error_code(), "too_many_streams");
  EXPECT_FALSE(ninth.header("Retry-After").empty());
  // The same agent signed in elsewhere has a session of its own.
  HeldStream elsewhere(server_.port(), "/api/events", {"Cookie: " + session_for("anna")});
  EXPECT_EQ(elsewhere.status(), 200);
}

TEST_F(StreamLimitTest, OneAddressHoldsAtMostItsChatStreamsButAgentsStillConnect) {
  std::vector<std::unique_ptr<HeldStream>> held;
  for (int i = 0; i < 6; ++i) {
    auto chat = new_chat("c" + std::to_string(i) + "@example.com");
    held.push_back(std::make_unique<HeldStream>(server_.port(), chat_events(chat)));
    EXPECT_EQ(held.back()->status(), 200) << i;
  }
  HeldStream seventh(server_.port(), chat_events(new_chat("c7@example.com")));
  EXPECT_EQ(seventh.status(), 429);
  EXPECT_EQ(seventh.error_code(), "too_many_streams");
  EXPECT_FALSE(seventh.header("Retry-After").empty());
  // An office shares an address: agents' streams are limited per session, not here.
  HeldStream supervisor(server_.port(), "/api/events", {"Cookie: " + session_for("sam")});
  EXPECT_EQ(supervisor.status(), 200);
}

class StreamReserveTest : public LimitsTest {
 protected:
  static Config config() {
    Config config;
    config.max_streams = 8;
    config.stream_reserve = 2;
    config.streams_per_chat = 0;  // no per-chat or per-address limit: only the reserve
    config.streams_per_address = 0;
    return config;
  }
  StreamReserveTest() : LimitsTest(config()) {}
};

TEST_F(StreamReserveTest, AnonymousStreamsNeverTakeTheSlotsKeptForAgents) {
  auto chat = new_chat("flood@example.com");
  std::vector<std::unique_ptr<HeldStream>> held;
  int opened = 0;
  for (int i = 0; i < 8; ++i) {
    held.push_back(std::make_unique<HeldStream>(server_.port(), chat_events(chat)));
    if (held.back()->status() == 200) ++opened;
  }
  EXPECT_EQ(opened, 6);
  EXPECT_EQ(held.back()->status(), 503);
  EXPECT_FALSE(held.back()->header("Retry-After").empty());
  HeldStream supervisor(server_.port(), "/api/events", {"Cookie: " + session_for("sam")});
  EXPECT_EQ(supervisor.status(), 200);
  HeldStream agent(server_.port(), "/api/events", {"Cookie: " + session_for("anna")});
  EXPECT_EQ(agent.status(), 200);
  HeldStream full(server_.port(), "/api/events", {"Cookie: " + session_for("root")});
  EXPECT_EQ(full.status(), 503);
}

// --- Item 5: starting chats, connectors -------------------------------------------------

class ChatStartLimitTest : public LimitsTest {
 protected:
  static Config config() {
    Config config;
    config.chat_starts_per_address = 3;
    config.chat_starts_per_origin = 5;
    config.integration_key = "gateway-key";
    config.connector_requests = 60;  // a tenth, 6, at once
    return config;
  }
  ChatStartLimitTest() : LimitsTest(config()) {}
};

TEST_F(ChatStartLimitTest, OneAddressStartsOnlyItsBudgetOfChats) {
  Answers answers = in_parallel(
      20, [&](int i) { return start_chat("flood" + std::to_string(i) + "@example.com"); });
  EXPECT_EQ(answers.count(201), 3);
  EXPECT_EQ(answers.count(429), 17);
  expect_retry_after_seconds(answers, 60);
  for (const auto& code : answers.error_codes)
    EXPECT_EQ(code, "too_many_chats");
  // Three a minute: one more every 20 s.
  clock_.advance(20 * 1000);
  EXPECT_EQ(start_chat("later@example.com")->status, 201);
  EXPECT_EQ(start_chat("again@example.com")->status, 429);
}

TEST_F(ChatStartLimitTest, ConnectorsAreLimitedPerIntegrationKey) {
  Answers answers = in_parallel(10, [&](int i) {
    json email = {{"from", "sender" + std::to_string(i) + "@example.com"},
                  {"to", "support@care.example"},
                  {"subject", "Order " + std::to_string(i)},
                  {"body", "Where is it?"}};
    return server_.client().Post("/api/channels/email", {{"Authorization", "Bearer gateway-key"}},
                                 email.dump(), "application/json");
  });
  EXPECT_EQ(answers.count(201), 6);
  EXPECT_EQ(answers.count(429), 4);
  expect_retry_after_seconds(answers, 60);
  // A wrong key is refused before it could use up the real key's budget.
  auto wrong = server_.client().Post("/api/channels/call", {{"Authorization", "Bearer nope"}},
                                     R"({"call":"c-1","kind":"ringing"})", "application/json");
  EXPECT_EQ(wrong->status, 401);
  clock_.advance(1000);  // one a second
  auto call = server_.client().Post(
      "/api/channels/call", {{"Authorization", "Bearer gateway-key"}},
      R"({"call":"c-1","kind":"ringing","from":"+45 20 99 88 77","to":"+45 70 10 10 10"})",
      "application/json");
  EXPECT_EQ(call->status, 201) << call->body;
}

class TrustedProxyTest : public LimitsTest {
 protected:
  static Config config() {
    Config config;
    config.trusted_proxies = {"127.0.0.1"};
    config.chat_starts_per_address = 1;
    return config;
  }
  TrustedProxyTest() : LimitsTest(config()) {}
};

TEST_F(TrustedProxyTest, BehindATrustedProxyEachForwardedAddressHasItsOwnBudget) {
  EXPECT_EQ(start_chat("a@example.com", {{"X-Forwarded-For", "203.0.113.5"}})->status, 201);
  EXPECT_EQ(start_chat("b@example.com", {{"X-Forwarded-For", "203.0.113.5"}})->status, 429);
  EXPECT_EQ(start_chat("c@example.com", {{"X-Forwarded-For", "203.0.113.6"}})->status, 201);
  // What the client wrote to the left of the proxy's hop does not change who it is.
  EXPECT_EQ(start_chat("d@example.com", {{"X-Forwarded-For", "198.51.100.1, 203.0.113.5"}})->status,
            429);
}

class OriginLimitTest : public LimitsTest {
 protected:
  static Config config() {
    Config config;
    config.trusted_proxies = {"127.0.0.1"};
    config.chat_starts_per_address = 3;
    config.chat_starts_per_origin = 5;
    return config;
  }
  OriginLimitTest() : LimitsTest(config()) {}
};

TEST_F(OriginLimitTest, OneWidgetOriginStartsOnlyItsBudgetOfChats) {
  // Behind the proxy each customer has an address of their own; the widget's page,
  // the Origin, is what they share.
  const std::string page = "http://127.0.0.1:" + std::to_string(server_.port());
  Answers answers = in_parallel(8, [&](int i) {
    return start_chat("o" + std::to_string(i) + "@example.com",
                      {{"Origin", page}, {"X-Forwarded-For", "203.0.113." + std::to_string(i)}});
  });
  EXPECT_EQ(answers.count(201), 5);
  EXPECT_EQ(answers.count(429), 3);
  expect_retry_after_seconds(answers, 60);
  // A caller that sends no Origin is held by its address's budget alone.
  EXPECT_EQ(start_chat("n@example.com", {{"X-Forwarded-For", "203.0.113.99"}})->status, 201);
}

}  // namespace
}  // namespace care::server
