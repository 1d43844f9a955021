// Outbound webhooks (issue 18), as a connector's receiver sees them: an admin sets
// endpoints; an agent's email reply, call control and chat line reach the receiver
// signed over "<timestamp>.<body>"; a receiver that is down gets the delivery once it
// is up again; what failed is listed and retried by an admin; a delivery written
// before the server stopped is sent after it starts again.
#include <gtest/gtest.h>
#include <sodium.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "api_fixture.hpp"

namespace care::server::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// Polls `done` until it holds or a generous deadline passes (no timed assertion: the
// deadline only keeps a broken build from hanging).
template <class Done>
bool eventually(Done done) {
  for (int i = 0; i < 3000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

// A connector's webhook receiver: a real HTTP server in this process on a loopback
// port, answering every POST with `status`.
class Receiver {
 public:
  struct Post {
    std::string path;
    httplib::Headers headers;
    std::string body;
  };

  explicit Receiver(int port = 0) {
    server_.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      posts_.push_back({req.path, req.headers, req.body});
      res.status = status_;
    });
    port_ = port == 0 ? server_.bind_to_any_port("127.0.0.1")
                      : (server_.bind_to_port("127.0.0.1", port) ? port : -1);
    EXPECT_GT(port_, 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running())
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }

  int port() const { return port_; }
  std::string url(const std::string& path = "/hooks/care") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  void answer(int status) {
    std::lock_guard lock(mutex_);
    status_ = status;
  }
  std::vector<Post> posts() {
    std::lock_guard lock(mutex_);
    return posts_;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<Post> posts_;
  int status_ = 204;
  int port_ = -1;
};

// A loopback port nobody listens on (a receiver that is down), for now.
int closed_port() {
  Receiver gone;
  return gone.port();
}

// The signature as a receiver computes it, with libsodium's HMAC-SHA256.
std::string expected_signature(const std::string& secret, const std::string& timestamp,
                               const std::string& body) {
  std::string signed_text = timestamp + "." + body;
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(signed_text.data()),
                                signed_text.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::string("sha256=") + hex;
}

Config two_attempts() {
  Config config;
  config.integration_key = "gateway-key";
  config.webhook_attempts = 2;
  return config;
}

class WebhooksTest : public ApiFixture {
 protected:
  WebhooksTest() : ApiFixture(two_attempts()) {
    root_ = session_for("root");
    anna_ = session_for("anna");
    queue_ = post(root_, "/api/queues", {{"name", "Desk"}}, 201)["queue"]["id"];
    put(root_, "/api/agents/" + std::to_string(anna_id_) + "/routing",
        {{"queues", {queue_}}, {"skills", json::array()}}, 200);
    put(anna_, "/api/me/state", {{"state", "ready"}}, 200);
  }

  json subscribe(const std::string& url, const json& events) {
    return post(root_, "/api/webhooks", {{"url", url}, {"events", events}}, 201)["webhook"];
  }
  json ingest(const std::string& path, const json& body) {
    return send("POST", "", path, body, 201, {{"Authorization", "Bearer gateway-key"}});
  }
  // Offers and accepts the task of what just came in; the activity's id.
  std::string take(const json& in) {
    server_.app().routing().route_now();
    post(anna_, "/api/tasks/" + std::to_string(in["task"]["id"].get<std::int64_t>()) + "/accept",
         json::object(), 200);
    return std::to_string(in["activity"]["id"].get<std::int64_t>());
  }
  // A call is taken with nothing else in hand.
  void close(const json& task) {
    post(anna_, "/api/tasks/" + std::to_string(task.get<std::int64_t>()) + "/close",
         {{"unknown_contact", "leave_without"}, {"wrap_up", "resolved"}}, 200);
  }
  std::string chat_with_anna() {
    json chat = post("", "/api/channels/chat",
                     {{"name", "Ana"}, {"email", "ana@example.com"}, {"question", "Hello"}}, 201);
    json in = {{"task", chat["task"]}, {"activity", {{"id", chat["chat"]["id"]}}}};
    return take(in);
  }
  json deliveries(const std::string& state) {
    return get(root_, "/api/webhook-deliveries?state=" + state)["deliveries"];
  }
  // Lets the back-off pass: the next attempt is due.
  void later() {
    clock_.advance(10 * 60 * 1000);
    server_.app().webhooks().wake();
  }

  std::string root_;
  std::string anna_;
  std::int64_t queue_ = 0;
};

TEST_F(WebhooksTest, RepliesControlsAndChatLinesArriveSignedWithTheEndpointsSecret) {
  Receiver receiver;
  Receiver calls_only;
  json all = subscribe(receiver.url(), {"email.reply", "call.control", "chat.message"});
  std::string secret = all["secret"];
  EXPECT_EQ(secret.size(), 64u);
  subscribe(calls_only.url("/calls?from=care"), {"call.control"});

  json mail = ingest("/api/channels/email", {{"from", "maria@example.bg"},
                                             {"subject", "Invoice"},
                                             {"body", "Twice?"},
                                             {"message_id", "<m1@example.bg>"}});
  std::string email = take(mail);
  post(anna_, "/api/activities/" + email + "/messages", {{"text", "Refunded."}}, 201);
  close(mail["task"]["id"]);
  json chat_in = post("", "/api/channels/chat",
                      {{"name", "Ana"}, {"email", "ana@example.com"}, {"question", "Hello"}}, 201);
  std::string chat =
      take({{"task", chat_in["task"]}, {"activity", {{"id", chat_in["chat"]["id"]}}}});
  post(anna_, "/api/activities/" + chat + "/messages", {{"text", "Hi Ana"}}, 201);
  close(chat_in["task"]["id"]);
  json rang = ingest("/api/channels/call", {{"call", "pbx-7"}, {"kind", "ringing"}});
  std::string call = take(rang);
  send("POST", "", "/api/channels/call", {{"call", "pbx-7"}, {"kind", "answered"}}, 200,
       {{"Authorization", "Bearer gateway-key"}});
  post(anna_, "/api/activities/" + call + "/call", {{"action", "hold"}}, 200);

  ASSERT_TRUE(eventually([&] { return receiver.posts().size() == 3; }));
  ASSERT_TRUE(eventually([&] { return calls_only.posts().size() == 1; }));
  std::vector<json> bodies;
  for (const auto& got : receiver.posts()) {
    EXPECT_EQ(got.path, "/hooks/care");
    std::string timestamp = got.headers.find("X-Care-Timestamp")->second;
    EXPECT_EQ(timestamp, std::to_string(clock_.now_ms() / 1000));
    EXPECT_EQ(got.headers.find("X-Care-Signature")->second,
              expected_signature(secret, timestamp, got.body));
    EXPECT_EQ(got.headers.find("Content-Type")->second, "application/json");
    bodies.push_back(json::parse(got.body));
    EXPECT_EQ(got.headers.find("X-Care-Event")->second, bodies.back()["event"]);
  }
  EXPECT_EQ(bodies[0]["event"], "email.reply");
  EXPECT_EQ(bodies[0]["activity"], std::stoll(email));
  EXPECT_EQ(bodies[0]["agent"], anna_id_);
  EXPECT_EQ(bodies[0]["in_reply_to"], "<m1@example.bg>");
  EXPECT_EQ(bodies[0]["message"]["text"], "Refunded.");
  EXPECT_EQ(bodies[0]["message"]["to"], json::array({"maria@example.bg"}));
  EXPECT_EQ(bodies[1]["event"], "chat.message");
  EXPECT_EQ(bodies[1]["message"]["text"], "Hi Ana");
  EXPECT_EQ(bodies[2]["event"], "call.control");
  EXPECT_EQ(bodies[2]["action"], "hold");
  EXPECT_EQ(bodies[2]["call"], "pbx-7");

  // The other endpoint's own secret, its path and query kept.
  auto only = calls_only.posts().front();
  EXPECT_EQ(only.path, "/calls");
  EXPECT_EQ(json::parse(only.body)["action"], "hold");
  // A signature with another secret does not verify.
  EXPECT_NE(only.headers.find("X-Care-Signature")->second,
            expected_signature(secret, only.headers.find("X-Care-Timestamp")->second, only.body));

  ASSERT_TRUE(eventually([&] { return deliveries("delivered").size() == 4; }));
  std::string metrics = server_.metrics_showing("care_webhook_deliveries{state=\"delivered\"} 4");
  EXPECT_NE(metrics.find("care_webhook_deliveries{state=\"delivered\"} 4"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("care_webhook_attempts_total{outcome=\"delivered\"} 4"),
            std::string::npos);
}

TEST_F(WebhooksTest, AReceiverThatIsDownGetsTheDeliveryOnceItIsUp) {
  int port = closed_port();
  subscribe("http://127.0.0.1:" + std::to_string(port) + "/in", {"chat.message"});
  std::string chat = chat_with_anna();
  post(anna_, "/api/activities/" + chat + "/messages", {{"text", "Are you there?"}}, 201);

  // The first attempt finds nobody: still pending, tried again later.
  ASSERT_TRUE(eventually([&] {
    json pending = deliveries("pending");
    return pending.size() == 1 && pending[0]["attempts"] == 1;
  }));
  json pending = deliveries("pending")[0];
  EXPECT_NE(pending["last_error"].get<std::string>().find("no answer"), std::string::npos);
  EXPECT_TRUE(pending["last_status"].is_null());
  EXPECT_EQ(pending["body"]["message"]["text"], "Are you there?");

  Receiver receiver(port);
  later();
  ASSERT_TRUE(eventually([&] { return receiver.posts().size() == 1; }));
  EXPECT_EQ(json::parse(receiver.posts()[0].body)["message"]["text"], "Are you there?");
  ASSERT_TRUE(eventually([&] { return deliveries("delivered").size() == 1; }));
  EXPECT_EQ(deliveries("delivered")[0]["attempts"], 2);
  EXPECT_TRUE(deliveries("pending").empty());
}

TEST_F(WebhooksTest, AFailedDeliveryIsListedAndAnAdminRetriesIt) {
  Receiver receiver;
  receiver.answer(500);
  subscribe(receiver.url(), {"chat.message"});
  std::string chat = chat_with_anna();
  post(anna_, "/api/activities/" + chat + "/messages", {{"text", "Order 42"}}, 201);

  // The first attempt is recorded (due again 1 s later on the server's clock) before
  // the clock moves on.
  ASSERT_TRUE(eventually([&] {
    json pending = deliveries("pending");
    return pending.size() == 1 && pending[0]["attempts"] == 1;
  }));
  EXPECT_EQ(receiver.posts().size(), 1u);
  later();
  // The second of two attempts: the delivery is failed and waits for an admin.
  ASSERT_TRUE(eventually([&] { return deliveries("failed").size() == 1; }));
  json failed = deliveries("failed")[0];
  EXPECT_EQ(failed["attempts"], 2);
  EXPECT_EQ(failed["last_status"], 500);
  EXPECT_EQ(failed["event"], "chat.message");
  EXPECT_EQ(failed["url"], receiver.url());
  EXPECT_TRUE(failed["next_at"].is_null());
  EXPECT_FALSE(failed.contains("secret"));
  EXPECT_EQ(receiver.posts().size(), 2u);
  EXPECT_NE(server_.metrics_showing("care_webhook_deliveries{state=\"failed\"} 1")
                .find("care_webhook_attempts_total{outcome=\"refused\"} 2"),
            std::string::npos);

  std::string retry =
      "/api/webhook-deliveries/" + std::to_string(failed["id"].get<std::int64_t>()) + "/retry";
  EXPECT_EQ(post(anna_, retry, json::object(), 403)["error"]["code"], "forbidden");
  receiver.answer(200);
  json again = post(root_, retry, json::object(), 200)["delivery"];
  EXPECT_EQ(again["state"], "pending");
  EXPECT_EQ(again["attempts"], 0);
  ASSERT_TRUE(eventually([&] { return deliveries("delivered").size() == 1; }));
  EXPECT_EQ(receiver.posts().size(), 3u);
  EXPECT_TRUE(deliveries("failed").empty());
  // Only a failed delivery is retried.
  EXPECT_EQ(post(root_, retry, json::object(), 404)["error"]["field"], "id");
  post(root_, "/api/webhook-deliveries/999999/retry", json::object(), 404);
}

TEST_F(WebhooksTest, OnlyAdminsSeeOrChangeWebhooksAndTheSecretIsShownOnce) {
  json hook = {{"url", "https://gateway.example.com/care"}, {"events", {"email.reply"}}};
  std::string sam = session_for("sam");
  EXPECT_EQ(post(anna_, "/api/webhooks", hook, 403)["error"]["code"], "forbidden");
  post(sam, "/api/webhooks", hook, 403);
  get(anna_, "/api/webhooks", 403);
  get(sam, "/api/webhook-deliveries", 403);
  post("", "/api/webhooks", hook, 401);
  del(anna_, "/api/webhooks/1", 403);

  json made = post(root_, "/api/webhooks", hook, 201)["webhook"];
  EXPECT_FALSE(made["secret"].get<std::string>().empty());
  json listed = get(root_, "/api/webhooks")["webhooks"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["url"], "https://gateway.example.com/care");
  EXPECT_EQ(listed[0]["events"], json::array({"email.reply"}));
  EXPECT_FALSE(listed[0].contains("secret"));

  std::string path = "/api/webhooks/" + std::to_string(made["id"].get<std::int64_t>());
  del(root_, path, 204);
  del(root_, path, 404);
  EXPECT_TRUE(get(root_, "/api/webhooks")["webhooks"].empty());
}

TEST_F(WebhooksTest, BadInputIsRefusedNamingTheField) {
  auto refused = [&](const json& body, int status, const std::string& field,
                     const std::string& code) {
    json error = post(root_, "/api/webhooks", body, status)["error"];
    EXPECT_EQ(error["field"], field) << body.dump();
    EXPECT_EQ(error["code"], code) << body.dump();
  };
  json events = {"chat.message"};
  refused({{"events", events}}, 400, "url", "missing");
  refused({{"url", 7}, {"events", events}}, 400, "url", "wrong_type");
  refused({{"url", "ftp://example.com/x"}, {"events", events}}, 422, "url", "invalid");
  refused({{"url", "example.com/x"}, {"events", events}}, 422, "url", "invalid");
  refused({{"url", "http:///x"}, {"events", events}}, 422, "url", "invalid");
  refused({{"url", "http://a b.com/"}, {"events", events}}, 422, "url", "invalid");
  refused({{"url", "http://user:pw@example.com/"}, {"events", events}}, 422, "url", "invalid");
  refused({{"url", "http://example.com:99999/"}, {"events", events}}, 422, "url", "invalid");
  refused({{"url", "https://example.com/" + std::string(2000, 'a')}, {"events", events}}, 422,
          "url", "too_long");
  refused({{"url", "https://example.com/"}}, 400, "events", "missing");
  refused({{"url", "https://example.com/"}, {"events", "chat.message"}}, 400, "events",
          "wrong_type");
  refused({{"url", "https://example.com/"}, {"events", json::array()}}, 422, "events", "empty");
  refused({{"url", "https://example.com/"}, {"events", {"chat.message", "email.sent"}}}, 422,
          "events[1]", "invalid");
  refused({{"url", "https://example.com/"}, {"events", {"chat.message", "chat.message"}}}, 422,
          "events[1]", "duplicate");

  auto client = server_.client();
  httplib::Headers cookie = {{"Cookie", root_}};
  auto not_json = client.Post("/api/webhooks", cookie, "{url:", "application/json");
  ASSERT_TRUE(not_json);
  EXPECT_EQ(not_json->status, 400);
  std::string huge = json{{"url", "https://example.com/"},
                          {"events", events},
                          {"note", std::string(2 * 1024 * 1024, 'x')}}
                         .dump();
  auto oversized = client.Post("/api/webhooks", cookie, huge, "application/json");
  ASSERT_TRUE(oversized);
  EXPECT_EQ(oversized->status, 413);
  EXPECT_EQ(get(root_, "/api/webhook-deliveries?state=lost", 422)["error"]["field"], "state");
  EXPECT_TRUE(get(root_, "/api/webhooks")["webhooks"].empty());
}

// A server on a data folder that outlives it, so a second one can open the same file.
class ServerOn {
 public:
  ServerOn(const fs::path& root, const Clock& clock) {
    Config config;
    config.host = "127.0.0.1";
    config.port = 0;
    config.data_dir = (root / "data").string();
    config.web_root = (root / "web").string();
    app_ = std::make_unique<App>(config, &clock);
    port_ = app_->bind();
    thread_ = std::thread([this] { app_->serve(); });
    while (!app_->serving())
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~ServerOn() {
    app_->stop();
    thread_.join();
  }
  App& app() { return *app_; }
  httplib::Client client() const { return httplib::Client("127.0.0.1", port_); }

 private:
  std::unique_ptr<App> app_;
  std::thread thread_;
  int port_ = -1;
};

// One call of the restart test; the answer, with the session cookie if one was set.
json call_api(httplib::Client client, const std::string& method, const std::string& path,
              const std::string& cookie, const json& body = nullptr) {
  httplib::Headers headers;
  if (!cookie.empty()) headers.emplace("Cookie", cookie);
  auto result = method == "PUT"   ? client.Put(path, headers, body.dump(), "application/json")
                : method == "GET" ? client.Get(path, headers)
                                  : client.Post(path, headers, body.dump(), "application/json");
  EXPECT_TRUE(result) << path;
  if (!result) return nullptr;
  EXPECT_LT(result->status, 300) << path << " " << result->body;
  json answer = json::parse(result->body, nullptr, false);
  if (answer.is_discarded()) answer = json::object();
  std::string set_cookie = result->get_header_value("Set-Cookie");
  if (!set_cookie.empty()) answer["cookie"] = set_cookie.substr(0, set_cookie.find(';'));
  return answer;
}

TEST(WebhookOutbox, ADeliveryWrittenBeforeTheServerStoppedIsSentAfterItStarts) {
  fs::path root = fs::temp_directory_path() / ("care-webhooks-" + std::to_string(::getpid()));
  fs::create_directories(root / "data");
  fs::create_directories(root / "web");
  ManualClock clock(kStart);
  int port = closed_port();
  {
    // The receiver is down for this server's whole life: nothing can have been sent.
    ServerOn first(root, clock);
    first.app().auth().create_agent("root", "Admin", "correct horse", store::Role::Admin);
    auto anna =
        first.app().auth().create_agent("anna", "Anna", "correct horse", store::Role::Agent)->id;
    std::string admin = call_api(first.client(), "POST", "/api/session", "",
                                 {{"username", "root"}, {"password", "correct horse"}})["cookie"];
    std::string agent = call_api(first.client(), "POST", "/api/session", "",
                                 {{"username", "anna"}, {"password", "correct horse"}})["cookie"];
    std::int64_t queue =
        call_api(first.client(), "POST", "/api/queues", admin, {{"name", "Desk"}})["queue"]["id"];
    call_api(first.client(), "PUT", "/api/agents/" + std::to_string(anna) + "/routing", admin,
             {{"queues", {queue}}, {"skills", json::array()}});
    call_api(first.client(), "POST", "/api/webhooks", admin,
             {{"url", "http://127.0.0.1:" + std::to_string(port) + "/in"},
              {"events", {"chat.message"}}});
    call_api(first.client(), "PUT", "/api/me/state", agent, {{"state", "ready"}});
    json chat = call_api(first.client(), "POST", "/api/channels/chat", "",
                         {{"name", "Ana"}, {"email", "ana@example.com"}, {"question", "Hi"}});
    first.app().routing().route_now();
    call_api(first.client(), "POST",
             "/api/tasks/" + std::to_string(chat["task"]["id"].get<std::int64_t>()) + "/accept",
             agent, json::object());
    call_api(
        first.client(), "POST",
        "/api/activities/" + std::to_string(chat["chat"]["id"].get<std::int64_t>()) + "/messages",
        agent, {{"text", "Kept for later"}});
  }
  Receiver receiver(port);
  {
    ServerOn second(root, clock);
    clock.advance(10 * 60 * 1000);
    second.app().webhooks().wake();
    ASSERT_TRUE(eventually([&] { return receiver.posts().size() == 1; }));
    EXPECT_EQ(json::parse(receiver.posts()[0].body)["message"]["text"], "Kept for later");
  }
  fs::remove_all(root);
}

}  // namespace
}  // namespace care::server::testing
