// bench_offer_latency: N agents are Ready with their event streams open; a chat is
// ingested over and over, and the time from the ingest call returning to the
// `task.offered` frame being read on the offered agent's stream is taken. Between
// rounds the agent accepts and closes the task, so capacity never runs out. Runs at
// several headcounts to show how a routing decision grows with them (issue 15: it
// should not), and counts how many agents the first 40 offers went to (all agents
// are idle and equal, so the longest idle should take each: 40 distinct).
// Figures only, no pass/fail (issue 5, "Speed and scale").
//
//   bench_offer_latency [--agents N[,N...]] [--rounds R] [--warmup W] [--closed-tasks C]
//                       [--ready-clients K] [--queue-viewers P] [--server PATH] [--dir DIR]
//
// --agents defaults to 1000,5000,10000: one fresh server and database per size.
// --closed-tasks writes C closed tasks (with their activities) into the database
// before the server starts: a server some months into its life.
// --ready-clients: connections the agents go Ready over at once (default 64: on a
// floor every desktop is its own browser; the bench's threads stand for them).
// --queue-viewers: the percentage of agents whose desktop shows the queue list (default
// 5): they read it (GET /api/queue) once Ready and again on every queue.changed, as the
// desktop does, on 4 threads of the bench.
#include <sqlite3.h>
#include <sys/epoll.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>

#include "bench_support.hpp"

using namespace care::bench;

namespace {

constexpr const char* kUsage =
    "usage: bench_offer_latency [--agents N[,N...]] [--rounds R] [--warmup W]\n"
    "                           [--closed-tasks C] [--ready-clients K] [--queue-viewers P]\n"
    "                           [--server PATH] [--dir DIR]\n";

// How many distinct agents the first offers are counted over.
constexpr int kFairOffers = 40;

struct Options {
  int rounds = 200;
  int warmup = 10;
  long closed_tasks = 0;
  int ready_clients = 64;
  int queue_viewers_percent = 5;
  std::string server;
  std::string dir;
};

// One headcount's figures, for the summary table.
struct Figures {
  int agents = 0;
  double ready_ms = 0;
  double ingest_median = 0;
  double offer_median = 0, offer_p99 = 0;
  double accept_median = 0;
  double cpu_per_round = 0;
  double deciding_us = 0;        // the router's own time per round it ran (from /metrics)
  double frames_per_stream = 0;  // events each stream read a round, on average
  int distinct = 0;
  int fair_offers = 0;
  int queue_viewers = 0;
  double reloads_per_round = 0;  // GET /api/queue by the viewers, a round
  // The server's threads going to sleep (each one a wake-up later) per Ready request,
  // and per round; and put aside by others per Ready request (the machine's load).
  double ready_sleeps = 0, ready_preempted = 0;
  double round_sleeps = 0;
};

// The desktops that show the queue list: each reads it again on queue.changed (one read
// at a time per desktop, as the desktop's queue_pending_ does), on a few threads.
class QueueViewers {
 public:
  QueueViewers(int port, int threads) : port_(port) {
    for (int i = 0; i < threads; ++i)
      threads_.emplace_back([this] { work(); });
  }
  ~QueueViewers() {
    {
      std::lock_guard guard(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& thread : threads_)
      thread.join();
  }
  // Agent `index` saw queue.changed (or opened the list): it reads it once more.
  void reload(int index) {
    {
      std::lock_guard guard(mutex_);
      if (!pending_.insert(index).second) return;
      waiting_.push_back(index);
    }
    wake_.notify_one();
  }
  long reloads() const { return reloads_.load(); }

 private:
  void work() {
    for (;;) {
      int index = 0;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
        if (stopping_) return;
        index = waiting_.front();
        waiting_.pop_front();
        pending_.erase(index);
      }
      Connection connection(port_);
      auto reply = connection.exchange("GET", "/api/queue", token_for("agent", index));
      if (reply.status != 200) fail("GET /api/queue: " + reply.body);
      ++reloads_;
    }
  }
  const int port_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<int> waiting_;
  std::set<int> pending_;
  bool stopping_ = false;
  std::atomic<long> reloads_{0};
  std::vector<std::thread> threads_;
};

// An event stream read by the epoll loop: complete frames are split off and the
// `task.offered` ones are noted with the time their bytes were read.
struct Stream {
  int fd = -1;
  std::string pending;
  bool open = false;
  long frames = 0;
};

struct Offered {
  Clock::time_point at;
  int stream = -1;
};

// `count` agents serving `queue` (chats 3, emails 5: the defaults) with a session each,
// written in one transaction: 10,000 accounts through the store would be 30,000 fsyncs.
void write_agents(const fs::path& db_path, int count, care::Id queue) {
  sqlite3* db = nullptr;
  if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK) fail("open database");
  auto exec = [&](const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) fail(error ? error : sql);
  };
  exec("PRAGMA synchronous=OFF; BEGIN");
  sqlite3_stmt* agent = nullptr;
  sqlite3_stmt* session = nullptr;
  sqlite3_stmt* serves = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO agents(username, display_name, password_hash, role, created_at)"
                     " VALUES (?1, ?2, '!', 'agent', ?3)",
                     -1, &agent, nullptr);
  sqlite3_prepare_v2(db,
                     "INSERT INTO sessions(token_hash, agent_id, created_at, expires_at)"
                     " VALUES (?1, ?2, ?3, ?4)",
                     -1, &session, nullptr);
  sqlite3_prepare_v2(db, "INSERT INTO agent_queues(agent_id, queue_id) VALUES (?1, ?2)", -1,
                     &serves, nullptr);
  const std::int64_t now = wall_ms();
  for (int i = 0; i < count; ++i) {
    const std::string username = "agent" + std::to_string(i);
    const std::string display = "Bench " + std::to_string(i);
    sqlite3_bind_text(agent, 1, username.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(agent, 2, display.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(agent, 3, now);
    if (sqlite3_step(agent) != SQLITE_DONE) fail(sqlite3_errmsg(db));
    sqlite3_reset(agent);
    const sqlite3_int64 id = sqlite3_last_insert_rowid(db);
    const std::string hash = care::server::auth::token_hash(token_for("agent", i));
    sqlite3_bind_text(session, 1, hash.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(session, 2, id);
    sqlite3_bind_int64(session, 3, now);
    sqlite3_bind_int64(session, 4, now + 24LL * 3600 * 1000);
    if (sqlite3_step(session) != SQLITE_DONE) fail(sqlite3_errmsg(db));
    sqlite3_reset(session);
    sqlite3_bind_int64(serves, 1, id);
    sqlite3_bind_int64(serves, 2, queue);
    if (sqlite3_step(serves) != SQLITE_DONE) fail(sqlite3_errmsg(db));
    sqlite3_reset(serves);
  }
  sqlite3_finalize(agent);
  sqlite3_finalize(session);
  sqlite3_finalize(serves);
  exec("COMMIT");
  sqlite3_close(db);
}

void write_closed_tasks(const fs::path& db_path, long count, care::Id queue) {
  sqlite3* db = nullptr;
  if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK) fail("open database");
  auto exec = [&](const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) fail(error ? error : sql);
  };
  exec("PRAGMA synchronous=OFF; BEGIN");
  sqlite3_stmt* activity = nullptr;
  sqlite3_stmt* task = nullptr;
  sqlite3_prepare_v2(
      db,
      "INSERT INTO activities(media, from_address, created_at, updated_at, closed_at,"
      " wrap_up_code) VALUES ('chat', 'old@example.com', ?1, ?1, ?1, 'resolved')",
      -1, &activity, nullptr);
  sqlite3_prepare_v2(db,
                     "INSERT INTO tasks(activity_id, queue_id, channel, state, enqueued_at,"
                     " assigned_at, closed_at) VALUES (?1, ?2, 'chat', 'closed', ?3, ?3, ?3)",
                     -1, &task, nullptr);
  std::int64_t at = wall_ms() - count * 1000;
  for (long i = 0; i < count; ++i, at += 1000) {
    sqlite3_bind_int64(activity, 1, at);
    if (sqlite3_step(activity) != SQLITE_DONE) fail(sqlite3_errmsg(db));
    sqlite3_reset(activity);
    sqlite3_bind_int64(task, 1, sqlite3_last_insert_rowid(db));
    sqlite3_bind_int64(task, 2, queue);
    sqlite3_bind_int64(task, 3, at);
    if (sqlite3_step(task) != SQLITE_DONE) fail(sqlite3_errmsg(db));
    sqlite3_reset(task);
  }
  sqlite3_finalize(activity);
  sqlite3_finalize(task);
  exec("COMMIT");
  sqlite3_close(db);
}

Figures run(int agents, const Options& options) {
  const int rounds = options.rounds;
  const int warmup = options.warmup;
  const long closed_tasks = options.closed_tasks;
  const std::string& server = options.server;
  std::printf("\n== %d agents ==\n", agents);
  fs::path root = work_dir(options.dir, "offer-" + std::to_string(agents));
  fs::path db_path = root / "data" / "care.db";
  auto seeding = Clock::now();
  care::Id queue_id = 0;
  {
    care::server::store::SqliteStore store(db_path.string());
    care::Queue queue;
    queue.name = "Chat";
    queue.priority = 1;
    queue_id = store.create_queue(queue).id;
  }
  write_agents(db_path, agents, queue_id);
  if (closed_tasks > 0) write_closed_tasks(db_path, closed_tasks, queue_id);
  std::printf("seeded %d agents serving one queue (and %ld closed tasks) in %.0f ms\n", agents,
              closed_tasks, ms(Clock::now() - seeding));

  // Every round's chat comes from this one address: the per-address limit is off.
  ServerProcess process(
      server, root / "data",
      {"--max-streams", std::to_string(std::max(agents + 10, 1000)), "--max-connections",
       std::to_string(agents + 1000), "--max-connections-per-address",
       std::to_string(agents + 1000), "--chat-starts-per-address", "0"});
  const int port = process.port();

  // Every agent's stream, read by one epoll loop; slot `agents` is the ingest call.
  int epoll = ::epoll_create1(EPOLL_CLOEXEC);
  std::vector<Stream> streams(static_cast<size_t>(agents));
  auto opening = Clock::now();
  for (int i = 0; i < agents; ++i) {
    Stream& stream = streams[static_cast<size_t>(i)];
    stream.fd = connect_to(port);
    send_all(stream.fd, request_text("GET", "/api/events", token_for("agent", i), "",
                                     "Accept: text/event-stream\r\n"));
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u32 = static_cast<uint32_t>(i);
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, stream.fd, &event);
  }

  std::unordered_map<long long, Offered> offered;  // task id → when its offer was read
  const int viewers = agents * options.queue_viewers_percent / 100;
  std::optional<QueueViewers> queue_viewers;  // started once everyone is Ready
  long queue_news = 0;                        // queue.changed frames read, all streams
  auto read_stream = [&](int index, Clock::time_point now) {
    Stream& stream = streams[static_cast<size_t>(index)];
    char buffer[65536];
    for (;;) {
      ssize_t n = ::recv(stream.fd, buffer, sizeof buffer, MSG_DONTWAIT);
      if (n == 0) fail("the server closed stream " + std::to_string(index));
      if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) return;
        fail("recv");
      }
      stream.pending.append(buffer, static_cast<size_t>(n));
      if (!stream.open) {
        auto end = stream.pending.find("\r\n\r\n");
        if (end == std::string::npos) continue;
        if (stream.pending.rfind("HTTP/1.1 200", 0) != 0) {
          fail("stream refused: " + stream.pending.substr(0, 60));
        }
        stream.open = true;
        stream.pending.erase(0, end + 4);
      }
      size_t end;
      while ((end = stream.pending.find("\n\n")) != std::string::npos) {
        std::string_view frame(stream.pending.data(), end);
        ++stream.frames;
        if (frame.find("event: queue.changed\n") != std::string_view::npos) {
          ++queue_news;
          if (index < viewers && queue_viewers) queue_viewers->reload(index);
        }
        if (frame.find("event: task.offered\n") != std::string_view::npos) {
          auto at = frame.find("\"task\":");
          if (at != std::string_view::npos) {
            long long task = std::atoll(stream.pending.c_str() + at + 7);
            offered[task] = Offered{now, index};
          }
        }
        stream.pending.erase(0, end + 2);
      }
    }
  };

  // The ingest call on its own socket in the same loop, so its reply is timed on
  // arrival exactly like the frames. A fresh connection each round: the server ends
  // idle keep-alive connections and caps the requests on one (cpp-httplib's
  // defaults), and connecting is not part of what is timed.
  int ingest_fd = -1;
  const uint32_t kIngestSlot = static_cast<uint32_t>(agents);
  auto reconnect_ingest = [&] {
    if (ingest_fd >= 0) ::close(ingest_fd);
    ingest_fd = connect_to(port);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u32 = kIngestSlot;
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, ingest_fd, &event);
  };
  std::string ingest_buffer;
  std::optional<Clock::time_point> ingest_returned;
  std::string ingest_body;
  int ingest_status = 0;
  auto read_ingest = [&](Clock::time_point now) {
    char buffer[65536];
    for (;;) {
      ssize_t n = ::recv(ingest_fd, buffer, sizeof buffer, MSG_DONTWAIT);
      if (n == 0) break;  // closed after its reply; the next round reconnects
      if (n < 0) break;
      ingest_buffer.append(buffer, static_cast<size_t>(n));
    }
    auto end = ingest_buffer.find("\r\n\r\n");
    if (end == std::string::npos) return;
    std::string head = ingest_buffer.substr(0, end);
    for (auto& ch : head)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto at = head.find("content-length:");
    size_t length = at == std::string::npos ? 0 : std::strtoul(head.c_str() + at + 15, nullptr, 10);
    if (ingest_buffer.size() < end + 4 + length) return;
    ingest_status = std::atoi(ingest_buffer.c_str() + 9);
    ingest_body = ingest_buffer.substr(end + 4, length);
    ingest_buffer.erase(0, end + 4 + length);
    ingest_returned = now;
  };

  std::vector<epoll_event> ready(static_cast<size_t>(agents) + 1);
  auto pump = [&](int timeout_ms) {
    int n = ::epoll_wait(epoll, ready.data(), static_cast<int>(ready.size()), timeout_ms);
    auto now = Clock::now();
    for (int k = 0; k < n; ++k) {
      uint32_t slot = ready[static_cast<size_t>(k)].data.u32;
      if (slot == kIngestSlot)
        read_ingest(now);
      else
        read_stream(static_cast<int>(slot), now);
    }
    return n;
  };
  // Reads until nothing has arrived for `quiet_ms`: what the last round sent the
  // streams has arrived and the next round starts on an idle server.
  auto settle = [&](int quiet_ms) {
    while (pump(quiet_ms) > 0) {
    }
  };

  while (!std::all_of(streams.begin(), streams.end(), [](const Stream& s) { return s.open; })) {
    if (Clock::now() - opening > std::chrono::seconds(60)) fail("streams did not all open in 60 s");
    pump(100);
  }
  std::printf("opened %d streams in %.0f ms\n", agents, ms(Clock::now() - opening));

  // Everyone Ready, through the API, over several connections at once as a floor of
  // desktops would.
  auto readying = Clock::now();
  const ContextSwitches switches_before_ready = context_switches(process.pid());
  {
    std::vector<std::thread> clients;
    const int k = std::max(1, std::min(options.ready_clients, agents));
    for (int c = 0; c < k; ++c) {
      clients.emplace_back([&, c] {
        Connection connection(port);
        for (int i = c; i < agents; i += k) {
          auto reply = connection.exchange("PUT", "/api/me/state", token_for("agent", i),
                                           R"({"state":"ready"})");
          if (reply.status != 200) fail("PUT /api/me/state: " + reply.body);
        }
      });
    }
    for (auto& client : clients)
      client.join();
  }
  const double ready_ms = ms(Clock::now() - readying);
  const ContextSwitches switches_after_ready = context_switches(process.pid());
  settle(50);
  // The desktops showing the queue list open it.
  queue_viewers.emplace(port, 4);
  for (int i = 0; i < viewers; ++i)
    queue_viewers->reload(i);
  settle(50);
  std::printf("%d agents Ready in %.0f ms over %d connections (%.0f ms until quiet)\n", agents,
              ready_ms, std::min(options.ready_clients, agents), ms(Clock::now() - readying));
  const double ready_sleeps =
      static_cast<double>(switches_after_ready.voluntary - switches_before_ready.voluntary) /
      agents;
  const double ready_preempted =
      static_cast<double>(switches_after_ready.involuntary - switches_before_ready.involuntary) /
      agents;
  std::printf(
      "  server threads went to sleep %.2f times a Ready request (each a wake-up later),"
      " were put aside %.2f times\n",
      ready_sleeps, ready_preempted);
  Connection api(port);
  // The router's rounds and the time they spent deciding, as /metrics counts them.
  auto router_effort = [&] {
    auto reply = api.exchange("GET", "/metrics", "");
    auto value = [&](const std::string& name) {
      auto at = reply.body.find("\n" + name + " ");
      return at == std::string::npos ? 0.0 : std::atof(reply.body.c_str() + at + name.size() + 2);
    };
    return std::pair(value("care_routing_rounds_total"),
                     value("care_routing_deciding_seconds_total"));
  };
  auto effort_before = router_effort();

  const std::string chat =
      R"({"name":"Мария Иванова","email":"bench@example.bg","question":"My router blinks red",)"
      R"("visitor":{"authenticated":false,"browser":"Chromium","operating_system":"Linux",)"
      R"("location":"Europe/Sofia","language":"bg"}})";
  const std::string ingest_request = request_text("POST", "/api/channels/chat", "", chat);
  const std::string close_body = R"({"unknown_contact":"leave_without","wrap_up":"resolved"})";

  std::vector<double> call_ms, after_return_ms, after_send_ms, accept_ms, close_ms;
  // Per measured round: the offer's time after the reply, and what the bench read on all
  // streams between sending the ingest and reading the offer (where a slow offer waited).
  struct RoundTrace {
    double offer_ms = 0;
    long frames = 0;
    long queue_news = 0;
  };
  std::vector<RoundTrace> traces;
  int offer_first = 0;
  std::map<int, int> offered_to;  // stream → offers, to show who the router picks
  std::set<int> first_offers_to;  // who got the first kFairOffers of the run
  int first_offers = 0;
  double server_cpu_before = cpu_ms(process.pid());
  ContextSwitches switches_before = context_switches(process.pid());
  auto measuring = Clock::now();
  // Events read on all streams: how many a round reach each desktop (issue 15).
  auto frames_read = [&] {
    long total = 0;
    for (const Stream& s : streams)
      total += s.frames;
    return total;
  };
  long frames_before = frames_read();
  long reloads_before = queue_viewers->reloads();
  for (int round = 0; round < warmup + rounds; ++round) {
    if (round == warmup) {
      server_cpu_before = cpu_ms(process.pid());
      switches_before = context_switches(process.pid());
      effort_before = router_effort();
      frames_before = frames_read();
      reloads_before = queue_viewers->reloads();
      measuring = Clock::now();
    }
    ingest_returned.reset();
    ingest_buffer.clear();
    reconnect_ingest();
    const long frames_at_send = frames_read();
    const long news_at_send = queue_news;
    auto sent = Clock::now();
    send_all(ingest_fd, ingest_request);
    auto deadline = sent + std::chrono::seconds(10);
    long long task = 0;
    while (true) {
      if (Clock::now() > deadline) fail("round " + std::to_string(round) + ": no offer in 10 s");
      if (ingest_returned && task == 0) {
        if (ingest_status != 201) fail("POST /api/channels/chat: " + ingest_body);
        task = nlohmann::json::parse(ingest_body)["task"]["id"].get<long long>();
      }
      if (task != 0 && offered.count(task)) break;
      pump(20);
    }
    Offered offer = offered[task];
    offered.erase(task);
    if (first_offers < kFairOffers) {
      ++first_offers;
      first_offers_to.insert(offer.stream);
    }
    if (round >= warmup) {
      call_ms.push_back(ms(*ingest_returned - sent));
      double after = ms(offer.at - *ingest_returned);
      if (after < 0) ++offer_first;
      after_return_ms.push_back(std::max(after, 0.0));
      after_send_ms.push_back(ms(offer.at - sent));
      ++offered_to[offer.stream];
      traces.push_back(
          {std::max(after, 0.0), frames_read() - frames_at_send, queue_news - news_at_send});
    }
    // The agent takes it and closes it: capacity is free again for the next round.
    std::string token = token_for("agent", offer.stream);
    std::string path = "/api/tasks/" + std::to_string(task);
    auto started = Clock::now();
    auto accepted = api.exchange("POST", path + "/accept", token, "{}");
    if (accepted.status != 200) fail("accept: " + accepted.body);
    auto accepted_at = Clock::now();
    auto closed = api.exchange("POST", path + "/close", token, close_body);
    if (closed.status != 200) fail("close: " + closed.body);
    if (round >= warmup) {
      accept_ms.push_back(ms(accepted_at - started));
      close_ms.push_back(ms(Clock::now() - accepted_at));
    }
    settle(15);
  }
  double measured_s = ms(Clock::now() - measuring) / 1000;
  const double frames_per_stream =
      static_cast<double>(frames_read() - frames_before) / agents / rounds;
  const double reloads_per_round =
      static_cast<double>(queue_viewers->reloads() - reloads_before) / rounds;
  queue_viewers.reset();
  double server_cpu = cpu_ms(process.pid()) - server_cpu_before;
  const double round_sleeps =
      static_cast<double>(context_switches(process.pid()).voluntary - switches_before.voluntary) /
      rounds;
  auto effort_after = router_effort();
  const double router_rounds = effort_after.first - effort_before.first;
  const double deciding_us =
      router_rounds > 0 ? (effort_after.second - effort_before.second) * 1e6 / router_rounds : 0;
  ProcStatus status = proc_status(process.pid());

  double stop_ms = process.stop();
  for (Stream& s : streams)
    ::close(s.fd);
  ::close(ingest_fd);
  ::close(epoll);
  fs::remove_all(root);

  std::printf(
      "server: %ld threads, RSS %.1f MB; %.0f ms CPU over %d rounds (%.2f ms a round,"
      " ingest, offer, accept, close and what they sent %d streams)\n",
      status.threads, static_cast<double>(status.rss_kb) / 1024, server_cpu, rounds,
      server_cpu / rounds, agents);
  std::printf(
      "chat ingested → task.offered on the agent's stream, %d rounds, %d agents Ready,"
      " %ld closed tasks before (%.1f s):\n",
      rounds, agents, closed_tasks, measured_s);
  print_latency("POST /api/channels/chat", call_ms);
  print_latency("offer after the call returned", after_return_ms);
  print_latency("offer after the call was sent", after_send_ms);
  print_latency("POST …/accept", accept_ms);
  print_latency("POST …/close", close_ms);
  std::printf(
      "  the offer was read before the ingest reply in %d of %d rounds (counted as 0 ms"
      " above)\n",
      offer_first, rounds);
  std::printf("  offers went to %zu distinct agent(s); most to one agent: %d\n", offered_to.size(),
              offered_to.empty()
                  ? 0
                  : std::max_element(offered_to.begin(), offered_to.end(), [](auto& a, auto& b) {
                      return a.second < b.second;
                    })->second);
  std::printf("  the first %d offers went to %zu distinct agents\n", first_offers,
              first_offers_to.size());
  std::printf(
      "  the router ran %.0f rounds (ingest, accept, close and its timer wake it),"
      " deciding for %.1f µs each\n",
      router_rounds, deciding_us);
  std::printf("  each stream read %.2f events a round\n", frames_per_stream);
  std::printf("  server threads went to sleep %.1f times a round\n", round_sleeps);
  std::printf("  %d desktops show the queue list: %.1f reloads (GET /api/queue) a round\n", viewers,
              reloads_per_round);
  // Where the slowest offers waited: what else the bench read on all streams meanwhile.
  std::sort(traces.begin(), traces.end(),
            [](const RoundTrace& a, const RoundTrace& b) { return a.offer_ms > b.offer_ms; });
  std::printf(
      "  slowest offers (ms after the reply: frames read on all streams meanwhile,"
      " of them queue.changed):");
  for (size_t i = 0; i < std::min<size_t>(5, traces.size()); ++i) {
    std::printf(" %.2f: %ld, %ld;", traces[i].offer_ms, traces[i].frames, traces[i].queue_news);
  }
  std::printf("\n");
  std::printf("server stopped (SIGTERM) in %.0f ms\n", stop_ms);

  Figures figures;
  figures.agents = agents;
  figures.ready_ms = ready_ms;
  figures.ingest_median = percentile(call_ms, 0.5);
  figures.offer_median = percentile(after_return_ms, 0.5);
  figures.offer_p99 = percentile(after_return_ms, 0.99);
  figures.accept_median = percentile(accept_ms, 0.5);
  figures.cpu_per_round = server_cpu / rounds;
  figures.deciding_us = deciding_us;
  figures.frames_per_stream = frames_per_stream;
  figures.distinct = static_cast<int>(first_offers_to.size());
  figures.fair_offers = first_offers;
  figures.queue_viewers = viewers;
  figures.reloads_per_round = reloads_per_round;
  figures.ready_sleeps = ready_sleeps;
  figures.ready_preempted = ready_preempted;
  figures.round_sleeps = round_sleeps;
  return figures;
}

}  // namespace

int main(int argc, char** argv) {
  g_name = "bench_offer_latency";
  Flags flags(argc, argv,
              {"--agents", "--rounds", "--warmup", "--closed-tasks", "--ready-clients",
               "--queue-viewers", "--server", "--dir"},
              kUsage);
  Options options;
  options.rounds = flags.integer("--rounds", options.rounds);
  options.warmup = flags.integer("--warmup", options.warmup);
  options.closed_tasks = flags.integer("--closed-tasks", 0);
  options.ready_clients = flags.integer("--ready-clients", options.ready_clients);
  options.queue_viewers_percent =
      std::clamp(flags.integer("--queue-viewers", options.queue_viewers_percent), 0, 100);
  options.server = flags.text("--server", CARE_SERVER_BIN);
  options.dir = flags.text("--dir", "");
  const std::vector<int> sizes = headcounts(flags.text("--agents", "1000,5000,10000"));
  if (sizes.empty() || options.rounds < 1) {
    std::fprintf(stderr, "%s", kUsage);
    return 2;
  }
  raise_fd_limit();
  std::printf("bench_offer_latency: %u cores, %d rounds (+%d warm-up) per size\n",
              std::thread::hardware_concurrency(), options.rounds, options.warmup);

  std::vector<Figures> all;
  for (int agents : sizes)
    all.push_back(run(agents, options));

  std::printf(
      "\n(offer: from the ingest reply to the task.offered frame; ingest: the POST itself)\n"
      "(sleeps: the server's threads going to sleep, each a wake-up later)\n"
      "%8s | %9s | %13s | %12s | %12s | %13s | %12s | %14s | %15s | %15s | %12s | %12s | %s\n",
      "agents", "all Ready", "ingest median", "offer median", "offer p99", "accept median",
      "CPU a round", "router decides", "events a stream", "queue reloads", "sleeps/Ready",
      "sleeps/round", "distinct of first offers");
  for (const Figures& f : all) {
    std::printf(
        "%8d | %6.0f ms | %10.3f ms | %9.3f ms | %9.3f ms | %10.3f ms | %9.2f ms | %8.1f µs | "
        "%15.2f | %5d: %7.1f | %12.2f | %12.1f | %d of %d\n",
        f.agents, f.ready_ms, f.ingest_median, f.offer_median, f.offer_p99, f.accept_median,
        f.cpu_per_round, f.deciding_us, f.frames_per_stream, f.queue_viewers, f.reloads_per_round,
        f.ready_sleeps, f.round_sleeps, f.distinct, f.fair_offers);
  }
  if (all.size() > 1) {
    const Figures& a = all.front();
    const Figures& b = all.back();
    std::printf(
        "growth %d → %d agents (×%.0f): offer median ×%.2f, accept median ×%.2f,"
        " CPU a round ×%.2f\n",
        a.agents, b.agents, static_cast<double>(b.agents) / a.agents,
        b.offer_median / std::max(a.offer_median, 1e-3),
        b.accept_median / std::max(a.accept_median, 1e-3),
        b.cpu_per_round / std::max(a.cpu_per_round, 1e-3));
  }
  return 0;
}
