// bench_read_beside_write: how long a read waits while others write. Reader clients
// GET /api/customers/{id} (session, agent and customer read from the database) as fast
// as the server answers, first alone, then while writer clients PATCH their own
// requests (each a durable commit, synchronous=FULL). Run twice: with
// --read-connections 0 (every read takes its turn at the one writer connection, as
// before issue 15) and with the read pool. Prints read p50/p90/p99 per phase and the
// writes a second. Figures only, no pass/fail.
//
//   bench_read_beside_write [--readers N] [--writers N] [--duration S] [--pool N]
//                           [--server PATH] [--dir DIR]
#include <atomic>
#include <mutex>

#include "bench_support.hpp"
#include "care/time.hpp"

using namespace care::bench;

namespace {

constexpr const char* kUsage =
    "usage: bench_read_beside_write [--readers N] [--writers N] [--duration S] [--pool N]\n"
    "                               [--server PATH] [--dir DIR]\n";

struct Phase {
  std::vector<double> reads;
  long writes = 0;
  double seconds = 0;
};

// `readers` threads reading and `writers` threads editing, each on its own keep-alive
// connection, for `seconds`.
Phase run(const ServerProcess& process, const std::vector<care::Id>& customers,
          const std::vector<care::Id>& requests, std::vector<long>& versions, int readers,
          int writers, double seconds) {
  std::atomic<bool> stop{false};
  std::atomic<long> writes{0};
  std::mutex merge;
  Phase phase;
  std::vector<std::thread> threads;
  for (int r = 0; r < readers; ++r) {
    threads.emplace_back([&, r] {
      Connection api(process.port());
      std::string token = token_for("reader", r);
      std::vector<double> mine;
      for (size_t i = static_cast<size_t>(r); !stop.load(std::memory_order_relaxed); ++i) {
        std::string path = "/api/customers/" + std::to_string(customers[i % customers.size()]);
        auto sent = Clock::now();
        auto reply = api.exchange("GET", path, token);
        mine.push_back(ms(Clock::now() - sent));
        if (reply.status != 200) fail("GET " + path + ": " + std::to_string(reply.status));
      }
      std::lock_guard guard(merge);
      phase.reads.insert(phase.reads.end(), mine.begin(), mine.end());
    });
  }
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      Connection api(process.port());
      std::string path = "/api/requests/" + std::to_string(requests[static_cast<size_t>(w)]);
      std::string token = token_for("writer", w);
      long& version = versions[static_cast<size_t>(w)];
      while (!stop.load(std::memory_order_relaxed)) {
        std::string body = R"({"version":)" + std::to_string(version) +
                           R"(,"title":"Router blinks red, edit )" + std::to_string(version) +
                           "\"}";
        auto reply = api.exchange("PATCH", path, token, body);
        if (reply.status != 200) fail("PATCH " + path + ": " + std::to_string(reply.status));
        ++version;
        writes.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  auto start = Clock::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& thread : threads)
    thread.join();
  phase.seconds = ms(Clock::now() - start) / 1000;
  phase.writes = writes.load();
  return phase;
}

void print_phase(const char* label, const Phase& phase) {
  std::printf(
      "    %-24s reads p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms"
      "  (%5.0f reads/s)",
      label, percentile(phase.reads, 0.5), percentile(phase.reads, 0.9),
      percentile(phase.reads, 0.99),
      phase.reads.empty() ? 0.0 : *std::max_element(phase.reads.begin(), phase.reads.end()),
      static_cast<double>(phase.reads.size()) / phase.seconds);
  if (phase.writes > 0)
    std::printf("  writes %5.0f/s", static_cast<double>(phase.writes) / phase.seconds);
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  g_name = "bench_read_beside_write";
  Flags flags(argc, argv, {"--readers", "--writers", "--duration", "--pool", "--server", "--dir"},
              kUsage);
  const int readers = std::max(1, flags.integer("--readers", 4));
  const int writers = std::max(1, flags.integer("--writers", 8));
  const double duration = std::max(1.0, flags.number("--duration", 5));
  const int pool =
      flags.integer("--pool", care::server::store::SqliteStore::kDefaultReadConnections);
  const std::string server = flags.text("--server", CARE_SERVER_BIN);

  fs::path root = work_dir(flags.text("--dir", ""), "read-beside-write");
  std::vector<care::Id> customers;
  std::vector<care::Id> requests;
  {
    care::server::store::SqliteStore store((root / "data" / "care.db").string());
    seed_accounts(store, "reader", readers, care::server::store::Role::Agent);
    auto agents = seed_accounts(store, "writer", writers, care::server::store::Role::Agent);
    care::Time at = care::time_from_unix_ms(wall_ms());
    for (int c = 0; c < 1000; ++c) {
      care::Customer customer;
      customer.name = "Customer " + std::to_string(c);
      customer.email = "customer" + std::to_string(c) + "@example.com";
      customer.created_at = at;
      customer.updated = care::Stamp{agents[0], at};
      customers.push_back(store.create_customer(customer, agents[0]).id);
    }
    for (int w = 0; w < writers; ++w) {
      care::Request request;
      request.customer = customers[static_cast<size_t>(w)];
      request.title = "Router blinks red";
      request.created_at = at;
      request.updated = care::Stamp{agents[static_cast<size_t>(w)], at};
      requests.push_back(store.create_request(request, agents[static_cast<size_t>(w)]).id);
    }
  }

  std::printf(
      "GET /api/customers/{id} from %d readers, alone and beside %d writers"
      " (PATCH /api/requests/{id}, synchronous=FULL), %.0f s each:\n",
      readers, writers, duration);
  std::vector<long> versions(static_cast<size_t>(writers), 1);
  for (int connections : {0, pool}) {
    ServerProcess process(server, root / "data",
                          {"--read-connections", std::to_string(connections)});
    run(process, customers, requests, versions, readers, writers, 1.0);  // warm-up
    Phase alone = run(process, customers, requests, versions, readers, 0, duration);
    Phase beside = run(process, customers, requests, versions, readers, writers, duration);
    process.stop();
    std::printf("  --read-connections %d%s\n", connections,
                connections == 0 ? " (reads share the writer's connection and lock)" : "");
    print_phase("readers alone:", alone);
    print_phase("beside the writers:", beside);
  }
  fs::remove_all(root);
  return 0;
}
