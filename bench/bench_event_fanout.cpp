// bench_event_fanout: 1,000 agents hold GET /api/events on one care-server; one
// event that all of them must see is published over and over; prints how long the
// last stream took to receive it, and the server's threads and memory while holding
// the streams. Figures only, no pass/fail (issue 5, "Speed and scale").
//
//   bench_event_fanout [--streams N] [--rounds R] [--server PATH]
//
// The accounts are supervisors, so one agent's agent.state change reaches every
// stream through the real path: PUT /api/me/state → store → hub → 1,000 sockets.
// Accounts and sessions are written to the database before the server starts, to
// skip 1,000 argon2id sign-ins.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <spawn.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "auth/password.hpp"
#include "store/sqlite_store.hpp"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
using care::server::store::NewAgent;
using care::server::store::Role;
using care::server::store::SqliteStore;

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "bench_event_fanout: %s: %s\n", what.c_str(), std::strerror(errno));
  std::exit(1);
}

std::string token_for(int i) {
  return "bench-session-token-" + std::to_string(i);
}

// Supervisors with sessions, straight into the database the server will open.
void seed(const std::filesystem::path& db_path, int streams) {
  SqliteStore store(db_path.string());
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  for (int i = 0; i < streams; ++i) {
    // No one signs in with these: the hash is not a valid argon2id string.
    NewAgent agent{"bench" + std::to_string(i), "Bench " + std::to_string(i), "!",
                   Role::Supervisor};
    auto created = store.create_agent(agent, now);
    if (!created) fail("cannot create agent " + agent.username);
    store.create_session(care::server::auth::token_hash(token_for(i)), created->id, now,
                         now + 24LL * 3600 * 1000);
  }
}

struct ProcStatus {
  long rss_kb = 0;
  long hwm_kb = 0;
  long threads = 0;
};

ProcStatus proc_status(pid_t pid) {
  ProcStatus status;
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  while (in >> key) {
    if (key == "VmRSS:") in >> status.rss_kb;
    if (key == "VmHWM:") in >> status.hwm_kb;
    if (key == "Threads:") in >> status.threads;
    std::getline(in, key);
  }
  return status;
}

int connect_to(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) fail("socket");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) fail("connect");
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

void send_all(int fd, const std::string& text) {
  size_t sent = 0;
  while (sent < text.size()) {
    ssize_t n = ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) fail("send");
    sent += static_cast<size_t>(n);
  }
}

struct Stream {
  int fd = -1;
  std::string pending;  // the tail of what was read, so a marker split across reads is found
  bool open = false;    // response headers seen: the server has subscribed it
  int seen = 0;         // agent.state frames received
  Clock::time_point last_at;
};

constexpr std::string_view kMarker = "event: agent.state\n";

// Reads what is there; counts frames; returns false when the server closed it.
bool drain(Stream& stream) {
  char buffer[16384];
  for (;;) {
    ssize_t n = ::recv(stream.fd, buffer, sizeof buffer, MSG_DONTWAIT);
    if (n == 0) return false;
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;
    auto now = Clock::now();
    stream.pending.append(buffer, static_cast<size_t>(n));
    if (!stream.open && stream.pending.find("\r\n\r\n") != std::string::npos) {
      if (stream.pending.rfind("HTTP/1.1 200", 0) != 0) {
        std::fprintf(stderr, "stream refused: %.60s\n", stream.pending.c_str());
        std::exit(1);
      }
      stream.open = true;
    }
    size_t at = 0;
    while ((at = stream.pending.find(kMarker, at)) != std::string::npos) {
      ++stream.seen;
      stream.last_at = now;
      at += kMarker.size();
    }
    if (stream.open && stream.pending.size() > kMarker.size())
      stream.pending.erase(0, stream.pending.size() - kMarker.size());
  }
}

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  size_t index = static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

double ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

}  // namespace

int main(int argc, char** argv) {
  int streams = 1000;
  int rounds = 100;
  std::string server = CARE_SERVER_BIN;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--streams")
      streams = std::atoi(argv[i + 1]);
    else if (flag == "--rounds")
      rounds = std::atoi(argv[i + 1]);
    else if (flag == "--server")
      server = argv[i + 1];
  }
  if (streams < 1 || rounds < 1) {
    std::fprintf(stderr, "usage: bench_event_fanout [--streams N] [--rounds R] [--server PATH]\n");
    return 2;
  }
  // Our sockets plus the server's: lift the soft limit to the hard one.
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);

  auto root =
      std::filesystem::temp_directory_path() / ("care-bench-fanout-" + std::to_string(::getpid()));
  std::filesystem::create_directories(root / "data");
  auto seeding = Clock::now();
  seed(root / "data" / "care.db", streams);
  std::printf("seeded %d supervisors with sessions in %.0f ms\n", streams,
              ms(Clock::now() - seeding));

  // The server in its own process, so /proc shows its memory alone.
  int out[2];
  if (::pipe(out) != 0) fail("pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  std::string data = (root / "data").string();
  std::string max_streams = std::to_string(std::max(streams, 1000));
  // Every stream comes from this one address: the per-address cap (issue 14) is lifted.
  std::string max_connections = std::to_string(streams + 1000);
  std::vector<std::string> args = {server,
                                   "--port",
                                   "0",
                                   "--data",
                                   data,
                                   "--web",
                                   (root / "no-web").string(),
                                   "--max-streams",
                                   max_streams,
                                   "--max-connections",
                                   max_connections,
                                   "--max-connections-per-address",
                                   max_connections};
  std::vector<char*> argv_server;
  for (auto& arg : args)
    argv_server.push_back(arg.data());
  argv_server.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, server.c_str(), &actions, nullptr, argv_server.data(), environ) != 0) {
    fail("cannot start " + server);
  }
  ::close(out[1]);
  // First line: "care-server listening on http://127.0.0.1:PORT"; then one JSON line
  // per request, which a thread reads and drops so the server never blocks on it.
  std::string first;
  char c;
  while (::read(out[0], &c, 1) == 1 && c != '\n')
    first += c;
  auto colon = first.rfind(':');
  if (first.find("listening") == std::string::npos || colon == std::string::npos) {
    std::fprintf(stderr, "care-server did not start: %s\n", first.c_str());
    return 1;
  }
  int port = std::atoi(first.c_str() + colon + 1);
  std::thread([fd = out[0]] {
    char sink[65536];
    while (::read(fd, sink, sizeof sink) > 0) {
    }
  }).detach();

  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ProcStatus idle = proc_status(pid);

  int epoll = ::epoll_create1(EPOLL_CLOEXEC);
  std::vector<Stream> all(static_cast<size_t>(streams));
  auto opening = Clock::now();
  for (int i = 0; i < streams; ++i) {
    Stream& stream = all[static_cast<size_t>(i)];
    stream.fd = connect_to(port);
    send_all(stream.fd,
             "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
             "Cookie: care_session=" +
                 token_for(i) + "\r\n\r\n");
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u32 = static_cast<uint32_t>(i);
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, stream.fd, &event);
  }
  std::vector<epoll_event> ready(static_cast<size_t>(streams));
  auto pump = [&](int timeout_ms) {
    int n = ::epoll_wait(epoll, ready.data(), streams, timeout_ms);
    for (int k = 0; k < n; ++k) {
      Stream& stream = all[ready[static_cast<size_t>(k)].data.u32];
      if (!drain(stream)) {
        std::fprintf(stderr, "the server closed a stream\n");
        std::exit(1);
      }
    }
  };
  auto all_open = [&] {
    return std::all_of(all.begin(), all.end(), [](const Stream& s) { return s.open; });
  };
  while (!all_open()) {
    if (Clock::now() - opening > std::chrono::seconds(60)) {
      std::fprintf(stderr, "streams did not all open within 60 s\n");
      return 1;
    }
    pump(100);
  }
  std::printf("opened %d streams in %.0f ms\n", streams, ms(Clock::now() - opening));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ProcStatus holding = proc_status(pid);

  // Each round: one agent.state change; time until every stream has its frame.
  std::vector<double> last_ms, median_ms, first_ms;
  for (int round = 1; round <= rounds; ++round) {
    std::string body =
        round % 2 ? R"({"state":"ready"})" : R"({"state":"not_ready","reason":"break"})";
    std::string request =
        "PUT /api/me/state HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        "Content-Type: application/json\r\nCookie: care_session=" +
        token_for(0) + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    int put = connect_to(port);
    auto start = Clock::now();
    send_all(put, request);
    auto deadline = start + std::chrono::seconds(10);
    while (std::any_of(all.begin(), all.end(), [&](const Stream& s) { return s.seen < round; })) {
      if (Clock::now() > deadline) {
        std::fprintf(stderr, "round %d: not every stream got the event within 10 s\n", round);
        return 1;
      }
      pump(50);
    }
    char reply[512];
    ssize_t got = ::recv(put, reply, sizeof reply - 1, 0);
    if (got < 12 || std::strncmp(reply, "HTTP/1.1 200", 12) != 0) {
      std::fprintf(stderr, "round %d: PUT /api/me/state failed\n", round);
      return 1;
    }
    ::close(put);
    std::vector<double> each;
    for (const Stream& s : all)
      each.push_back(ms(s.last_at - start));
    last_ms.push_back(*std::max_element(each.begin(), each.end()));
    first_ms.push_back(*std::min_element(each.begin(), each.end()));
    median_ms.push_back(percentile(each, 0.5));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ProcStatus after = proc_status(pid);

  auto stopping = Clock::now();
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  double stop_ms = ms(Clock::now() - stopping);
  for (Stream& s : all)
    ::close(s.fd);
  std::filesystem::remove_all(root);

  std::printf("server before streams: %ld threads, RSS %.1f MB\n", idle.threads,
              static_cast<double>(idle.rss_kb) / 1024);
  std::printf(
      "server holding %d streams: %ld threads, RSS %.1f MB (after %d rounds: RSS %.1f MB,"
      " peak %.1f MB)\n",
      streams, holding.threads, static_cast<double>(holding.rss_kb) / 1024, rounds,
      static_cast<double>(after.rss_kb) / 1024, static_cast<double>(after.hwm_kb) / 1024);
  std::printf("event to all %d streams, %d rounds (PUT sent → frame read):\n", streams, rounds);
  std::printf("  last stream:   median %.2f ms, p99 %.2f ms, max %.2f ms\n",
              percentile(last_ms, 0.5), percentile(last_ms, 0.99),
              *std::max_element(last_ms.begin(), last_ms.end()));
  std::printf("  median stream: median %.2f ms\n", percentile(median_ms, 0.5));
  std::printf("  first stream:  median %.2f ms\n", percentile(first_ms, 0.5));
  std::printf("server stopped (SIGTERM) with %d streams open in %.0f ms\n", streams, stop_ms);
  return 0;
}
