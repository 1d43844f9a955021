// The event hub and GET /api/events (R-E1, DESIGN "Events"): a real server, real
// HTTP, streams read as they arrive.
#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <fstream>
#include <mutex>
#include <optional>
#include <thread>

#include "accounts_fixture.hpp"
#include "care/events.hpp"
#include "events/event_hub.hpp"
#include "events/publish.hpp"
#include "events/ready_queue.hpp"
#include "raw_connection.hpp"
#include "sse_reader.hpp"

namespace care::server {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
using testing::SseEvent;
using testing::SseReader;

class EventsTest : public testing::AccountsFixture {
 protected:
  std::unique_ptr<SseReader> open(const std::string& cookie, httplib::Headers extra = {}) {
    extra.emplace("Cookie", cookie);
    auto reader = std::make_unique<SseReader>(server_.port(), extra);
    EXPECT_EQ(reader->status(), 200);
    return reader;
  }
  int put_state(const std::string& cookie, const std::string& path, const json& body) {
    auto result = server_.client().Put(path, with_cookie(cookie), body.dump(), "application/json");
    return result ? result->status : 0;
  }
  int ready(const std::string& cookie) {
    return put_state(cookie, "/api/me/state", {{"state", "ready"}});
  }
  int not_ready(const std::string& cookie, const std::string& reason) {
    return put_state(cookie, "/api/me/state", {{"state", "not_ready"}, {"reason", reason}});
  }
};

TEST_F(EventsTest, StreamCarriesTheAgentsOwnStateChange) {
  std::string anna = session_for("anna");
  auto stream = open(anna);
  ASSERT_EQ(ready(anna), 200);
  auto event = stream->next();
  ASSERT_TRUE(event);
  EXPECT_EQ(event->type, "agent.state");
  // The shared codec's shape, which the desktop decodes.
  EXPECT_EQ(event->data["agent"], anna_id_);
  EXPECT_EQ(event->data["state"]["state"], "ready");
  EXPECT_TRUE(event->data["state"]["since"].is_string());
  EXPECT_EQ(event->id, server_.app().events().last_id());
}

TEST_F(EventsTest, StreamNeedsASession) {
  auto result = server_.client().Get("/api/events");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 401);
  EXPECT_EQ(error_code(result), "unauthenticated");
  auto forged = server_.client().Get("/api/events", with_cookie("care_session=nope"));
  EXPECT_EQ(forged->status, 401);
}

TEST_F(EventsTest, SupervisorsSeeOtherAgentsAgentsSeeOnlyTheirOwn) {
  std::string anna = session_for("anna");
  std::string sam = session_for("sam");
  auto anna_stream = open(anna);
  auto sam_stream = open(sam);

  ASSERT_EQ(not_ready(anna, "break"), 200);
  auto seen = sam_stream->next();
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->type, "agent.state");
  EXPECT_EQ(seen->data["agent"], anna_id_);
  EXPECT_EQ(seen->data["state"]["reason"], "break");

  // Sam's own change reaches supervisors, not Anna: her next event is her own.
  ASSERT_EQ(ready(sam), 200);
  ASSERT_EQ(ready(anna), 200);
  auto first = anna_stream->next();
  auto second = anna_stream->next();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->data["state"]["reason"], "break");
  EXPECT_EQ(second->data["agent"], anna_id_);
  EXPECT_EQ(second->data["state"]["state"], "ready");

  // A supervisor changing Anna's state: she sees it.
  ASSERT_EQ(put_state(sam, "/api/agents/" + std::to_string(anna_id_) + "/state",
                      {{"state", "not_ready"}, {"reason", "meeting"}}),
            200);
  auto to_anna = anna_stream->next();
  ASSERT_TRUE(to_anna);
  EXPECT_EQ(to_anna->data["state"]["reason"], "meeting");
}

TEST_F(EventsTest, ResumeReplaysExactlyTheMissedEvents) {
  std::string anna = session_for("anna");
  // Signed in first: a sign-in is an event too (the floor's Offline), counted below.
  std::string sam = session_for("sam");
  std::int64_t seen_id = 0;
  {
    auto stream = open(anna);
    ASSERT_EQ(ready(anna), 200);
    auto event = stream->next();
    ASSERT_TRUE(event);
    seen_id = event->id;
  }  // the connection drops
  ASSERT_EQ(not_ready(anna, "lunch"), 200);
  ASSERT_EQ(ready(anna), 200);
  // Someone else's event that Anna may not see, in between.
  ASSERT_EQ(ready(sam), 200);

  auto stream = open(anna, {{"Last-Event-ID", std::to_string(seen_id)}});
  auto missed_1 = stream->next();
  auto missed_2 = stream->next();
  ASSERT_TRUE(missed_1 && missed_2);
  // On one SQLite node ids go up one by one. On PostgreSQL they are the event log's,
  // shared with other nodes' events and the routers' node news: they only go up.
  const bool one_by_one = server_.database().empty();
  auto follows = [&](std::int64_t id, std::int64_t before, int steps) {
    return one_by_one ? id == before + steps : id > before;
  };
  EXPECT_TRUE(follows(missed_1->id, seen_id, 1)) << missed_1->id << " after " << seen_id;
  EXPECT_EQ(missed_1->data["state"]["reason"], "lunch");
  EXPECT_TRUE(follows(missed_2->id, missed_1->id, 1)) << missed_2->id;
  EXPECT_EQ(missed_2->data["state"]["state"], "ready");
  // Nothing more replayed; the next event is live, and none comes twice.
  EXPECT_FALSE(stream->next(300ms));
  ASSERT_EQ(not_ready(anna, "training"), 200);
  auto live = stream->next();
  ASSERT_TRUE(live);
  EXPECT_EQ(live->data["state"]["reason"], "training");
  EXPECT_TRUE(follows(live->id, missed_2->id, 2)) << live->id;
  EXPECT_FALSE(stream->next(300ms));

  // EventSource fallbacks put the id in the query instead.
  SseReader by_query(server_.port(), with_cookie(anna),
                     "/api/events?last_event_id=" + std::to_string(missed_2->id));
  ASSERT_EQ(by_query.status(), 200);
  auto again = by_query.next();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, live->id);
  EXPECT_FALSE(by_query.next(300ms));
}

TEST_F(EventsTest, TooOldOrForeignLastEventIdGetsResync) {
  std::string anna = session_for("anna");
  ASSERT_EQ(ready(anna), 200);
  std::int64_t old_id = server_.app().events().last_id();
  auto& hub = server_.app().events();
  // More than the hub keeps: on PostgreSQL ids are the database's and "5" is a real
  // one, as old_id is, and both are then too far back.
  for (size_t i = 0; i < hub.options().ring_capacity + 10; ++i)
    hub.publish("record.changed", {{"n", i}}, events::Audience::all());

  for (std::string given : {std::to_string(old_id), std::string("5"), std::string("abc"),
                            std::to_string(hub.last_id() + 10)}) {
    auto stream = open(anna, {{"Last-Event-ID", given}});
    auto event = stream->next();
    ASSERT_TRUE(event) << given;
    EXPECT_EQ(event->type, "resync") << given;
    // Its id is where to resume after reloading: the next event follows it.
    EXPECT_EQ(event->id, hub.last_id()) << given;
    EXPECT_FALSE(stream->next(100ms)) << given;
  }

  // Still kept: replayed, not resynced.
  auto stream = open(anna, {{"Last-Event-ID", std::to_string(hub.last_id() - 2)}});
  auto first = stream->next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->type, "record.changed");
  EXPECT_EQ(first->id, hub.last_id() - 1);
}

TEST_F(EventsTest, SigningOutEndsTheStream) {
  std::string anna = session_for("anna");
  auto stream = open(anna);
  auto out = server_.client().Delete("/api/session", with_cookie(anna));
  ASSERT_EQ(out->status, 204);
  EXPECT_TRUE(stream->ended(2s));
  EXPECT_EQ(server_.client().Get("/api/events", with_cookie(anna))->status, 401);
}

TEST_F(EventsTest, MetricsCountOpenStreams) {
  std::string anna = session_for("anna");
  auto one = open(anna);
  auto two = open(anna);
  auto metrics = server_.client().Get("/metrics");
  EXPECT_NE(metrics->body.find("\ncare_event_streams 2\n"), std::string::npos) << metrics->body;
  one.reset();
  // The server notices a closed peer when it next writes.
  ASSERT_EQ(ready(anna), 200);
  for (int i = 0; i < 200 && server_.app().events().open_streams() != 1; ++i)
    std::this_thread::sleep_for(10ms);
  EXPECT_EQ(server_.app().events().open_streams(), 1u);
}

TEST_F(EventsTest, ServerStopsPromptlyWithStreamsOpen) {
  // Four sessions of five streams: one session may hold at most eight.
  const std::string sessions[] = {session_for("anna"), session_for("sam"), session_for("anna"),
                                  session_for("sam")};
  std::vector<std::unique_ptr<SseReader>> streams;
  for (int i = 0; i < 20; ++i)
    streams.push_back(open(sessions[i % 4]));
  auto started = std::chrono::steady_clock::now();
  server_.app().stop();
  while (server_.app().serving() && std::chrono::steady_clock::now() - started < 10s)
    std::this_thread::sleep_for(1ms);
  auto took = std::chrono::steady_clock::now() - started;
  std::printf(
      "stopped with 20 streams open in %lld ms\n",
      static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()));
  EXPECT_FALSE(server_.app().serving());
  EXPECT_LT(took, 1s) << std::chrono::duration_cast<std::chrono::milliseconds>(took).count();
  for (auto& stream : streams)
    EXPECT_TRUE(stream->ended(1s));
}

// A server with a short heartbeat and room for two streams.
class SmallServerTest : public ::testing::Test {
 protected:
  static Config small() {
    Config config;
    config.max_streams = 2;
    config.stream_heartbeat = 100ms;
    return config;
  }
  SmallServerTest() : server_(small()) {
    server_.app().auth().create_agent("ida", "Ida", "correct horse", store::Role::Agent);
    json body = {{"username", "ida"}, {"password", "correct horse"}};
    auto result = server_.client().Post("/api/session", body.dump(), "application/json");
    std::string set_cookie = result->get_header_value("Set-Cookie");
    cookie_ = set_cookie.substr(0, set_cookie.find(';'));
  }
  testing::TestServer server_;
  std::string cookie_;
};

TEST_F(SmallServerTest, QuietStreamsGetHeartbeats) {
  SseReader stream(server_.port(), {{"Cookie", cookie_}});
  ASSERT_EQ(stream.status(), 200);
  std::this_thread::sleep_for(450ms);
  EXPECT_GE(stream.comments(), 2);
}

TEST_F(SmallServerTest, StreamsBeyondTheSizedNumberGet503) {
  SseReader one(server_.port(), {{"Cookie", cookie_}});
  SseReader two(server_.port(), {{"Cookie", cookie_}});
  ASSERT_EQ(one.status(), 200);
  ASSERT_EQ(two.status(), 200);
  auto third = server_.client().Get("/api/events", {{"Cookie", cookie_}});
  ASSERT_TRUE(third);
  EXPECT_EQ(third->status, 503);
  EXPECT_EQ(third->get_header_value("Retry-After"), "5");
  // Ordinary requests still have threads of their own.
  EXPECT_EQ(server_.client().Get("/healthz")->status, 200);
}

// Threads of this process (the test and its in-process server), from /proc.
int threads_now() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
  }
  return -1;
}

// Streams opened over raw sockets, read only when a test asks: no client threads,
// and a reader that never reads is just one that is not asked.
class StreamLoopTest : public testing::AccountsFixture {
 protected:
  static Config config() {
    Config config;
    config.streams_per_session = 0;  // no limit: one session opens them all
    return config;
  }
  StreamLoopTest() : AccountsFixture(config()) {}

  // A stream whose head (200) has been read; the rest of what comes stays unread.
  std::unique_ptr<testing::RawConnection> open_raw(const std::string& cookie,
                                                   const char* source = "127.0.0.1") {
    auto connection = std::make_unique<testing::RawConnection>(server_.port(), source);
    EXPECT_TRUE(connection->send("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " +
                                 cookie + "\r\nAccept: text/event-stream\r\n\r\n"));
    std::string head = connection->response();
    EXPECT_EQ(testing::RawConnection::status_of(head), 200) << head;
    EXPECT_NE(head.find("Transfer-Encoding: chunked"), std::string::npos) << head;
    return connection;
  }
  // Waits (bounded) until the hub holds `count` streams.
  bool open_streams_become(size_t count) {
    for (int i = 0; i < 500 && server_.app().events().open_streams() != count; ++i)
      std::this_thread::sleep_for(10ms);
    return server_.app().events().open_streams() == count;
  }
};

TEST_F(StreamLoopTest, OpenStreamsHoldNoThreads) {
  std::string anna = session_for("anna");
  // One first, so the workers that answer a request have started.
  auto first = open_raw(anna);
  const int before = threads_now();
  std::vector<std::unique_ptr<testing::RawConnection>> streams;
  // From two addresses: one may hold at most 256 connections.
  for (int i = 0; i < 300; ++i)
    streams.push_back(open_raw(anna, i % 2 ? "127.0.0.2" : "127.0.0.1"));
  ASSERT_EQ(server_.app().events().open_streams(), 301u);
  const int added = threads_now() - before;
  std::printf("threads before %d, with 300 more streams %d\n", before, before + added);
  // A thread per stream would add 300; the workers may grow by a few at most.
  EXPECT_LT(added, 16);

  // Every one of them is live: an event for everyone reaches each, after its retry frame.
  server_.app().events().publish("record.changed", {{"n", 1}}, events::Audience::all());
  for (auto& stream : streams) {
    std::string text = stream->read_until("event: record.changed\n");
    ASSERT_NE(text.find("retry: 2000"), std::string::npos) << text;
  }

  // Stopping ends each with the last chunk, then closes it.
  server_.app().stop();
  for (auto& stream : streams) {
    EXPECT_NE(stream->read_until("\r\n0\r\n\r\n"), "");
    EXPECT_TRUE(stream->closed_by_server(5s));
  }
}

TEST_F(StreamLoopTest, ReaderThatNeverReadsGetsResyncWhileAFastOneGetsEveryEvent) {
  std::string anna = session_for("anna");
  auto slow = open_raw(anna);
  SseReader fast(server_.port(), with_cookie(anna));
  ASSERT_EQ(fast.status(), 200);
  auto& hub = server_.app().events();
  // More than the slow reader's socket buffers and its queue (1,024 events) hold.
  const std::string filler(16 * 1024, 'x');
  const int kEvents = 3000;
  const std::int64_t first_id = hub.last_id() + 1;
  for (int sent = 0; sent < kEvents;) {
    // In steps the fast reader keeps up with, so only the slow one falls behind.
    for (int i = 0; i < 100; ++i, ++sent)
      hub.publish("record.changed", {{"n", sent}, {"filler", filler}}, events::Audience::all());
    for (int i = sent - 100; i < sent; ++i) {
      auto event = fast.next();
      ASSERT_TRUE(event) << i;
      ASSERT_EQ(event->type, "record.changed") << i;
      ASSERT_EQ(event->id, first_id + i);
    }
  }
  // Publishing never waited for the slow reader; now it reads what it was sent.
  std::string text = slow->read_until("event: resync\n", 10s);
  bool resynced = !text.empty();
  bool closed = !resynced && slow->closed_by_server(0ms);
  std::printf("the slow reader got %s\n", resynced ? "resync" : closed ? "closed" : "nothing");
  EXPECT_TRUE(resynced || closed);
  if (resynced) {
    std::string rest = slow->read_until("\n\n");
    EXPECT_NE(rest.find("\"reason\":\"overflow\""), std::string::npos) << rest;
  }
}

TEST_F(StreamLoopTest, PeerHangingUpFreesItsSlotAtOnce) {
  std::string anna = session_for("anna");
  auto kept = open_raw(anna);
  auto leaving = open_raw(anna);
  ASSERT_EQ(server_.app().events().open_streams(), 2u);
  // No event and no heartbeat (15 s) follows: the close itself ends the stream.
  leaving.reset();
  EXPECT_TRUE(open_streams_become(1));
  // The other stream is untouched.
  auto result = server_.client().Put("/api/me/state", with_cookie(anna),
                                     json{{"state", "ready"}}.dump(), "application/json");
  ASSERT_EQ(result->status, 200);
  EXPECT_NE(kept->read_until("event: agent.state\n"), "");
}

TEST_F(StreamLoopTest, SigningOutEndsTheStreamWithItsLastChunk) {
  std::string anna = session_for("anna");
  auto stream = open_raw(anna);
  ASSERT_EQ(server_.client().Delete("/api/session", with_cookie(anna))->status, 204);
  EXPECT_NE(stream->read_until("\r\n0\r\n\r\n"), "");
  EXPECT_TRUE(stream->closed_by_server(5s));
  EXPECT_TRUE(open_streams_become(0));
}

class SmallStreamLimitTest : public testing::AccountsFixture {
 protected:
  static Config config() {
    Config config;
    config.max_streams = 2;
    config.stream_reserve = 0;
    return config;
  }
  SmallStreamLimitTest() : AccountsFixture(config()) {}
};

TEST_F(SmallStreamLimitTest, AStreamWhosePeerLeftMakesRoomForANewOne) {
  std::string anna = session_for("anna");
  auto one = std::make_unique<SseReader>(server_.port(), with_cookie(anna));
  SseReader two(server_.port(), with_cookie(anna));
  ASSERT_EQ(one->status(), 200);
  ASSERT_EQ(two.status(), 200);
  EXPECT_EQ(server_.client().Get("/api/events", with_cookie(anna))->status, 503);
  one.reset();
  for (int i = 0; i < 500 && server_.app().events().open_streams() != 1; ++i)
    std::this_thread::sleep_for(10ms);
  ASSERT_EQ(server_.app().events().open_streams(), 1u);
  SseReader three(server_.port(), with_cookie(anna));
  EXPECT_EQ(three.status(), 200);
}

TEST(EventHub, SlowSubscriberGetsResyncInsteadOfGrowingItsQueue) {
  events::EventHub hub(
      {.ring_capacity = 100, .queue_capacity = 4, .max_streams = 10, .first_id = 1000});
  auto subscription = hub.subscribe({7, store::Role::Agent, "s"}, std::nullopt);
  ASSERT_TRUE(subscription.subscriber);
  for (int i = 0; i < 7; ++i)
    hub.publish("task.offered", {{"n", i}}, events::Audience::agent(7));
  auto batch = subscription.subscriber->wait(0ms);
  // Dropped at the 5th (id 1005); the resync tells the client to resume after it.
  EXPECT_EQ(batch.text.rfind("id: 1005\nevent: resync\n", 0), 0u) << batch.text;
  EXPECT_NE(batch.text.find("id: 1006\n"), std::string::npos);
  EXPECT_NE(batch.text.find("id: 1007\n"), std::string::npos);
  EXPECT_EQ(batch.text.find("id: 1004\n"), std::string::npos);
  EXPECT_EQ(subscription.subscriber->wait(0ms).text, "");
}

// The events queued on `s` now, taken.
int queued_events(const std::shared_ptr<events::Subscriber>& s) {
  std::string text = s->wait(0ms).text;
  int n = 0;
  for (size_t at = 0; (at = text.find("event: ", at)) != std::string::npos; ++at)
    ++n;
  return n;
}

TEST(EventHub, AudiencesPickTheirAgents) {
  events::EventHub hub;
  auto agent = hub.subscribe({1, store::Role::Agent, "a"}, std::nullopt).subscriber;
  auto other = hub.subscribe({2, store::Role::Agent, "b"}, std::nullopt).subscriber;
  auto admin = hub.subscribe({3, store::Role::Admin, "c"}, std::nullopt).subscriber;
  hub.publish("agent.state", {}, events::Audience::agent(1).and_role(store::Role::Supervisor));
  hub.publish("chat.message", {}, events::Audience::some({1, 2}));
  hub.publish("record.changed", {}, events::Audience::all());
  EXPECT_EQ(queued_events(agent), 3);
  EXPECT_EQ(queued_events(other), 2);
  EXPECT_EQ(queued_events(admin), 2);
  // A chat widget's conversation listens as a non-agent id: only its own events.
  auto widget = hub.subscribe({-42, store::Role::Agent, "w"}, std::nullopt).subscriber;
  hub.publish("record.changed", {}, events::Audience::all());
  hub.publish("agent.state", {}, events::Audience::agent(1).and_role(store::Role::Agent));
  hub.publish("chat.message", {}, events::Audience::agent(-42));
  EXPECT_EQ(queued_events(widget), 1);
  hub.shutdown();
  EXPECT_TRUE(agent->wait(1s).closed);
  EXPECT_EQ(hub.subscribe({1, store::Role::Agent, "a"}, std::nullopt).refusal,
            events::EventHub::Refusal::ShuttingDown);
}

// An event for some agents reaches their streams (each of them) and, with a role, the
// supervisors' and admins', through the hub's index: no other stream is touched, a
// supervisor also named hears it once, and a stream gone is gone from the index.
TEST(EventHub, AnAgentsEventReachesOnlyThatAgentAndTheSupervisors) {
  events::EventHub hub;
  std::vector<std::shared_ptr<events::Subscriber>> others;
  for (std::int64_t id = 10; id < 60; ++id)
    others.push_back(hub.subscribe({id, store::Role::Agent, "o"}, std::nullopt).subscriber);
  auto desk = hub.subscribe({1, store::Role::Agent, "a"}, std::nullopt).subscriber;
  auto laptop = hub.subscribe({1, store::Role::Agent, "b"}, std::nullopt).subscriber;
  auto sam = hub.subscribe({2, store::Role::Supervisor, "s"}, std::nullopt).subscriber;
  auto root = hub.subscribe({3, store::Role::Admin, "r"}, std::nullopt).subscriber;
  auto widget = hub.subscribe({-1, store::Role::Agent, "w"}, std::nullopt).subscriber;

  hub.publish("agent.state", {}, events::Audience::agent(1).and_role(store::Role::Supervisor));
  hub.publish("queue.changed", {},
              events::Audience::some({3, 1, 2, 1}).and_role(store::Role::Supervisor));
  hub.publish("agent.state", {}, events::Audience::agent(2).and_role(store::Role::Admin));
  EXPECT_EQ(queued_events(desk), 2);
  EXPECT_EQ(queued_events(laptop), 2);
  EXPECT_EQ(queued_events(sam), 3);  // named and a supervisor: once each
  EXPECT_EQ(queued_events(root), 3);
  EXPECT_EQ(queued_events(widget), 0);
  for (const auto& other : others)
    EXPECT_EQ(queued_events(other), 0);

  hub.unsubscribe(laptop);
  hub.unsubscribe(sam);
  hub.publish("agent.state", {}, events::Audience::agent(1).and_role(store::Role::Supervisor));
  EXPECT_EQ(queued_events(desk), 1);
  EXPECT_EQ(queued_events(laptop), 0);
  EXPECT_EQ(queued_events(sam), 0);
  EXPECT_EQ(queued_events(root), 1);
  // Ids as published are sorted once, so a late stream's replay reads them the same.
  auto late = hub.subscribe({2, store::Role::Agent, "l"}, hub.last_id() - 3).subscriber;
  EXPECT_EQ(queued_events(late), 2);  // the two that named agent 2, not agent 1's last
  EXPECT_EQ(hub.open_streams(), others.size() + 4);
}

// The stream loop writes what an event for a few streams (an offer) made ready before a
// fan-out to many that is still waiting, even a fan-out that reached the same stream
// first (issue 15: an offer waited behind 10,000 sends). Each kind in the order told.
TEST(EventHub, AnEventForAFewStreamsIsWrittenBeforeAFanOutWaiting) {
  events::EventHub hub;
  events::ReadyQueue ready(nullptr);
  std::vector<std::shared_ptr<events::Subscriber>> agents;
  for (std::int64_t id = 1; id <= 40; ++id) {
    agents.push_back(hub.subscribe({id, store::Role::Agent, "a"}, std::nullopt).subscriber);
    agents.back()->attach(&ready);
  }
  auto id_of = [](const std::shared_ptr<events::Subscriber>& s) {
    return s ? s->identity().agent_id : 0;
  };
  std::vector<std::int64_t> queue_agents;
  for (std::int64_t id = 1; id <= 20; ++id)
    queue_agents.push_back(id);
  hub.publish("record.changed", {}, events::Audience::all());
  hub.publish("queue.changed", {}, events::Audience::some(queue_agents));  // a fan-out too
  hub.publish("task.offered", {}, events::Audience::agent(30));            // waits in the first
  auto first = ready.next();
  ASSERT_EQ(id_of(first), 30);
  std::string text = first->take().text;
  EXPECT_LT(text.find("event: record.changed"), text.find("event: task.offered")) << text;
  // Then the fan-outs, first told first written: agent 30 has nothing left to write.
  for (std::int64_t id = 1; id <= 40; ++id) {
    auto next = ready.next();
    ASSERT_EQ(id_of(next), id);
    EXPECT_EQ(next->take().text.empty(), id == 30) << id;
  }
  EXPECT_EQ(ready.next(), nullptr);  // the queue.changed's streams were written already
  hub.publish("task.offered", {}, events::Audience::agent(7));
  EXPECT_EQ(id_of(ready.next()), 7);
  EXPECT_EQ(ready.next(), nullptr);
}

// The chat widget (web/help.js) and the desktop read these fields by name: typed
// events must reach the wire exactly as the hand-written JSON did before them.
TEST(EventHub, TypedEventsKeepTheFieldsTheWidgetAndDesktopRead) {
  events::EventHub hub;
  auto listener = hub.subscribe({1, store::Role::Agent, "s"}, std::nullopt).subscriber;
  auto published = [&](const care::EventData& data) {
    events::publish(hub, data, events::Audience::agent(1));
    std::string text = listener->wait(1s).text;
    std::string type_line = "event: " + std::string(care::event_type(data)) + "\ndata: ";
    size_t at = text.find(type_line);
    EXPECT_NE(at, std::string::npos) << text;
    if (at == std::string::npos) return json();
    at += type_line.size();
    return json::parse(text.substr(at, text.find('\n', at) - at));
  };
  EXPECT_EQ(published(care::ChatTyping{7, true}), json({{"activity", 7}, {"typing", true}}));
  EXPECT_EQ(published(care::ChatJoined{"Anna Petrova"}), json({{"agent", "Anna Petrova"}}));
  EXPECT_EQ(published(care::ChatEnded{}), json::object());
  EXPECT_EQ(published(care::ChatQueuePlace{3}), json({{"position", 3}}));
  EXPECT_EQ(published(care::QueueChanged{3}), json({{"queue", 3}}));
  care::Time since = care::time_from_unix_ms(testing::kStart);
  json presence = published(
      care::PresenceChanged{care::RecordType::customer, 9, {{2, "Sam Supervisor", true, since}}});
  EXPECT_EQ(presence, json({{"record", "customer"},
                            {"id", 9},
                            {"viewers",
                             {{{"agent", 2},
                               {"display_name", "Sam Supervisor"},
                               {"editing", true},
                               {"since", care::format_rfc3339(since)}}}}}));
  EXPECT_EQ(events::EventHub::resync_frame(5, "too_old").substr(0, 22), "id: 5\nevent: resync\nda");
}

}  // namespace
}  // namespace care::server
