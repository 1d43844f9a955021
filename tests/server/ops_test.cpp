// Issue 17, operations, with real processes: three care-server nodes on one throw-away
// PostgreSQL cluster behind a real nginx running the sample configuration
// (deploy/nginx-three-nodes.conf, docs/deploy.md), and the database stopped with
// `pg_ctl stop -m immediate` under a write load while the nodes keep running.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "nginx_process.hpp"
#include "postgres_cluster.hpp"
#include "server_process.hpp"
#include "sse_reader.hpp"
#include "store/postgres/pg_connection.hpp"

namespace care::server {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::NginxProcess;
using testing::ServerProcess;
using testing::SseEvent;
using testing::SseReader;
using Clock = std::chrono::steady_clock;

// The name the sample configuration serves and the nodes are told (--public-url).
constexpr const char* kSite = "care.example.com";

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The sample configuration as a test runs it, changed only where a machine must change
// it: the nodes' addresses, and the TLS listener becomes a plain one on loopback (the
// test speaks HTTP; TLS is nginx's own business). Each change must find exactly what
// it expects, so an edit to the sample that the test would silently miss fails here.
std::string render_sample(const std::vector<int>& node_ports, int port) {
  std::string text = read_text(CARE_SOURCE_DIR "/deploy/nginx-three-nodes.conf");
  std::string out;
  size_t nodes = 0;
  int listens = 0;
  int certificates = 0;
  static const std::regex node(R"(^(\s*server\s+)10\.0\.0\.\d+:8080(\s.*)$)");
  std::stringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch match;
    if (line.find_first_not_of(" \t") != std::string::npos &&
        line[line.find_first_not_of(" \t")] == '#') {
      // a comment: as it is
    } else if (std::regex_match(line, match, node)) {
      if (nodes < node_ports.size()) {
        line = match[1].str() + "127.0.0.1:" + std::to_string(node_ports[nodes]) + match[2].str();
      }
      ++nodes;
    } else if (line.find("listen 443 ssl http2;") != std::string::npos) {
      line = "  listen 127.0.0.1:" + std::to_string(port) + ";";
      ++listens;
    } else if (line.find("ssl_certificate") != std::string::npos) {
      ++certificates;
      continue;
    }
    out += line + "\n";
  }
  EXPECT_EQ(nodes, node_ports.size()) << "the sample's upstream should list its nodes as "
                                         "`server 10.0.0.N:8080 …;`, one a line";
  EXPECT_EQ(listens, 1) << "the sample should listen with `listen 443 ssl http2;`";
  EXPECT_EQ(certificates, 2) << "the sample should name a certificate and its key";
  return out;
}

// The sum of a counter's or gauge's samples on one node whose labels contain `labels`.
double metric(int port, const std::string& name, const std::string& labels = "") {
  auto reply = httplib::Client("127.0.0.1", port).Get("/metrics");
  if (!reply || reply->status != 200) return -1;
  double sum = 0;
  std::stringstream lines(reply->body);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(name, 0) != 0) continue;
    const char next = line.size() > name.size() ? line[name.size()] : '\0';
    if (next != ' ' && next != '{') continue;
    if (!labels.empty() && line.find(labels) == std::string::npos) continue;
    sum += std::stod(line.substr(line.rfind(' ') + 1));
  }
  return sum;
}

class NginxNodesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& cluster = care::test::PostgresCluster::shared();
    const std::string conninfo = cluster.create_migrated_database();
    uri_ = cluster.uri(conninfo.substr(conninfo.find("dbname=") + 7));
    std::vector<int> ports;
    for (int i = 0; i < 3; ++i) {  // one after the other: the first creates the admin
      // As the sample's header starts them: the public URL, nginx as a trusted proxy.
      nodes_.push_back(testing::start_server_process({"--database", uri_, "--public-url",
                                                      std::string("https://") + kSite,
                                                      "--trusted-proxy", "127.0.0.1"}));
      ASSERT_GT(nodes_.back().port, 0) << "node " << i << " did not start";
      ports.push_back(nodes_.back().port);
    }
    nginx_ = std::make_unique<NginxProcess>([&](int port) { return render_sample(ports, port); });

    // Signing in through nginx: the cookie holds on whichever node answers next.
    auto signed_in =
        proxy().Post("/api/session", site_, R"({"username":"root","password":"correct horse"})",
                     "application/json");
    ASSERT_TRUE(signed_in) << nginx_->error_log();
    ASSERT_EQ(signed_in->status, 200) << signed_in->body;
    const std::string set_cookie = signed_in->get_header_value("Set-Cookie");
    EXPECT_NE(set_cookie.find("Secure"), std::string::npos)
        << "the public URL is https, so the cookie is Secure: " << set_cookie;
    signed_in_ = site_;
    signed_in_.emplace("Cookie", set_cookie.substr(0, set_cookie.find(';')));
  }

  void TearDown() override {
    nginx_.reset();
    testing::stop_server_processes(nodes_);
  }

  httplib::Client proxy() const {
    httplib::Client client("127.0.0.1", nginx_->port());
    client.set_read_timeout(10);
    return client;
  }

  // GET /api/me answered by each node so far, read from the nodes' own /metrics.
  std::vector<double> me_answered() const {
    std::vector<double> counts;
    for (const auto& node : nodes_)
      counts.push_back(node.pid > 0 ? metric(node.port, "care_http_requests_total",
                                             R"(route="/api/me",status="2xx")")
                                    : 0);
    return counts;
  }

  // `count` GET /api/me through nginx, each expected to be the admin's 200; how many of
  // them each node answered.
  std::vector<double> me_through_nginx(int count) const {
    auto client = proxy();
    const auto before = me_answered();
    for (int i = 0; i < count; ++i) {
      auto me = client.Get("/api/me", signed_in_);
      EXPECT_TRUE(me && me->status == 200) << i << ": " << (me ? me->body : "no answer");
      if (me && me->status == 200) {
        EXPECT_EQ(json::parse(me->body)["agent"].value("username", ""), "root");
      }
    }
    auto answered = me_answered();
    for (size_t i = 0; i < answered.size(); ++i)
      answered[i] -= before[i];
    return answered;
  }

  // The node holding the one event stream open (care_event_streams), or -1.
  int stream_holder() const {
    for (size_t i = 0; i < nodes_.size(); ++i) {
      if (nodes_[i].pid > 0 && metric(nodes_[i].port, "care_event_streams") > 0)
        return static_cast<int>(i);
    }
    return -1;
  }

  int put_state(httplib::Client& client, bool ready) const {
    json body =
        ready ? json{{"state", "ready"}} : json{{"state", "not_ready"}, {"reason", "break"}};
    auto reply = client.Put("/api/me/state", signed_in_, body.dump(), "application/json");
    return reply ? reply->status : -1;
  }

  // The next agent.state event on `stream` in state `state` (others are skipped).
  static std::optional<SseEvent> next_state(SseReader& stream, const std::string& state) {
    for (;;) {
      auto event = stream.next(10s);
      if (!event) return event;
      if (event->type == "agent.state" && event->data["state"].value("state", "") == state)
        return event;
    }
  }

  std::string uri_;
  std::vector<ServerProcess> nodes_;
  std::unique_ptr<NginxProcess> nginx_;
  httplib::Headers site_{{"Host", kSite}};
  httplib::Headers signed_in_;
};

TEST_F(NginxNodesTest, SignedInThroughNginxRequestsSpreadOverTheNodes) {
  const int kRequests = 30;
  const auto answered = me_through_nginx(kRequests);
  double total = 0;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    EXPECT_GT(answered[i], 0) << "node " << i << " answered none of the requests";
    total += answered[i];
    std::printf("node %zu answered %.0f of %d requests through nginx\n", i, answered[i], kRequests);
  }
  EXPECT_EQ(total, kRequests);
}

TEST_F(NginxNodesTest, StreamThroughNginxGetsAnEventWrittenThroughAnotherNodeWhileOpen) {
  SseReader stream(nginx_->port(), signed_in_);
  ASSERT_EQ(stream.status(), 200) << nginx_->error_log();
  const int holder = stream_holder();
  ASSERT_GE(holder, 0) << "no node says it holds the stream";
  const ServerProcess& other = nodes_[static_cast<size_t>(holder + 1) % nodes_.size()];
  httplib::Client to_other("127.0.0.1", other.port);

  // Ready first, so that the Not Ready after it can only be the one written now.
  ASSERT_EQ(put_state(to_other, true), 200);
  ASSERT_TRUE(next_state(stream, "ready")) << "the first event never came through nginx";
  const auto sent = Clock::now();
  ASSERT_EQ(put_state(to_other, false), 200);
  auto event = next_state(stream, "not_ready");
  const double waited_ms = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
  ASSERT_TRUE(event) << "the event written on another node never came through nginx";
  // Unbuffered: the frame came while the stream is still open, not when it ended.
  EXPECT_FALSE(stream.ended(0ms)) << "the stream ended: the frame came from a flushed buffer";
  std::printf("written on node %zu, read through nginx from a stream on node %d: %.1f ms\n",
              static_cast<size_t>(holder + 1) % nodes_.size(), holder, waited_ms);
}

TEST_F(NginxNodesTest, NodeKilledNginxMovesOnToTheOthersAndTheStreamResumes) {
  std::int64_t last_seen = 0;
  int holder = -1;
  {
    SseReader stream(nginx_->port(), signed_in_);
    ASSERT_EQ(stream.status(), 200) << nginx_->error_log();
    holder = stream_holder();
    ASSERT_GE(holder, 0);
    auto client = proxy();
    ASSERT_EQ(put_state(client, true), 200);
    auto ready = next_state(stream, "ready");
    ASSERT_TRUE(ready);
    last_seen = ready->id;

    ServerProcess& killed = nodes_[static_cast<size_t>(holder)];
    ::kill(killed.pid, SIGKILL);
    int status = 0;
    ::waitpid(killed.pid, &status, 0);
    killed.pid = -1;
    // The stream's node is gone: nginx ends the stream, and the browser reconnects.
    EXPECT_TRUE(stream.ended(10s)) << "nginx kept the dead node's stream open";
  }

  // Every request through nginx is answered, by the nodes left.
  const int kRequests = 30;
  const auto answered = me_through_nginx(kRequests);
  EXPECT_EQ(answered[static_cast<size_t>(holder)], 0);
  double total = 0;
  for (double each : answered)
    total += each;
  EXPECT_EQ(total, kRequests) << "answered by the nodes left";
  auto client = proxy();
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(put_state(client, i % 2 == 1), 200) << i;

  // The browser's reconnect through nginx resumes on a node left, missing nothing: the
  // six changes made meanwhile, Not Ready first.
  httplib::Headers resume = signed_in_;
  resume.emplace("Last-Event-ID", std::to_string(last_seen));
  SseReader resumed(nginx_->port(), resume);
  ASSERT_EQ(resumed.status(), 200);
  for (int i = 0; i < 6; ++i) {
    auto event = next_state(resumed, i % 2 == 0 ? "not_ready" : "ready");
    ASSERT_TRUE(event) << "missed change " << i;
    EXPECT_GT(event->id, last_seen);
    last_seen = event->id;
  }
  std::printf("node %d killed: %d requests and 6 writes through nginx answered by the others\n",
              holder, kRequests);
}

// The database crashes under a write load while the nodes keep running: they answer
// 503 and /healthz says why while it is down, recover by themselves when it is back,
// and every write acknowledged with a 2xx before the crash is in the database after.
class DatabaseCrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A cluster of its own that keeps what it acknowledges, as PostgreSQL ships
    // (fsync and synchronous_commit on): the shared test cluster does not.
    cluster_ = care::test::PostgresCluster::start({.durable = true});
    conninfo_ = cluster_->create_migrated_database();
    const std::string uri = cluster_->uri(conninfo_.substr(conninfo_.find("dbname=") + 7));
    for (int i = 0; i < 3; ++i) {
      nodes_.push_back(testing::start_server_process(
          {"--database", uri, "--integration-key", "ops-key", "--connector-requests", "0"}));
      ASSERT_GT(nodes_.back().port, 0) << "node " << i << " did not start";
    }
    // Emails need a queue to land in.
    httplib::Client first("127.0.0.1", nodes_[0].port);
    auto signed_in = first.Post("/api/session", R"({"username":"root","password":"correct horse"})",
                                "application/json");
    ASSERT_TRUE(signed_in);
    ASSERT_EQ(signed_in->status, 200);
    const std::string set_cookie = signed_in->get_header_value("Set-Cookie");
    cookie_ = {{"Cookie", set_cookie.substr(0, set_cookie.find(';'))}};
    auto queue =
        first.Post("/api/queues", cookie_, R"({"name":"Mail","priority":1})", "application/json");
    ASSERT_TRUE(queue);
    ASSERT_EQ(queue->status, 201) << queue->body;
  }

  void TearDown() override {
    testing::stop_server_processes(nodes_);
    if (cluster_) cluster_->stop();
  }

  // /healthz of one node: its status and body.
  static std::pair<int, json> health(int port) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(10);
    auto reply = client.Get("/healthz");
    if (!reply) return {-1, json()};
    return {reply->status, json::parse(reply->body, nullptr, false)};
  }

  std::unique_ptr<care::test::PostgresCluster> cluster_;
  std::string conninfo_;
  std::vector<ServerProcess> nodes_;
  httplib::Headers cookie_;
};

TEST_F(DatabaseCrashTest, ImmediateStopUnderWriteLoadLosesNoAcknowledgedWriteAndNodesRecover) {
  // kDown: from the moment pg_ctl has stopped the database until it is started again.
  enum Phase { kBefore, kDown, kRestarting, kAfter };
  std::atomic<int> phase{kBefore};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::set<std::string> acknowledged;      // Message-IDs answered 2xx
  std::map<int, int> statuses[4];          // per phase: status → how many
  std::atomic<int> acknowledged_after{0};  // 2xx after the database came back
  // A desktop's stream on node C, open from before the crash to after it.
  SseReader stream(nodes_[2].port, cookie_);
  ASSERT_EQ(stream.status(), 200);
  std::vector<std::thread> writers;
  for (int w = 0; w < 6; ++w) {
    writers.emplace_back([&, w] {
      httplib::Client client("127.0.0.1", nodes_[static_cast<size_t>(w % 3)].port);
      client.set_read_timeout(10);
      for (int i = 0; !stop; ++i) {
        const std::string id = "<ops-" + std::to_string(w) + "-" + std::to_string(i) + "@test>";
        json mail{{"from", "load@example.com"},
                  {"to", "care@example.com"},
                  {"subject", "write " + std::to_string(i)},
                  {"body", "under load"},
                  {"message_id", id}};
        const int during = phase;
        auto reply = client.Post("/api/channels/email", {{"Authorization", "Bearer ops-key"}},
                                 mail.dump(), "application/json");
        const int status = reply ? reply->status : -1;
        std::lock_guard lock(mutex);
        ++statuses[during][status];
        if (status / 100 == 2) {
          acknowledged.insert(id);
          if (during == kAfter) ++acknowledged_after;
        } else {
          std::this_thread::sleep_for(20ms);  // as a gateway would, before trying again
        }
      }
    });
  }
  auto count_acknowledged = [&] {
    std::lock_guard lock(mutex);
    return acknowledged.size();
  };
  std::this_thread::sleep_for(1500ms);
  const size_t before_crash = count_acknowledged();

  cluster_->crash();
  phase = kDown;
  std::this_thread::sleep_for(1500ms);
  for (const auto& node : nodes_) {
    auto [status, body] = health(node.port);
    EXPECT_EQ(status, 503) << body.dump();
    EXPECT_EQ(body["database"].value("state", ""), "unreachable") << body.dump();
    EXPECT_EQ(metric(node.port, "care_database_up"), 0);
  }

  phase = kRestarting;
  cluster_->start_again();
  // The nodes come back by themselves: nothing restarts or tells them.
  const auto restarted = Clock::now();
  for (const auto& node : nodes_) {
    auto until = Clock::now() + 60s;
    while (health(node.port).first != 200 && Clock::now() < until)
      std::this_thread::sleep_for(50ms);
    auto [status, body] = health(node.port);
    EXPECT_EQ(status, 200) << "node on port " << node.port << " did not recover: " << body.dump();
  }
  std::printf("all nodes healthy %.0f ms after the database was started again\n",
              std::chrono::duration<double, std::milli>(Clock::now() - restarted).count());
  phase = kAfter;
  auto until = Clock::now() + 60s;
  while (acknowledged_after < 30 && Clock::now() < until)
    std::this_thread::sleep_for(50ms);
  std::printf("%d writes acknowledged through the recovered nodes in %.0f ms\n",
              acknowledged_after.load(),
              std::chrono::duration<double, std::milli>(Clock::now() - until + 60s).count());
  stop = true;
  for (auto& writer : writers)
    writer.join();

  {
    std::lock_guard lock(mutex);
    const char* names[] = {"before the crash", "while down", "while restarting", "after"};
    for (int p = 0; p < 4; ++p) {
      std::string line;
      for (const auto& [status, count] : statuses[p])
        line += " " + std::to_string(status) + "×" + std::to_string(count);
      std::printf("%s:%s\n", names[p], line.c_str());
    }
    EXPECT_GT(before_crash, 20u) << "the load was too light to mean anything";
    // Sent once the database had stopped: every one refused, with 503.
    EXPECT_GT(statuses[kDown][503], 0) << "no write met the database down";
    for (const auto& [status, count] : statuses[kDown])
      EXPECT_EQ(status, 503) << count << " writes got " << status << " while the database was down";
    EXPECT_GE(acknowledged_after.load(), 30) << "the nodes did not take writes again";
  }

  // The stream opened before the crash is still open, and events written through node A
  // reach it again: Ready, then Not Ready (the one that can only be written now).
  httplib::Client to_a("127.0.0.1", nodes_[0].port);
  for (const char* state : {"ready", "not_ready"}) {
    json body = std::string(state) == "ready" ? json{{"state", "ready"}}
                                              : json{{"state", "not_ready"}, {"reason", "break"}};
    auto changed = to_a.Put("/api/me/state", cookie_, body.dump(), "application/json");
    ASSERT_TRUE(changed);
    ASSERT_EQ(changed->status, 200) << changed->body;
  }
  for (const char* state : {"ready", "not_ready"}) {
    for (;;) {
      auto event = stream.next(10s);
      ASSERT_TRUE(event) << "the stream opened before the crash never heard " << state;
      if (event->type == "agent.state" && event->data["state"].value("state", "") == state) break;
    }
  }

  // Every acknowledged write is in the database.
  store::pg::Connection db(conninfo_);
  auto rows = db.query("SELECT external_ref FROM activities WHERE media = 'email'");
  std::set<std::string> stored;
  for (int r = 0; r < rows.rows(); ++r)
    stored.insert(rows.text(r, 0));
  std::vector<std::string> lost;
  std::set_difference(acknowledged.begin(), acknowledged.end(), stored.begin(), stored.end(),
                      std::back_inserter(lost));
  EXPECT_TRUE(lost.empty()) << lost.size() << " acknowledged writes lost, the first "
                            << (lost.empty() ? "" : lost.front());
  std::printf("%zu writes acknowledged (%zu before the crash, %d after recovery), all stored\n",
              acknowledged.size(), before_crash, acknowledged_after.load());
}

}  // namespace
}  // namespace care::server
