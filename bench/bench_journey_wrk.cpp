// bench_journey_wrk: one customer with 50 requests and 500 activities; `wrk` hammers
// the first page of GET /api/customers/{id}/journey (the summary, 50 rows) with an
// agent's session cookie, and GET /healthz in the same run for comparison; then the
// journey again while other agents edit the customer's requests (durable PATCHes).
// Prints throughputs, latency percentiles, the ratio to /healthz and the server's CPU
// per request. Figures only, no pass/fail (issues 5 and 15).
//
//   bench_journey_wrk [--requests N] [--activities N] [--threads T] [--connections C]
//                     [--duration S] [--editors N] [--wrk PATH] [--server PATH] [--dir DIR]
//
// Needs wrk (Debian package `wrk`). The bench, wrk and the server share the machine.
#include <atomic>
#include <cstdio>
#include <mutex>
#include <sstream>
#include <thread>

#include "bench_support.hpp"
#include "care/codec/json.hpp"
#include "care/time.hpp"
#include "care/url.hpp"

using namespace care::bench;

namespace {

constexpr const char* kUsage =
    "usage: bench_journey_wrk [--requests N] [--activities N] [--threads T] [--connections C]\n"
    "                         [--duration S] [--editors N] [--wrk PATH] [--server PATH]\n"
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

}  // namespace

int main(int argc, char** argv) {
  g_name = "bench_journey_wrk";
  Flags flags(argc, argv,
              {"--requests", "--activities", "--threads", "--connections", "--duration",
               "--editors", "--wrk", "--server", "--dir"},
              kUsage);
  const int requests = std::max(1, flags.integer("--requests", 50));
  const int activities = flags.integer("--activities", 500);
  const int threads = std::max(1, flags.integer("--threads", 2));
  const int connections = std::max(1, flags.integer("--connections", 64));
  const int duration = std::max(1, flags.integer("--duration", 10));
  const int editors = std::max(0, flags.integer("--editors", 4));
  const std::string wrk = flags.text("--wrk", "wrk");
  const std::string server = flags.text("--server", CARE_SERVER_BIN);
  raise_fd_limit();

  fs::path root = work_dir(flags.text("--dir", ""), "journey");
  auto seeding = Clock::now();
  care::Id customer_id = 0;
  std::vector<care::Id> request_ids;
  {
    care::server::store::SqliteStore store((root / "data" / "care.db").string());
    // agent0 reads the journey; the others edit.
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
    customer_id = store.create_customer(customer, agent).id;
    const char* titles[] = {"Рутерът ми мига в червено", "Сметката ми е двойна",
                            "Искам да сменя тарифния си план", "Интернетът е много бавен вечер",
                            "Кога ще пристигне поръчката ми?"};
    for (int r = 0; r < requests; ++r) {
      care::Request request;
      request.customer = customer_id;
      request.title = std::string(titles[r % 5]) + " #" + std::to_string(r + 1);
      request.description = "Клиентът съобщава за проблема по телефона; виж дейностите.";
      request.created_at = step();
      request.updated = care::Stamp{agent, at};
      request_ids.push_back(store.create_request(request, agent).id);
    }
    const care::MediaType media[] = {care::MediaType::chat, care::MediaType::email,
                                     care::MediaType::call, care::MediaType::note};
    for (int a = 0; a < activities; ++a) {
      care::Activity activity;
      activity.request = request_ids[static_cast<size_t>(a % requests)];
      activity.customer = customer_id;
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
  }
  std::printf("seeded 1 customer with %d requests and %d activities in %.0f ms\n", requests,
              activities, ms(Clock::now() - seeding));

  ServerProcess process(server, root / "data", {});
  const std::string base = "http://127.0.0.1:" + std::to_string(process.port());
  const std::string journey_path = "/api/customers/" + std::to_string(customer_id) + "/journey";
  const std::string token = token_for("agent", 0);

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
  double cpu_before = cpu_ms(process.pid());
  ContextSwitches switches_before = context_switches(process.pid());
  WrkResult health = run_wrk(wrk, threads, connections, duration, "", base + "/healthz");
  double cpu_health = cpu_ms(process.pid()) - cpu_before;
  const double sleeps_health = sleeps_since(switches_before, health);
  cpu_before = cpu_ms(process.pid());
  switches_before = context_switches(process.pid());
  WrkResult journey = run_wrk(wrk, threads, connections, duration, token, base + journey_path);
  double cpu_journey = cpu_ms(process.pid()) - cpu_before;
  const double sleeps_journey = sleeps_since(switches_before, journey);

  // The same, while `editors` agents each edit one of the customer's requests as fast
  // as the server answers (every 200 an fsync'd commit).
  std::atomic<bool> stop{false};
  std::mutex merge;
  std::vector<double> edit_latencies;
  std::vector<std::thread> editing;
  for (int e = 0; e < editors; ++e) {
    editing.emplace_back([&, e] {
      Connection mine(process.port());
      const std::string path =
          "/api/requests/" +
          std::to_string(request_ids[static_cast<size_t>(e) % request_ids.size()]);
      const std::string editor = token_for("agent", 1 + e);
      auto current = care::Json::parse(mine.exchange("GET", path, editor).body);
      long version = current["request"]["version"].get<long>();
      std::vector<double> times;
      while (!stop) {
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
  cpu_before = cpu_ms(process.pid());
  switches_before = context_switches(process.pid());
  WrkResult edited = run_wrk(wrk, threads, connections, duration, token, base + journey_path);
  double cpu_edited = cpu_ms(process.pid()) - cpu_before;
  const double sleeps_edited = sleeps_since(switches_before, edited);
  stop = true;
  for (auto& thread : editing)
    thread.join();

  ProcStatus status = proc_status(process.pid());
  process.stop();
  fs::remove_all(root);

  std::printf(
      "journey first page: %zu bytes (%d requests, %d activities, 50 rows); the whole"
      " journey in %zu pages (50, then 200 each): %zu bytes\n",
      first.body.size(), requests, activities, pages, journey_bytes);
  std::printf("one client, one request at a time (200 each):\n");
  print_latency("GET …/journey (first page)", serial_journey);
  print_latency("GET /healthz", serial_health);
  std::printf(
      "wrk -t%d -c%d -d%ds, same server, one after the other (%u cores shared by wrk and"
      " the server):\n",
      threads, connections, duration, std::thread::hardware_concurrency());
  print_wrk("GET /healthz", health);
  print_wrk("GET …/journey (first page)", journey);
  std::printf(
      "  journey / healthz throughput: %.3f (%.1f× fewer); server CPU per request:"
      " journey %.3f ms, healthz %.3f ms\n",
      health.requests_per_s > 0 ? journey.requests_per_s / health.requests_per_s : 0.0,
      journey.requests_per_s > 0 ? health.requests_per_s / journey.requests_per_s : 0.0,
      journey.requests ? cpu_journey / static_cast<double>(journey.requests) : 0.0,
      health.requests ? cpu_health / static_cast<double>(health.requests) : 0.0);
  std::printf(
      "  server threads went to sleep (each a wake-up later) %.2f times a journey request,"
      " %.2f a healthz\n",
      sleeps_journey, sleeps_health);
  std::printf("the same while %d agents edit the customer's requests (PATCH, synchronous=FULL):\n",
              editors);
  print_wrk("GET …/journey (first page)", edited);
  std::printf(
      "  journey / healthz throughput: %.3f; server CPU per journey request %.3f ms"
      " (edits included)\n",
      health.requests_per_s > 0 ? edited.requests_per_s / health.requests_per_s : 0.0,
      edited.requests ? cpu_edited / static_cast<double>(edited.requests) : 0.0);
  std::printf("  server threads went to sleep %.2f times a journey request (edits included)\n",
              sleeps_edited);
  if (!edit_latencies.empty()) {
    std::printf("  edits: %.0f a second\n", static_cast<double>(edit_latencies.size()) / duration);
    print_latency("PATCH /api/requests/{id}", edit_latencies);
  }
  std::printf("server after the runs: %ld threads, RSS %.1f MB (peak %.1f MB)\n", status.threads,
              static_cast<double>(status.rss_kb) / 1024, static_cast<double>(status.hwm_kb) / 1024);
  return 0;
}
