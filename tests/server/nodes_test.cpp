// Issue 17, events across nodes: three care-server processes on one throw-away
// PostgreSQL database. An event written through one node reaches streams on the others
// (and its own node once), a stream resumes on another node with Last-Event-ID and
// misses nothing, and kill -9 of a node under a write load loses no acknowledged write.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "events/event_hub.hpp"
#include "events/log_follower.hpp"
#include "postgres_cluster.hpp"
#include "server_process.hpp"
#include "sse_reader.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/postgres/pg_event_log.hpp"
#include "store/postgres/postgres_store.hpp"

namespace care::server {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::ServerProcess;
using testing::SseEvent;
using testing::SseReader;
using Clock = std::chrono::steady_clock;

// The ids of the events queued on `s` now, taken.
std::vector<std::int64_t> queued_ids(const std::shared_ptr<events::Subscriber>& s) {
  std::string text = s->wait(0ms).text;
  std::vector<std::int64_t> ids;
  for (size_t at = 0; (at = text.find("id: ", at)) != std::string::npos; at += 4)
    ids.push_back(std::stoll(text.substr(at + 4)));
  return ids;
}

// Two hubs on one database, in this process and without followers, so the order of
// appends and reads is the test's: a node's own publish first delivers what other
// nodes appended before it, nothing is delivered twice, audiences filter as locally.
TEST(EventLogHub, OwnPublishDeliversOtherNodesEarlierEventsFirstAndNothingTwice) {
  const std::string conninfo = care::test::PostgresCluster::shared().create_migrated_database();
  store::PostgresStore store_a(conninfo, 2);
  store::PostgresStore store_b(conninfo, 2);
  store::pg::PostgresEventLog log_a(store_a);
  store::pg::PostgresEventLog log_b(store_b);
  events::EventHub a({.log = &log_a});
  events::EventHub b({.log = &log_b});
  auto agent = a.subscribe({7, store::Role::Agent, "s"}, std::nullopt).subscriber;
  auto supervisor = a.subscribe({8, store::Role::Supervisor, "t"}, std::nullopt).subscriber;

  const auto one = b.publish("agent.state", {{"n", 1}}, events::Audience::agent(7));
  const auto two = b.publish("agent.state", {{"n", 2}},
                             events::Audience::agent(9).and_role(store::Role::Supervisor));
  EXPECT_TRUE(queued_ids(agent).empty()) << "delivered before anything read the log";
  const auto three = a.publish("record.changed", {{"n", 3}}, events::Audience::all());
  EXPECT_LT(one, two);
  EXPECT_LT(two, three);
  EXPECT_EQ(queued_ids(agent), (std::vector<std::int64_t>{one, three}));
  EXPECT_EQ(queued_ids(supervisor), (std::vector<std::int64_t>{two, three}));
  a.catch_up();  // reads its own event back from the log: not delivered again
  EXPECT_TRUE(queued_ids(agent).empty());

  const auto four = b.publish("task.offered", {{"n", 4}}, events::Audience::agent(7));
  a.catch_up();
  EXPECT_EQ(queued_ids(agent), (std::vector<std::int64_t>{four}));
  EXPECT_TRUE(queued_ids(supervisor).empty());
  EXPECT_EQ(a.last_id(), four);

  // Hub B read A's event from the log when it published `four`; a stream resuming
  // there after `one` gets what it missed for it, as on A.
  auto resumed = b.subscribe({7, store::Role::Agent, "u"}, one).subscriber;
  EXPECT_EQ(queued_ids(resumed), (std::vector<std::int64_t>{three, four}));
}

// The follower: woken by NOTIFY; when its LISTEN connection is cut it polls, listens
// again, and what was appended meanwhile still arrives.
TEST(EventLogHub, FollowerDeliversAgainAfterItsListenConnectionIsCut) {
  const std::string conninfo = care::test::PostgresCluster::shared().create_migrated_database();
  store::PostgresStore store_a(conninfo, 2);
  store::PostgresStore store_b(conninfo, 2);
  store::pg::PostgresEventLog log_a(store_a);
  store::pg::PostgresEventLog log_b(store_b);
  events::EventHub a({.log = &log_a});
  events::EventHub b({.log = &log_b});
  auto agent = a.subscribe({7, store::Role::Agent, "s"}, std::nullopt).subscriber;
  // A quiet poll longer than the test: the first event can only come by NOTIFY.
  events::LogFollower follower(a, log_a, {.quiet_poll = 60s, .down_poll = 50ms});
  std::this_thread::sleep_for(200ms);  // listening (an event before it is caught up anyway)
  const auto one = b.publish("task.offered", {{"n", 1}}, events::Audience::agent(7));
  auto first = agent->wait(10s).text;
  EXPECT_NE(first.find("id: " + std::to_string(one) + "\n"), std::string::npos) << first;

  store::pg::Connection admin(conninfo);
  auto cut = admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
      " WHERE datname = current_database() AND query LIKE 'LISTEN%'");
  ASSERT_EQ(cut.rows(), 1) << "the follower's LISTEN connection";
  const auto two = b.publish("task.offered", {{"n", 2}}, events::Audience::agent(7));
  auto second = agent->wait(10s).text;
  EXPECT_NE(second.find("id: " + std::to_string(two) + "\n"), std::string::npos) << second;
  follower.stop();
}

TEST(EventLogHub, AudienceRoundTripsThroughTheLog) {
  auto audience = events::Audience::some({3, 1}).and_role(store::Role::Supervisor);
  std::sort(audience.agents.begin(), audience.agents.end());
  auto back = events::EventHub::decode_audience(events::EventHub::encode_audience(audience));
  EXPECT_EQ(back.agents, (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(back.min_role, store::Role::Supervisor);
  EXPECT_FALSE(back.everyone);
  EXPECT_TRUE(
      events::EventHub::decode_audience(events::EventHub::encode_audience(events::Audience::all()))
          .everyone);
  EXPECT_THROW(events::EventHub::decode_audience(R"({"min_role":"boss"})"), std::invalid_argument);
}

class NodesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& cluster = care::test::PostgresCluster::shared();
    conninfo_ = cluster.create_migrated_database();
    const std::string name = conninfo_.substr(conninfo_.find("dbname=") + 7);
    uri_ = cluster.uri(name);
    // One after the other: the first creates the admin account.
    for (int i = 0; i < 3; ++i) {
      nodes_.push_back(start());
      ASSERT_GT(nodes_.back().port, 0) << "node " << i << " did not start";
    }
    auto signed_in = httplib::Client("127.0.0.1", nodes_[0].port)
                         .Post("/api/session", R"({"username":"root","password":"correct horse"})",
                               "application/json");
    ASSERT_TRUE(signed_in);
    ASSERT_EQ(signed_in->status, 200);
    std::string set_cookie = signed_in->get_header_value("Set-Cookie");
    // Sessions live in the database: the cookie holds on every node.
    cookie_ = {{"Cookie", set_cookie.substr(0, set_cookie.find(';'))}};
  }

  void TearDown() override {
    for (auto& node : nodes_) {
      if (node.pid <= 0) continue;
      ::kill(node.pid, SIGTERM);
      int status = 0;
      ::waitpid(node.pid, &status, 0);
    }
  }

  ServerProcess start() { return testing::start_server_process({"--database", uri_}); }

  // One change through `port`: the signed-in admin's own state, alternately Ready and
  // Not Ready; it publishes agent.state to them (and supervisors).
  int change_state(httplib::Client& client, int n) {
    json body =
        n % 2 ? json{{"state", "ready"}} : json{{"state", "not_ready"}, {"reason", "break"}};
    auto result = client.Put("/api/me/state", cookie_, body.dump(), "application/json");
    return result ? result->status : -1;
  }

  // The next agent.state event on `stream` (others, if any, are skipped).
  static std::optional<SseEvent> next_state(SseReader& stream,
                                            std::chrono::milliseconds timeout = 10s) {
    for (;;) {
      auto event = stream.next(timeout);
      if (!event || event->type == "agent.state") return event;
    }
  }

  std::string conninfo_;
  std::string uri_;
  std::vector<ServerProcess> nodes_;
  httplib::Headers cookie_;
};

TEST_F(NodesTest, EventWrittenThroughOneNodeReachesStreamsOnEveryNodeOnce) {
  SseReader on_a(nodes_[0].port, cookie_);
  SseReader on_c(nodes_[2].port, cookie_);
  ASSERT_EQ(on_a.status(), 200);
  ASSERT_EQ(on_c.status(), 200);
  httplib::Client to_a("127.0.0.1", nodes_[0].port);
  // The sign-in's agent.state may still reach the stream on C (C delivers it when it
  // reads it from the log, after the stream opened): both streams first wait for a
  // Ready, which nothing before it was.
  ASSERT_EQ(change_state(to_a, 1), 200);
  for (SseReader* stream : {&on_a, &on_c}) {
    for (;;) {
      auto event = next_state(*stream);
      ASSERT_TRUE(event);
      if (event->data["state"].value("state", "") == "ready") break;
    }
  }
  const int kEvents = 200;
  std::vector<double> latency_ms;
  std::vector<std::int64_t> ids_on_c;
  for (int i = 0; i < kEvents; ++i) {
    auto sent = Clock::now();
    ASSERT_EQ(change_state(to_a, i), 200) << i;
    auto event = next_state(on_c);
    ASSERT_TRUE(event) << "event " << i << " never reached node C";
    latency_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
    EXPECT_EQ(event->data["state"].value("state", ""), std::string(i % 2 ? "ready" : "not_ready"))
        << i;
    if (!ids_on_c.empty()) {
      ASSERT_GT(event->id, ids_on_c.back()) << i;
    }
    ids_on_c.push_back(event->id);
  }
  // Node A delivered its own events once each (not again when it read them back from
  // the log), in the same order and with the same global ids.
  std::vector<std::int64_t> ids_on_a;
  for (int i = 0; i < kEvents; ++i) {
    auto event = next_state(on_a);
    ASSERT_TRUE(event) << i;
    ids_on_a.push_back(event->id);
  }
  EXPECT_EQ(ids_on_a, ids_on_c);
  EXPECT_FALSE(next_state(on_a, 500ms)) << "an event reached node A twice";
  EXPECT_FALSE(next_state(on_c, 100ms)) << "an event reached node C twice";

  std::sort(latency_ms.begin(), latency_ms.end());
  std::printf("write on node A to event on node C, %d events: median %.1f ms, p99 %.1f ms\n",
              kEvents, latency_ms[latency_ms.size() / 2], latency_ms[latency_ms.size() * 99 / 100]);
}

TEST_F(NodesTest, StreamResumesOnAnotherNodeWithLastEventIdAndMissesNothing) {
  // The reference: a stream on node A that stays open throughout.
  SseReader reference(nodes_[0].port, cookie_);
  ASSERT_EQ(reference.status(), 200);
  httplib::Client to_a("127.0.0.1", nodes_[0].port);
  httplib::Client to_c("127.0.0.1", nodes_[2].port);
  std::int64_t last_seen = 0;
  {
    SseReader on_b(nodes_[1].port, cookie_);
    ASSERT_EQ(on_b.status(), 200);
    for (int i = 0; i < 10; ++i)
      ASSERT_EQ(change_state(to_a, i), 200);
    for (int i = 0; i < 10; ++i) {
      auto event = next_state(on_b);
      ASSERT_TRUE(event) << i;
      last_seen = event->id;
    }
  }  // the client's connection to node B drops here
  // Meanwhile, changes through node C and node A.
  for (int i = 10; i < 20; ++i)
    ASSERT_EQ(change_state(i % 2 ? to_c : to_a, i), 200);

  std::vector<SseEvent> expected;
  for (int i = 0; i < 20; ++i) {
    auto event = next_state(reference);
    ASSERT_TRUE(event) << i;
    if (event->id > last_seen) expected.push_back(*event);
  }
  ASSERT_EQ(expected.size(), 10u);

  auto resume_on = [&](int port, const char* where) {
    httplib::Headers headers = cookie_;
    headers.emplace("Last-Event-ID", std::to_string(last_seen));
    SseReader resumed(port, headers);
    ASSERT_EQ(resumed.status(), 200) << where;
    for (const auto& want : expected) {
      auto event = resumed.next(10s);
      ASSERT_TRUE(event) << where << ": missed " << want.id;
      ASSERT_NE(event->type, "resync") << where;
      EXPECT_EQ(event->id, want.id) << where;
      EXPECT_EQ(event->type, want.type) << where;
      EXPECT_EQ(event->data, want.data) << where;
    }
    EXPECT_FALSE(resumed.next(300ms)) << where << ": more than was missed";
  };
  // On node C, which delivered those events to its own streams meanwhile (its memory).
  resume_on(nodes_[2].port, "node C");
  // On a node started after them: from the database's event log.
  ::kill(nodes_[1].pid, SIGKILL);
  int status = 0;
  ::waitpid(nodes_[1].pid, &status, 0);
  nodes_[1] = start();
  ASSERT_GT(nodes_[1].port, 0);
  resume_on(nodes_[1].port, "a restarted node B");

  // An id no node has given gets the resync answer, as on one node.
  httplib::Headers bogus = cookie_;
  bogus.emplace("Last-Event-ID", std::to_string(expected.back().id + 1000));
  SseReader stale(nodes_[2].port, bogus);
  auto first = stale.next(10s);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->type, "resync");
  EXPECT_GE(first->id, expected.back().id);
}

TEST_F(NodesTest, KillNineOfANodeUnderWriteLoadLosesNoAcknowledgedWrite) {
  std::atomic<bool> stop{false};
  std::atomic<int> acknowledged{0};
  std::atomic<int> after_kill{0};
  std::atomic<bool> killed{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < 6; ++w) {
    writers.emplace_back([&, w] {
      const int node = w % 3;
      httplib::Client client("127.0.0.1", nodes_[static_cast<size_t>(node)].port);
      client.set_read_timeout(2);
      client.set_connection_timeout(1);
      for (int i = 0; !stop; ++i) {
        if (change_state(client, i + w) == 200) {
          ++acknowledged;
          if (killed && node != 1) ++after_kill;
        } else if (node == 1 && killed) {
          std::this_thread::sleep_for(10ms);  // the killed node: refused from now on
        }
      }
    });
  }
  std::this_thread::sleep_for(1500ms);
  ::kill(nodes_[1].pid, SIGKILL);
  int status = 0;
  ::waitpid(nodes_[1].pid, &status, 0);
  nodes_[1].pid = -1;
  killed = true;
  std::this_thread::sleep_for(1000ms);
  stop = true;
  for (auto& writer : writers)
    writer.join();
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_GT(acknowledged.load(), 20) << "the load was too light to mean anything";
  EXPECT_GT(after_kill.load(), 0) << "the other nodes stopped answering";
  std::printf("acknowledged writes over 3 nodes: %d (%d after node B's SIGKILL)\n",
              acknowledged.load(), after_kill.load());

  store::pg::Connection db(conninfo_);
  auto count = db.query("SELECT COUNT(*) FROM audit WHERE action = 'agent.state'");
  EXPECT_GE(count.integer(0, 0), acknowledged.load());

  // Events still cross between the nodes left.
  SseReader on_c(nodes_[2].port, cookie_);
  ASSERT_EQ(on_c.status(), 200);
  httplib::Client to_a("127.0.0.1", nodes_[0].port);
  ASSERT_EQ(change_state(to_a, 1), 200);
  ASSERT_EQ(change_state(to_a, 0), 200);
  auto event = next_state(on_c);
  ASSERT_TRUE(event);
}

}  // namespace
}  // namespace care::server
