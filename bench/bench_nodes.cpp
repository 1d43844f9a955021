// bench_nodes: issue 17's scale-out benchmark. K care-server nodes (default 4) on one
// PostgreSQL database, N simulated agents spread over them: each agent's event stream
// and its Ready go to node (agent mod K). A chat is ingested through each node in turn
// and timed from the ingest call's reply to the task.offered frame on whichever stream
// it reaches; the offered agent accepts and closes it through its own node. Then an
// edit of one customer, through each node in turn, is timed to every stream
// (record.changed goes to every desktop): the fan-out. Prints offer latency, fan-out,
// and each node's RSS and CPU. Figures only, no pass/fail (issue 5, "Speed and scale").
//
//   bench_nodes [--agents N[,N...]] [--nodes K] [--rounds R] [--warmup W] [--edits E]
//               [--ready-clients C] [--server PATH] [--dir DIR]
//
// --agents defaults to 250,1000,10000: one fresh database and fresh nodes per size, on
// one throw-away PostgreSQL cluster the bench starts (tests/server/postgres_cluster.*)
// with PostgreSQL's own durability (fsync and synchronous_commit on).
// --ready-clients: connections per node the agents go Ready over at once (default 16).
// Where routing is decided per node, another node may offer a task the first node
// already offered: the bench counts tasks offered to more than one agent, so the figures
// say which routing they measured.
#include <sys/epoll.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_map>

#include "bench_support.hpp"
#include "postgres_cluster.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/postgres/postgres_store.hpp"

using namespace care::bench;
namespace pg = care::server::store::pg;
using nlohmann::json;

namespace {

constexpr const char* kUsage =
    "usage: bench_nodes [--agents N[,N...]] [--nodes K] [--rounds R] [--warmup W]\n"
    "                   [--edits E] [--ready-clients C] [--server PATH] [--dir DIR]\n";

struct Options {
  int nodes = 4;
  int rounds = 200;
  int warmup = 10;
  int edits = 20;
  int ready_clients = 16;
  std::string server;
  std::string dir;
};

struct NodeFigures {
  double rss_mb = 0;
  double cpu_ms = 0;  // over the measured offer rounds and edits
  long threads = 0;
};

struct Figures {
  int agents = 0;
  double ready_ms = 0;
  double offer_median = 0, offer_p99 = 0;
  double accept_median = 0;
  double fanout_median = 0, fanout_p99 = 0, fanout_last_median = 0;
  int offered_twice = 0;  // tasks offered to more than one agent
  int accept_refused = 0;
  int rounds = 0;
  std::vector<NodeFigures> nodes;
};

// `count` agents serving one queue, each with a session, in one transaction.
care::Id seed(const std::string& conninfo, int count) {
  care::Id queue_id = 0;
  {
    care::server::store::PostgresStore store(conninfo, 2);
    care::Queue queue;
    queue.name = "Chat";
    queue.priority = 1;
    queue_id = store.create_queue(queue).id;
  }
  pg::Connection db(conninfo);
  const std::int64_t now = wall_ms();
  std::vector<std::string> usernames, hashes;
  for (int i = 0; i < count; ++i) {
    usernames.push_back("agent" + std::to_string(i));
    hashes.push_back(care::server::auth::token_hash(token_for("agent", i)));
  }
  pg::Transaction transaction(db);
  db.query(
      "INSERT INTO agents(username, display_name, password_hash, role, created_at)"
      " SELECT u, 'Bench ' || substr(u, 6), '!', 'agent', $2::bigint"
      " FROM unnest($1::text[]) WITH ORDINALITY AS t(u, n) ORDER BY n",
      pg::text_array(usernames), now);
  db.query(
      "INSERT INTO sessions(token_hash, agent_id, created_at, expires_at)"
      " SELECT h, a.id, $3::bigint, $3::bigint + 86400000"
      " FROM unnest($1::text[], $2::text[]) AS t(h, u) JOIN agents a ON a.username = t.u",
      pg::text_array(hashes), pg::text_array(usernames), now);
  db.query(
      "INSERT INTO agent_queues(agent_id, queue_id) SELECT id, $1::bigint FROM agents"
      " WHERE role = 'agent'",
      queue_id);
  transaction.commit();
  return queue_id;
}

// Every agent's event stream, read on one thread by epoll. It notes when each
// task.offered frame (by task and stream) and each record.changed frame (by version)
// was read, for the bench's main thread to wait on.
class Streams {
 public:
  Streams(const std::vector<int>& ports, int agents) : streams_(static_cast<size_t>(agents)) {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    for (int i = 0; i < agents; ++i) {
      Stream& stream = streams_[static_cast<size_t>(i)];
      stream.fd = connect_to(ports[static_cast<size_t>(i) % ports.size()]);
      send_all(stream.fd, request_text("GET", "/api/events", token_for("agent", i), "",
                                       "Accept: text/event-stream\r\n"));
      epoll_event event{};
      event.events = EPOLLIN;
      event.data.u32 = static_cast<uint32_t>(i);
      ::epoll_ctl(epoll_, EPOLL_CTL_ADD, stream.fd, &event);
    }
    reader_ = std::thread([this] { read_all(); });
  }
  ~Streams() {
    stopping_ = true;
    reader_.join();
    for (Stream& stream : streams_)
      ::close(stream.fd);
    ::close(epoll_);
  }

  struct Offer {
    Clock::time_point at;
    int stream = -1;
  };

  // Waits until every stream has its response head.
  bool wait_open(std::chrono::seconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return open_ == streams_.size(); });
  }
  // The first offer of `task` read, waiting for it.
  std::optional<Offer> first_offer(long long task, std::chrono::seconds timeout) {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, timeout, [&] { return offers_.count(task) != 0; }))
      return std::nullopt;
    return offers_[task].front();
  }
  // When each stream read record.changed with `version` of the customer, once all have.
  std::optional<std::vector<Clock::time_point>> changed(long long version,
                                                        std::chrono::seconds timeout) {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, timeout,
                           [&] { return changes_[version].size() == streams_.size(); })) {
      return std::nullopt;
    }
    return changes_[version];
  }
  // Tasks that reached more than one agent as offers.
  int offered_more_than_once() {
    std::lock_guard lock(mutex_);
    int twice = 0;
    for (const auto& [task, offers] : offers_) {
      std::set<int> agents;
      for (const Offer& offer : offers)
        agents.insert(offer.stream);
      if (agents.size() > 1) ++twice;
    }
    return twice;
  }
  void watch_customer(long long id) {
    std::lock_guard lock(mutex_);
    customer_ = id;
  }

 private:
  struct Stream {
    int fd = -1;
    bool open = false;
    std::string pending;
  };

  void read_all() {
    std::vector<epoll_event> ready(1024);
    char buffer[65536];
    while (!stopping_) {
      int n = ::epoll_wait(epoll_, ready.data(), static_cast<int>(ready.size()), 50);
      const auto now = Clock::now();
      for (int k = 0; k < n; ++k) {
        const int index = static_cast<int>(ready[static_cast<size_t>(k)].data.u32);
        Stream& stream = streams_[static_cast<size_t>(index)];
        for (;;) {
          ssize_t got = ::recv(stream.fd, buffer, sizeof buffer, MSG_DONTWAIT);
          if (got == 0) fail("a node closed stream " + std::to_string(index));
          if (got < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) break;
            fail("recv");
          }
          stream.pending.append(buffer, static_cast<size_t>(got));
        }
        take_frames(index, stream, now);
      }
    }
  }

  void take_frames(int index, Stream& stream, Clock::time_point now) {
    if (!stream.open) {
      auto end = stream.pending.find("\r\n\r\n");
      if (end == std::string::npos) return;
      if (stream.pending.rfind("HTTP/1.1 200", 0) != 0)
        fail("stream refused: " + stream.pending.substr(0, 80));
      stream.pending.erase(0, end + 4);
      stream.open = true;
      std::lock_guard lock(mutex_);
      ++open_;
      changed_.notify_all();
    }
    // Chunked: a chunk is one or more whole frames, so frames are found between the
    // chunk size lines by their blank line; the data line is all that is parsed.
    size_t end;
    while ((end = stream.pending.find("\n\n")) != std::string::npos) {
      const std::string frame = stream.pending.substr(0, end);
      stream.pending.erase(0, end + 2);
      const bool offered = frame.find("event: task.offered\n") != std::string::npos;
      const bool record = frame.find("event: record.changed\n") != std::string::npos;
      if (!offered && !record) continue;
      auto at = frame.find("\ndata: ");
      if (at == std::string::npos) continue;
      json data = json::parse(frame.substr(at + 7), nullptr, false);
      if (data.is_discarded()) continue;
      std::lock_guard lock(mutex_);
      if (offered) {
        offers_[data.value("task", 0LL)].push_back({now, index});
      } else if (data.value("type", "") == "customer" && data.value("id", 0LL) == customer_) {
        changes_[data.value("version", 0LL)].push_back(now);
      }
      changed_.notify_all();
    }
  }

  std::vector<Stream> streams_;
  int epoll_ = -1;
  std::atomic<bool> stopping_{false};
  std::thread reader_;
  std::mutex mutex_;
  std::condition_variable changed_;
  size_t open_ = 0;
  std::unordered_map<long long, std::vector<Offer>> offers_;
  std::unordered_map<long long, std::vector<Clock::time_point>> changes_;
  long long customer_ = 0;
};

Figures run(int agents, const Options& options, care::test::PostgresCluster& cluster) {
  std::printf("\n== %d agents over %d nodes ==\n", agents, options.nodes);
  const std::string conninfo = cluster.create_migrated_database();
  const std::string uri = cluster.uri(conninfo.substr(conninfo.find("dbname=") + 7));
  auto seeding = Clock::now();
  seed(conninfo, agents);
  std::printf("seeded %d agents serving one queue in %.0f ms\n", agents,
              ms(Clock::now() - seeding));

  fs::path root = work_dir(options.dir, "nodes-" + std::to_string(agents));
  std::vector<std::unique_ptr<ServerProcess>> nodes;
  std::vector<int> ports;
  const std::string room = std::to_string(agents + 1000);
  for (int k = 0; k < options.nodes; ++k) {
    fs::path data = root / ("node" + std::to_string(k)) / "data";
    fs::create_directories(data);
    nodes.push_back(std::make_unique<ServerProcess>(
        options.server, data,
        std::vector<std::string>{"--database", uri, "--max-streams", room, "--max-connections",
                                 room, "--max-connections-per-address", room,
                                 "--chat-starts-per-address", "0", "--chat-starts-per-origin",
                                 "0"}));
    ports.push_back(nodes.back()->port());
  }

  auto opening = Clock::now();
  auto held = std::make_unique<Streams>(ports, agents);
  Streams& streams = *held;
  if (!streams.wait_open(std::chrono::seconds(120))) fail("streams did not all open in 120 s");
  std::printf("opened %d streams in %.0f ms\n", agents, ms(Clock::now() - opening));

  // Everyone Ready through their own node, over a few connections per node at once.
  auto readying = Clock::now();
  {
    std::vector<std::thread> clients;
    const int per_node = std::max(1, options.ready_clients);
    const int k = options.nodes;
    for (int node = 0; node < k; ++node) {
      for (int c = 0; c < per_node; ++c) {
        clients.emplace_back([&, node, c] {
          Connection connection(ports[static_cast<size_t>(node)]);
          for (int i = node + c * k; i < agents; i += k * per_node) {
            auto reply = connection.exchange("PUT", "/api/me/state", token_for("agent", i),
                                             R"({"state":"ready"})");
            if (reply.status != 200) fail("PUT /api/me/state: " + reply.body);
          }
        });
      }
    }
    for (auto& client : clients)
      client.join();
  }
  Figures figures;
  figures.agents = agents;
  figures.ready_ms = ms(Clock::now() - readying);
  std::printf("%d agents Ready in %.0f ms\n", agents, figures.ready_ms);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the Ready events settle

  const std::string chat =
      R"({"name":"Мария Иванова","email":"bench@example.bg","question":"My router blinks red",)"
      R"("visitor":{"authenticated":false,"browser":"Chromium","operating_system":"Linux",)"
      R"("location":"Europe/Sofia","language":"bg"}})";
  const std::string close_body = R"({"unknown_contact":"leave_without","wrap_up":"resolved"})";
  std::vector<double> offer_ms, accept_ms;
  std::vector<double> cpu_before(nodes.size());
  auto node_of = [&](int agent) { return ports[static_cast<size_t>(agent) % ports.size()]; };
  for (int round = 0; round < options.warmup + options.rounds; ++round) {
    if (round == options.warmup) {
      for (size_t k = 0; k < nodes.size(); ++k)
        cpu_before[k] = cpu_ms(nodes[k]->pid());
    }
    // A fresh connection each round, as a chat widget's would be.
    Connection ingest(ports[static_cast<size_t>(round) % ports.size()]);
    auto reply = ingest.exchange("POST", "/api/channels/chat", "", chat);
    const auto returned = Clock::now();
    if (reply.status != 201) fail("POST /api/channels/chat: " + reply.body);
    const long long task = json::parse(reply.body)["task"]["id"].get<long long>();
    auto offer = streams.first_offer(task, std::chrono::seconds(30));
    if (!offer) fail("round " + std::to_string(round) + ": no offer in 30 s");
    const int agent = offer->stream;
    Connection api(node_of(agent));
    const std::string path = "/api/tasks/" + std::to_string(task);
    auto started = Clock::now();
    auto accepted = api.exchange("POST", path + "/accept", token_for("agent", agent), "{}");
    const double accept_took = ms(Clock::now() - started);
    if (accepted.status == 200) {
      auto closed = api.exchange("POST", path + "/close", token_for("agent", agent), close_body);
      if (closed.status != 200) fail("close: " + closed.body);
    } else {
      ++figures.accept_refused;  // another node's offer of the task was accepted first
    }
    if (round >= options.warmup) {
      offer_ms.push_back(std::max(ms(offer->at - returned), 0.0));
      if (accepted.status == 200) accept_ms.push_back(accept_took);
    }
  }
  figures.rounds = options.warmup + options.rounds;
  figures.offered_twice = streams.offered_more_than_once();

  // Fan-out: a customer edited through each node in turn reaches every stream.
  std::vector<double> fanout_ms, last_ms;
  {
    Connection first(ports[0]);
    auto created = first.exchange("POST", "/api/customers", token_for("agent", 0),
                                  R"({"kind":"contact","name":"Fan Out"})");
    if (created.status != 201) fail("POST /api/customers: " + created.body);
    json customer = json::parse(created.body)["customer"];
    const long long id = customer["id"].get<long long>();
    long long version = customer["version"].get<long long>();
    streams.watch_customer(id);
    for (int e = 0; e < options.edits; ++e) {
      Connection api(ports[static_cast<size_t>(e) % ports.size()]);
      json edit{
          {"version", version}, {"kind", "contact"}, {"name", "Fan Out " + std::to_string(e)}};
      auto sent = Clock::now();
      auto saved = api.exchange("PATCH", "/api/customers/" + std::to_string(id),
                                token_for("agent", e % agents), edit.dump());
      if (saved.status != 200) fail("PATCH /api/customers: " + saved.body);
      version = json::parse(saved.body)["customer"]["version"].get<long long>();
      auto arrivals = streams.changed(version, std::chrono::seconds(60));
      if (!arrivals) fail("an edit did not reach every stream in 60 s");
      double last = 0;
      for (const auto& at : *arrivals) {
        fanout_ms.push_back(ms(at - sent));
        last = std::max(last, ms(at - sent));
      }
      last_ms.push_back(last);
    }
  }

  for (size_t k = 0; k < nodes.size(); ++k) {
    ProcStatus status = proc_status(nodes[k]->pid());
    figures.nodes.push_back({static_cast<double>(status.rss_kb) / 1024,
                             cpu_ms(nodes[k]->pid()) - cpu_before[k], status.threads});
  }
  figures.offer_median = percentile(offer_ms, 0.5);
  figures.offer_p99 = percentile(offer_ms, 0.99);
  figures.accept_median = percentile(accept_ms, 0.5);
  figures.fanout_median = percentile(fanout_ms, 0.5);
  figures.fanout_p99 = percentile(fanout_ms, 0.99);
  figures.fanout_last_median = percentile(last_ms, 0.5);

  std::printf("chat ingested through each node in turn → task.offered, %d rounds:\n",
              options.rounds);
  print_latency("offer after the call returned", offer_ms);
  print_latency("POST …/accept", accept_ms);
  std::printf(
      "  tasks offered to more than one agent: %d of %d (0 when routing is decided in the"
      " database)\n",
      figures.offered_twice, options.warmup + options.rounds);
  std::printf("  accepts refused (the task was another agent's by then): %d\n",
              figures.accept_refused);
  std::printf(
      "customer edited through each node in turn → record.changed on all %d streams,"
      " %d edits:\n",
      agents, options.edits);
  print_latency("each stream", fanout_ms);
  print_latency("the last stream of an edit", last_ms);
  for (size_t k = 0; k < nodes.size(); ++k) {
    const NodeFigures& n = figures.nodes[k];
    std::printf("node %zu: %ld threads, RSS %.1f MB, %.0f ms CPU while measured\n", k, n.threads,
                n.rss_mb, n.cpu_ms);
  }
  held.reset();   // the streams close…
  nodes.clear();  // …then each node is stopped (SIGTERM)
  fs::remove_all(root);
  return figures;
}

}  // namespace

int main(int argc, char** argv) {
  g_name = "bench_nodes";
  Flags flags(argc, argv,
              {"--agents", "--nodes", "--rounds", "--warmup", "--edits", "--ready-clients",
               "--server", "--dir"},
              kUsage);
  Options options;
  options.nodes = flags.integer("--nodes", options.nodes);
  options.rounds = flags.integer("--rounds", options.rounds);
  options.warmup = flags.integer("--warmup", options.warmup);
  options.edits = flags.integer("--edits", options.edits);
  options.ready_clients = flags.integer("--ready-clients", options.ready_clients);
  options.server = flags.text("--server", CARE_SERVER_BIN);
  options.dir = flags.text("--dir", "");
  const std::vector<int> sizes = headcounts(flags.text("--agents", "250,1000,10000"));
  if (sizes.empty() || options.rounds < 1 || options.nodes < 1 || options.edits < 1) {
    std::fprintf(stderr, "%s", kUsage);
    return 2;
  }
  raise_fd_limit();
  std::printf(
      "bench_nodes: %u cores, %d nodes on one PostgreSQL, %d rounds (+%d warm-up) and"
      " %d edits per size\n",
      std::thread::hardware_concurrency(), options.nodes, options.rounds, options.warmup,
      options.edits);
  std::unique_ptr<care::test::PostgresCluster> cluster;
  try {
    cluster = care::test::PostgresCluster::start({.durable = true});
  } catch (const std::exception& error) {
    fail(error.what());
  }
  std::vector<Figures> all;
  for (int agents : sizes)
    all.push_back(run(agents, options, *cluster));
  cluster.reset();

  std::printf("\n%8s | %9s | %12s | %10s | %13s | %13s | %11s | %11s | %s\n", "agents", "all Ready",
              "offer median", "offer p99", "accept median", "fan-out p99", "last stream",
              "offered 2+", "RSS per node (MB)");
  for (const Figures& f : all) {
    std::string rss;
    for (const NodeFigures& n : f.nodes)
      rss += (rss.empty() ? "" : " / ") + std::to_string(static_cast<int>(n.rss_mb + 0.5));
    std::printf(
        "%8d | %6.0f ms | %9.2f ms | %7.2f ms | %10.2f ms | %10.1f ms | %8.1f ms | %4d of %d"
        " | %s\n",
        f.agents, f.ready_ms, f.offer_median, f.offer_p99, f.accept_median, f.fanout_p99,
        f.fanout_last_median, f.offered_twice, f.rounds, rss.c_str());
  }
  return 0;
}
