// bench_durable_edits: 16 clients each edit their own request with
// PATCH /api/requests/{id} {"version":N,"title":…} as fast as the server answers, for
// ~10 s; every 200 is committed (synchronous=FULL). Prints edits/s and the latency
// percentiles, the same with one client, and what one fsync costs on the data folder's
// disk. Figures only, no pass/fail (issue 5, "Speed and scale").
//
//   bench_durable_edits [--clients N] [--duration S] [--store sqlite|postgres|both]
//                       [--server PATH] [--dir DIR]
//
// --dir picks the disk: the data folder is created there (default: the temp dir).
// --store: SQLite in the data folder, PostgreSQL (a throw-away cluster the bench starts
// beside it, fsync and synchronous_commit on, as PostgreSQL ships), or both (default),
// printed one after the other (issue 17).
#include <fcntl.h>

#include <atomic>
#include <memory>
#include <mutex>

#include "bench_support.hpp"
#include "care/time.hpp"
#include "postgres_cluster.hpp"
#include "store/postgres/postgres_store.hpp"

using namespace care::bench;

namespace {

constexpr const char* kUsage =
    "usage: bench_durable_edits [--clients N] [--duration S] [--store sqlite|postgres|both]\n"
    "                           [--server PATH] [--dir DIR]\n";

struct Run {
  int clients = 0;
  long edits = 0;
  double seconds = 0;
  std::vector<double> latencies;
  double server_cpu_ms = 0;
};

// `clients` threads, each on its own keep-alive connection and its own request,
// for `seconds`. Versions start at `versions[i]` and are left at the next one.
Run edit(const ServerProcess& process, const std::vector<care::Id>& requests,
         std::vector<long>& versions, int clients, double seconds) {
  std::atomic<bool> stop{false};
  std::mutex merge;
  Run run;
  run.clients = clients;
  double cpu_before = cpu_ms(process.pid());
  auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      Connection api(process.port());
      std::vector<double> mine;
      std::string path = "/api/requests/" + std::to_string(requests[static_cast<size_t>(c)]);
      std::string token = token_for("agent", c);
      long& version = versions[static_cast<size_t>(c)];
      while (!stop.load(std::memory_order_relaxed)) {
        std::string body = R"({"version":)" + std::to_string(version) +
                           R"(,"title":"Рутерът мига в червено — редакция )" +
                           std::to_string(version) + "\"}";
        auto sent = Clock::now();
        auto reply = api.exchange("PATCH", path, token, body);
        mine.push_back(ms(Clock::now() - sent));
        if (reply.status != 200)
          fail("PATCH " + path + ": " + std::to_string(reply.status) + " " + reply.body);
        ++version;
      }
      std::lock_guard guard(merge);
      run.latencies.insert(run.latencies.end(), mine.begin(), mine.end());
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& thread : threads)
    thread.join();
  run.seconds = ms(Clock::now() - start) / 1000;
  run.server_cpu_ms = cpu_ms(process.pid()) - cpu_before;
  run.edits = static_cast<long>(run.latencies.size());
  return run;
}

void print_run(const Run& run) {
  std::printf(
      "  %2d client(s): %6.0f edits/s (%ld in %.1f s)  p50 %6.2f ms  p90 %6.2f ms"
      "  p99 %6.2f ms  max %6.2f ms  server CPU %.3f ms/edit\n",
      run.clients, static_cast<double>(run.edits) / run.seconds, run.edits, run.seconds,
      percentile(run.latencies, 0.5), percentile(run.latencies, 0.9),
      percentile(run.latencies, 0.99),
      run.latencies.empty() ? 0.0 : *std::max_element(run.latencies.begin(), run.latencies.end()),
      run.edits ? run.server_cpu_ms / static_cast<double>(run.edits) : 0.0);
}

// What one durable commit costs at least here: a 4 KiB write + fdatasync, as the WAL
// does on each commit.
std::vector<double> fsync_cost(const fs::path& folder, int times) {
  fs::path file = folder / "fsync-probe";
  int fd = ::open(file.c_str(), O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) fail("open " + file.string());
  std::vector<char> page(4096, 'x');
  std::vector<double> took;
  for (int i = 0; i < times; ++i) {
    auto start = Clock::now();
    if (::pwrite(fd, page.data(), page.size(), static_cast<off_t>(i) * 4096) < 0) fail("pwrite");
    if (::fdatasync(fd) != 0) fail("fdatasync");
    took.push_back(ms(Clock::now() - start));
  }
  ::close(fd);
  fs::remove(file);
  return took;
}

// Each client's agent, customer and request, through the Store interface (either store).
std::vector<care::Id> seed_requests(care::server::store::Store& store, int clients) {
  std::vector<care::Id> requests;
  auto agents = seed_accounts(store, "agent", clients, care::server::store::Role::Agent);
  for (int c = 0; c < clients; ++c) {
    care::Time at = care::time_from_unix_ms(wall_ms());
    care::Customer customer;
    customer.name = "Customer " + std::to_string(c);
    customer.email = "customer" + std::to_string(c) + "@example.com";
    customer.created_at = at;
    customer.updated = care::Stamp{agents[static_cast<size_t>(c)], at};
    care::Id id = store.create_customer(customer, agents[static_cast<size_t>(c)]).id;
    care::Request request;
    request.customer = id;
    request.title = "Рутерът мига в червено";
    request.created_at = at;
    request.updated = care::Stamp{agents[static_cast<size_t>(c)], at};
    requests.push_back(store.create_request(request, agents[static_cast<size_t>(c)]).id);
  }
  return requests;
}

struct Result {
  Run one, many;
};

// One store's runs: `database` empty is SQLite in the data folder, else its postgres:// URI.
Result measure(const std::string& server, const fs::path& root, const std::string& database,
               const std::string& conninfo, int clients, double duration) {
  std::vector<care::Id> requests;
  std::vector<std::string> extra;
  if (database.empty()) {
    care::server::store::SqliteStore store((root / "data" / "care.db").string());
    requests = seed_requests(store, clients);
  } else {
    care::server::store::PostgresStore store(conninfo, 2);
    requests = seed_requests(store, clients);
    extra = {"--database", database};
  }
  ServerProcess process(server, root / "data", extra);
  std::vector<long> versions(static_cast<size_t>(clients), 1);
  edit(process, requests, versions, clients, 1.0);  // warm-up
  Result result;
  result.one = edit(process, requests, versions, 1, std::max(2.0, duration / 3));
  result.many = edit(process, requests, versions, clients, duration);
  ProcStatus status = proc_status(process.pid());
  process.stop();
  std::printf("%s: PATCH /api/requests/{id} with a version, each client its own request%s:\n",
              database.empty() ? "SQLite" : "PostgreSQL",
              database.empty() ? " (synchronous=FULL, one connection under a mutex)"
                               : " (fsync and synchronous_commit on, a pool of 8 connections)");
  print_run(result.one);
  print_run(result.many);
  std::printf("  server after the runs: %ld threads, RSS %.1f MB\n", status.threads,
              static_cast<double>(status.rss_kb) / 1024);
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  g_name = "bench_durable_edits";
  Flags flags(argc, argv, {"--clients", "--duration", "--store", "--server", "--dir"}, kUsage);
  const int clients = std::max(1, flags.integer("--clients", 16));
  const double duration = std::max(1.0, flags.number("--duration", 10));
  const std::string server = flags.text("--server", CARE_SERVER_BIN);
  const std::string stores = flags.text("--store", "both");
  if (stores != "sqlite" && stores != "postgres" && stores != "both") {
    std::fprintf(stderr, "%s", kUsage);
    return 2;
  }

  fs::path root = work_dir(flags.text("--dir", ""), "edits");
  std::vector<double> fsyncs = fsync_cost(root / "data", 200);
  std::printf("disk under %s: 4 KiB write + fdatasync median %.3f ms, p99 %.3f ms (200 times)\n",
              root.parent_path().c_str(), percentile(fsyncs, 0.5), percentile(fsyncs, 0.99));
  std::vector<std::pair<std::string, Result>> results;
  if (stores != "postgres") {
    results.emplace_back("SQLite", measure(server, root, "", "", clients, duration));
  }
  if (stores != "sqlite") {
    std::unique_ptr<care::test::PostgresCluster> cluster;
    try {
      cluster = care::test::PostgresCluster::start({.durable = true});
    } catch (const std::exception& error) {
      fail(error.what());
    }
    const std::string conninfo = cluster->create_migrated_database();
    const std::string uri = cluster->uri(conninfo.substr(conninfo.find("dbname=") + 7));
    fs::path pg_root = root / "postgres";
    fs::create_directories(pg_root / "data");
    results.emplace_back("PostgreSQL", measure(server, pg_root, uri, conninfo, clients, duration));
  }
  fs::remove_all(root);

  for (const auto& [name, result] : results) {
    const double one = static_cast<double>(result.one.edits) / result.one.seconds;
    const double many = static_cast<double>(result.many.edits) / result.many.seconds;
    std::printf(
        "%-10s 1 client %6.0f edits/s (p50 %.2f ms), %d clients %6.0f edits/s (p50 %.2f ms,"
        " p99 %.2f ms): %.2f×\n",
        name.c_str(), one, percentile(result.one.latencies, 0.5), clients, many,
        percentile(result.many.latencies, 0.5), percentile(result.many.latencies, 0.99),
        many / std::max(1e-9, one));
  }
  std::printf(
      "commits per fsync-time budget: %.0f edits/s if each edit cost one median fsync"
      " and nothing else\n",
      1000.0 / std::max(1e-6, percentile(fsyncs, 0.5)));
  return 0;
}
