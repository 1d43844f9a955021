// bench_journey_wrk: one customer with 50 requests and 500 activities; `wrk` hammers
// the first page of GET /api/customers/{id}/journey (the summary, 50 rows) with an
// agent's session cookie, and GET /healthz in the same run for comparison; then the
// journey again while other agents edit the customer's requests (durable PATCHes).
// Prints throughputs, latency percentiles, the ratio to /healthz and the server's CPU
// per request. Figures only, no pass/fail (issues 5, 15 and 17).
//
//   bench_journey_wrk [--requests N] [--activities N] [--threads T] [--connections C]
//                     [--duration S] [--editors N] [--edit-rate R]
//                     [--store sqlite|postgres|both] [--wrk PATH] [--server PATH] [--dir DIR]
//
// --edit-rate: the editors' PATCHes a second, all together, on a fixed schedule (an
// offered load, the same for every server); 0 (default): each editor edits as fast as
// the server answers, so a server that writes faster is also loaded harder.
//
// --store: SQLite in the data folder, PostgreSQL (a throw-away cluster the bench starts,
// fsync on as PostgreSQL ships, the server with --database; its CPU counts the
// cluster's processes too), or both (default), one after the other and then side by
// side. Needs wrk (Debian package `wrk`). The bench, wrk, the server and PostgreSQL
// share the machine.
#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include "bench_support.hpp"
#include "care/codec/json.hpp"
#include "care/time.hpp"
#include "care/url.hpp"
#include "postgres_cluster.hpp"
#include "store/postgres/postgres_store.hpp"

using namespace care::bench;

namespace {

constexpr const char* kUsage =
    "usage: bench_journey_wrk [--requests N] [--activities N] [--threads T] [--connections C]\n"
    "                         [--duration S] [--editors N] [--edit-rate R]\n"
    "                         [--store sqlite|postgres|both] [--wrk PATH] [--server PATH]\n"
    "                         [--dir DIR]\n";

struct WrkResult {
  double requests_per_s = 0;
  double p50_ms = 0, p90_ms = 0, p99_ms = 0;
  long requests = 0;
  long non_2xx = 0;
  long errors = 0;
  std::string raw;
};

// "1.23ms", "456.00us", "1.02s" → ms
double wrk_time(const std::string& text) {
  double value = std::atof(text.c_str());
  if (text.find("us") != std::string::npos) return value / 1000;
  if (text.find("ms") != std::string::npos) return value;
  if (text.find('m') != std::string::npos) return value * 60'000;
  if (text.find('s') != std::string::npos) return value * 1000;
  return value;
}

WrkResult run_wrk(const std::string& wrk, int threads, int connections, int seconds,
                  const std::string& cookie, const std::string& url) {
  std::string command = wrk + " -t" + std::to_string(threads) + " -c" +
                        std::to_string(connections) + " -d" + std::to_string(seconds) +
                        "s --latency";
  if (!cookie.empty()) command += " -H 'Cookie: care_session=" + cookie + "'";
  command += " '" + url + "' 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) fail("cannot run " + wrk);
  WrkResult result;
  char line[1024];
  while (std::fgets(line, sizeof line, pipe))
    result.raw += line;
  if (::pclose(pipe) != 0) fail("wrk failed:\n" + result.raw);
  std::istringstream in(result.raw);
  std::string text;
  bool distribution = false;
  while (std::getline(in, text)) {
    std::istringstream words(text);
    std::string first, second;
    words >> first >> second;
    if (first == "Latency" && second == "Distribution") distribution = true;
    if (distribution && first == "50%") result.p50_ms = wrk_time(second);
    if (distribution && first == "90%") result.p90_ms = wrk_time(second);
    if (distribution && first == "99%") result.p99_ms = wrk_time(second);
    if (first == "Requests/sec:") result.requests_per_s = std::atof(second.c_str());
    if (text.find("requests in") != std::string::npos) result.requests = std::atol(first.c_str());
    if (first == "Non-2xx") result.non_2xx = std::atol(text.substr(text.find(':') + 1).c_str());
    if (first == "Socket" && second == "errors:") {
      // "Socket errors: connect 0, read 0, write 0, timeout 0"
      for (const char* kind : {"connect ", "read ", "write ", "timeout "}) {
        auto at = text.find(kind);
        if (at != std::string::npos)
          result.errors += std::atol(text.c_str() + at + std::strlen(kind));
      }
    }
  }
  return result;
}

void print_wrk(const char* label, const WrkResult& r) {
  std::printf(
      "  %-34s %9.0f req/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  (%ld requests,"
      " %ld non-2xx, %ld socket errors)\n",
      label, r.requests_per_s, r.p50_ms, r.p90_ms, r.p99_ms, r.requests, r.non_2xx, r.errors);
}

// CPU time of the PostgreSQL cluster's processes (the postmaster's children: the
// server's connections, the WAL writer, the checkpointer), in ms.
double cluster_cpu_ms(pid_t postmaster) {
  double total = 0;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator("/proc", error)) {
    std::string name = entry.path().filename().string();
    if (name.empty() || !std::isdigit(static_cast<unsigned char>(name[0]))) continue;
    std::ifstream in(entry.path() / "stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto close = text.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream fields(text.substr(close + 2));
    std::string state;
    long parent = 0;
    fields >> state >> parent;
    pid_t pid = static_cast<pid_t>(std::atol(name.c_str()));
    if (parent == postmaster || pid == postmaster) total += cpu_ms(pid);
  }
  return total;
}

struct Seeded {
  care::Id customer = 0;
  std::vector<care::Id> requests;
};

// One customer with `requests` requests and `activities` activities, through the Store
// interface (either store); agent0 reads the journey, the others edit.
Seeded seed(care::server::store::Store& store, int requests, int activities, int editors) {
  Seeded seeded;
  care::Id agent =
      seed_accounts(store, "agent", 1 + editors, care::server::store::Role::Agent).front();
  care::Time at = care::time_from_unix_ms(wall_ms() - 400LL * 24 * 3600 * 1000);
  auto step = [&at] {
    at += std::chrono::minutes(37);
    return at;
  };
  care::Customer customer;
  customer.name = "Мария Иванова";
  customer.email = "maria.ivanova@example.bg";
  customer.phone = "+359 88 123 4567";
  customer.language = "bg";
  customer.location = "София";
  customer.created_at = step();
  customer.updated = care::Stamp{agent, at};
  seeded.customer = store.create_customer(customer, agent).id;
  const char* titles[] = {"Рутерът ми мига в червено", "Сметката ми е двойна",
                          "Искам да сменя тарифния си план", "Интернетът е много бавен вечер",
                          "Кога ще пристигне поръчката ми?"};
  for (int r = 0; r < requests; ++r) {
    care::Request request;
    request.customer = seeded.customer;
    request.title = std::string(titles[r % 5]) + " #" + std::to_string(r + 1);
    request.description = "Клиентът съобщава за проблема по телефона; виж дейностите.";
    request.created_at = step();
    request.updated = care::Stamp{agent, at};
    seeded.requests.push_back(store.create_request(request, agent).id);
  }
  const care::MediaType media[] = {care::MediaType::chat, care::MediaType::email,
                                   care::MediaType::call, care::MediaType::note};
  for (int a = 0; a < activities; ++a) {
    care::Activity activity;
    activity.request = seeded.requests[static_cast<size_t>(a % requests)];
    activity.customer = seeded.customer;
    activity.media = media[a % 4];
    activity.subject =
        activity.media == care::MediaType::email ? "Re: фактура за " + std::to_string(a) : "";
    activity.from =
        activity.media == care::MediaType::call ? "+359 88 123 4567" : "maria.ivanova@example.bg";
    activity.tags = {"router", "billing"};
    activity.context.pre_chat = {{"Name", "Мария Иванова"},
                                 {"Email", "maria.ivanova@example.bg"},
                                 {"Question", "Рутерът ми мига в червено"}};
    activity.context.visitor =
        care::VisitorDetails{false, "Chromium 126", "Linux", "Europe/Sofia", "bg"};
    activity.created_at = step();
    activity.updated = care::Stamp{agent, at};
    activity.closed_at = at + std::chrono::minutes(12);
    activity.wrap_up = "resolved";
    store.create_activity(activity, "", agent);
  }
  return seeded;
}

struct Options {
  int requests = 50, activities = 500, threads = 2, connections = 64, duration = 10, editors = 4;
  double edit_rate = 0;  // edits a second in all; 0: as fast as answered
  std::string wrk, server;
};

// One store's runs, as printed beside the other's at the end.
struct Figures {
  std::string store;
  double serial_journey_ms = 0, serial_health_ms = 0;
  WrkResult health, journey, edited;
  double cpu_health = 0, cpu_journey = 0, cpu_edited = 0;  // ms a request
  double edits_per_s = 0;
};

// The server on a seeded data folder (`extra`: --database for PostgreSQL; `postmaster`
// its cluster, whose CPU then counts with the server's): the journey page by page, one
// client alone, wrk on /healthz and on the first page, then the first page under edits.
Figures measure(const Options& o, const std::string& store, const fs::path& data,
                const std::vector<std::string>& extra, const Seeded& seeded, pid_t postmaster) {
  ServerProcess process(o.server, data, extra);
  const std::string base = "http://127.0.0.1:" + std::to_string(process.port());
  const std::string journey_path = "/api/customers/" + std::to_string(seeded.customer) + "/journey";
  const std::string token = token_for("agent", 0);
  auto cpu_now = [&] {
    return cpu_ms(process.pid()) + (postmaster ? cluster_cpu_ms(postmaster) : 0);
  };

  // The whole journey, page by page, as a desktop scrolling to its end would read it.
  Connection api(process.port());
  auto first = api.exchange("GET", journey_path, token);
  if (first.status != 200)
    fail("GET " + journey_path + ": " + std::to_string(first.status) + " " + first.body);
  auto next_of = [](const std::string& body) {
    care::Json next = care::Json::parse(body)["next_cursor"];
    return next.is_string() ? next.get<std::string>() : std::string();
  };
  size_t pages = 1, journey_bytes = first.body.size();
  std::string cursor = next_of(first.body);
  while (!cursor.empty()) {
    auto page = api.exchange(
        "GET", journey_path + "?limit=200&cursor=" + care::percent_encode(cursor), token);
    if (page.status != 200) fail("journey page: " + std::to_string(page.status) + " " + page.body);
    ++pages;
    journey_bytes += page.body.size();
    cursor = next_of(page.body);
  }

  // One client, one request at a time: the floor under the loaded figures.
  std::vector<double> serial_journey, serial_health;
  for (int i = 0; i < 200; ++i) {
    auto start = Clock::now();
    if (api.exchange("GET", journey_path, token).status != 200) fail("journey");
    serial_journey.push_back(ms(Clock::now() - start));
    start = Clock::now();
    if (api.exchange("GET", "/healthz", "").status != 200) fail("healthz");
    serial_health.push_back(ms(Clock::now() - start));
  }

  // The server's threads going to sleep during a run (each a wake-up later), a request.
  auto sleeps_since = [&](const ContextSwitches& before, const WrkResult& run) {
    long slept = context_switches(process.pid()).voluntary - before.voluntary;
    return run.requests ? static_cast<double>(slept) / static_cast<double>(run.requests) : 0.0;
  };
  auto per_request = [](double cpu, const WrkResult& run) {
    return run.requests ? cpu / static_cast<double>(run.requests) : 0.0;
  };
  Figures f;
  f.store = store;
  f.serial_journey_ms = percentile(serial_journey, 0.5);
  f.serial_health_ms = percentile(serial_health, 0.5);
  double cpu_before = cpu_now();
  ContextSwitches switches_before = context_switches(process.pid());
  f.health = run_wrk(o.wrk, o.threads, o.connections, o.duration, "", base + "/healthz");
  f.cpu_health = per_request(cpu_now() - cpu_before, f.health);
  const double sleeps_health = sleeps_since(switches_before, f.health);
  cpu_before = cpu_now();
  switches_before = context_switches(process.pid());
  f.journey = run_wrk(o.wrk, o.threads, o.connections, o.duration, token, base + journey_path);
  f.cpu_journey = per_request(cpu_now() - cpu_before, f.journey);
  const double sleeps_journey = sleeps_since(switches_before, f.journey);

  // The same, while `editors` agents each edit one of the customer's requests as fast
  // as the server answers, or at `edit_rate` a second in all (every 200 an fsync'd
  // commit).
  std::atomic<bool> stop{false};
  std::mutex merge;
  std::vector<double> edit_latencies;
  std::vector<std::thread> editing;
  for (int e = 0; e < o.editors; ++e) {
    editing.emplace_back([&, e] {
      Connection mine(process.port());
      const std::string path =
          "/api/requests/" +
          std::to_string(seeded.requests[static_cast<size_t>(e) % seeded.requests.size()]);
      const std::string editor = token_for("agent", 1 + e);
      const care::Json current = care::Json::parse(mine.exchange("GET", path, editor).body);
      long version = current["request"]["version"].get<long>();
      std::vector<double> times;
      // Paced: this editor's k-th edit is due k × editors / rate seconds from the start.
      const auto every = std::chrono::duration_cast<Clock::duration>(
          std::chrono::duration<double>(o.edit_rate > 0 ? o.editors / o.edit_rate : 0.0));
      auto due = Clock::now() + every * e / std::max(1, o.editors);
      while (!stop) {
        if (o.edit_rate > 0) {
          std::this_thread::sleep_until(due);
          due += every;
        }
        std::string body = "{\"version\":" + std::to_string(version) +
                           ",\"description\":\"Редакция " + std::to_string(version) + "\"}";
        auto sent = Clock::now();
        auto reply = mine.exchange("PATCH", path, editor, body);
        times.push_back(ms(Clock::now() - sent));
        if (reply.status != 200)
          fail("PATCH " + path + ": " + std::to_string(reply.status) + " " + reply.body);
        ++version;
      }
      std::lock_guard guard(merge);
      edit_latencies.insert(edit_latencies.end(), times.begin(), times.end());
    });
  }
  cpu_before = cpu_now();
  switches_before = context_switches(process.pid());
  f.edited = run_wrk(o.wrk, o.threads, o.connections, o.duration, token, base + journey_path);
  f.cpu_edited = per_request(cpu_now() - cpu_before, f.edited);
  const double sleeps_edited = sleeps_since(switches_before, f.edited);
  stop = true;
  for (auto& thread : editing)
    thread.join();
  f.edits_per_s = static_cast<double>(edit_latencies.size()) / o.duration;

  ProcStatus status = proc_status(process.pid());
  process.stop();

  const char* cpu_of = postmaster ? "server + PostgreSQL CPU" : "server CPU";
  std::printf("%s:\n", store.c_str());
  std::printf(
      "journey first page: %zu bytes (%d requests, %d activities, 50 rows); the whole"
      " journey in %zu pages (50, then 200 each): %zu bytes\n",
      first.body.size(), o.requests, o.activities, pages, journey_bytes);
  std::printf("one client, one request at a time (200 each):\n");
  print_latency("GET …/journey (first page)", serial_journey);
  print_latency("GET /healthz", serial_health);
  std::printf(
      "wrk -t%d -c%d -d%ds, same server, one after the other (%u cores shared by wrk and"
      " the server):\n",
      o.threads, o.connections, o.duration, std::thread::hardware_concurrency());
  print_wrk("GET /healthz", f.health);
  print_wrk("GET …/journey (first page)", f.journey);
  std::printf(
      "  journey / healthz throughput: %.3f (%.1f× fewer); %s per request:"
      " journey %.3f ms, healthz %.3f ms\n",
      f.health.requests_per_s > 0 ? f.journey.requests_per_s / f.health.requests_per_s : 0.0,
      f.journey.requests_per_s > 0 ? f.health.requests_per_s / f.journey.requests_per_s : 0.0,
      cpu_of, f.cpu_journey, f.cpu_health);
  std::printf(
      "  server threads went to sleep (each a wake-up later) %.2f times a journey request,"
      " %.2f a healthz\n",
      sleeps_journey, sleeps_health);
  if (o.edit_rate > 0)
    std::printf(
        "the same while %d agents edit the customer's requests (PATCH, durable), %.0f a"
        " second in all:\n",
        o.editors, o.edit_rate);
  else
    std::printf("the same while %d agents edit the customer's requests (PATCH, durable):\n",
                o.editors);
  print_wrk("GET …/journey (first page)", f.edited);
  std::printf(
      "  journey / healthz throughput: %.3f; %s per journey request %.3f ms"
      " (edits included)\n",
      f.health.requests_per_s > 0 ? f.edited.requests_per_s / f.health.requests_per_s : 0.0, cpu_of,
      f.cpu_edited);
  std::printf("  server threads went to sleep %.2f times a journey request (edits included)\n",
              sleeps_edited);
  if (!edit_latencies.empty()) {
    std::printf("  edits: %.0f a second\n", f.edits_per_s);
    print_latency("PATCH /api/requests/{id}", edit_latencies);
  }
  std::printf("server after the runs: %ld threads, RSS %.1f MB (peak %.1f MB)\n\n", status.threads,
              static_cast<double>(status.rss_kb) / 1024, static_cast<double>(status.hwm_kb) / 1024);
  return f;
}

void print_side_by_side(const std::vector<Figures>& runs) {
  std::printf("%-40s", "side by side");
  for (const Figures& f : runs)
    std::printf("  %-22s", f.store.c_str());
  std::printf("\n");
  auto row = [&](const char* label, auto value) {
    std::printf("  %-38s", label);
    for (const Figures& f : runs)
      std::printf("  %-22s", value(f).c_str());
    std::printf("\n");
  };
  auto fixed = [](double value, int digits) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", digits, value);
    return std::string(text);
  };
  row("one client: journey median ms",
      [&](const Figures& f) { return fixed(f.serial_journey_ms, 3); });
  row("wrk /healthz req/s", [&](const Figures& f) { return fixed(f.health.requests_per_s, 0); });
  row("wrk journey req/s", [&](const Figures& f) { return fixed(f.journey.requests_per_s, 0); });
  row("  p50 / p99 ms", [&](const Figures& f) {
    return fixed(f.journey.p50_ms, 2) + " / " + fixed(f.journey.p99_ms, 2);
  });
  row("  journey / healthz", [&](const Figures& f) {
    return fixed(
        f.health.requests_per_s > 0 ? f.journey.requests_per_s / f.health.requests_per_s : 0.0, 3);
  });
  row("  CPU ms an answer (with PostgreSQL's)",
      [&](const Figures& f) { return fixed(f.cpu_journey, 3); });
  row("under edits: journey req/s",
      [&](const Figures& f) { return fixed(f.edited.requests_per_s, 0); });
  row("  p50 / p99 ms", [&](const Figures& f) {
    return fixed(f.edited.p50_ms, 2) + " / " + fixed(f.edited.p99_ms, 2);
  });
  row("  CPU ms an answer (edits included)",
      [&](const Figures& f) { return fixed(f.cpu_edited, 3); });
  row("  edits a second", [&](const Figures& f) { return fixed(f.edits_per_s, 0); });
}

}  // namespace

int main(int argc, char** argv) {
  g_name = "bench_journey_wrk";
  Flags flags(argc, argv,
              {"--requests", "--activities", "--threads", "--connections", "--duration",
               "--editors", "--edit-rate", "--store", "--wrk", "--server", "--dir"},
              kUsage);
  Options o;
  o.requests = std::max(1, flags.integer("--requests", 50));
  o.activities = flags.integer("--activities", 500);
  o.threads = std::max(1, flags.integer("--threads", 2));
  o.connections = std::max(1, flags.integer("--connections", 64));
  o.duration = std::max(1, flags.integer("--duration", 10));
  o.editors = std::max(0, flags.integer("--editors", 4));
  o.edit_rate = std::max(0, flags.integer("--edit-rate", 0));
  o.wrk = flags.text("--wrk", "wrk");
  o.server = flags.text("--server", CARE_SERVER_BIN);
  const std::string stores = flags.text("--store", "both");
  if (stores != "sqlite" && stores != "postgres" && stores != "both") {
    std::fprintf(stderr, "--store: sqlite, postgres or both\n%s", kUsage);
    return 2;
  }
  raise_fd_limit();

  fs::path root = work_dir(flags.text("--dir", ""), "journey");
  std::vector<Figures> runs;
  if (stores != "postgres") {
    auto seeding = Clock::now();
    Seeded seeded;
    {
      care::server::store::SqliteStore store((root / "data" / "care.db").string());
      seeded = seed(store, o.requests, o.activities, o.editors);
    }
    std::printf("SQLite: seeded 1 customer with %d requests and %d activities in %.0f ms\n",
                o.requests, o.activities, ms(Clock::now() - seeding));
    runs.push_back(measure(o, "SQLite", root / "data", {}, seeded, 0));
  }
  if (stores != "sqlite") {
    static std::unique_ptr<care::test::PostgresCluster> cluster;
    try {
      cluster = care::test::PostgresCluster::start({.durable = true});
    } catch (const std::exception& error) {
      fail(error.what());
    }
    std::atexit([] { cluster.reset(); });  // fail() exits: the cluster stops all the same
    const std::string conninfo = cluster->create_migrated_database();
    const std::string uri = cluster->uri(conninfo.substr(conninfo.find("dbname=") + 7));
    auto seeding = Clock::now();
    Seeded seeded;
    {
      care::server::store::PostgresStore store(conninfo, 2);
      seeded = seed(store, o.requests, o.activities, o.editors);
    }
    std::printf("PostgreSQL: seeded 1 customer with %d requests and %d activities in %.0f ms\n",
                o.requests, o.activities, ms(Clock::now() - seeding));
    std::ifstream pid_file(cluster->folder() + "/data/postmaster.pid");
    long postmaster = 0;
    pid_file >> postmaster;
    fs::create_directories(root / "postgres" / "data");
    runs.push_back(measure(o, "PostgreSQL", root / "postgres" / "data", {"--database", uri}, seeded,
                           static_cast<pid_t>(postmaster)));
  }
  fs::remove_all(root);
  if (runs.size() > 1) print_side_by_side(runs);
  return 0;
}
