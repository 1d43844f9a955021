// The server under hostile clients (issue 14): its memory, threads and /healthz
// latency while idle connections pile up (250, 1,000, 5,000 by default) and, with the
// most of them open, a 600 MiB chunked upload and 120 clients trickling a byte every
// 100 ms are in flight. Prints figures; asserts nothing.
#include <poll.h>

#include <atomic>
#include <sstream>

#include "bench_support.hpp"

using namespace care::bench;

namespace {

int connect_from(int port, const std::string& source) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) fail("socket");
  sockaddr_in from{};
  from.sin_family = AF_INET;
  ::inet_pton(AF_INET, source.c_str(), &from.sin_addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) fail("bind " + source);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) fail("connect");
  return fd;
}

// One GET /healthz on a new connection (what a load balancer's probe does): ms until
// the whole answer is read, or -1 when none came within 5 s.
double probe(int port) {
  auto start = Clock::now();
  int fd = connect_from(port, "127.0.0.9");
  send_all(fd, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  std::string answer;
  char chunk[4096];
  pollfd entry{fd, POLLIN, 0};
  while (::poll(&entry, 1, 5000) > 0) {
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) break;
    answer.append(chunk, static_cast<size_t>(n));
  }
  ::close(fd);
  if (answer.rfind("HTTP/1.1 200", 0) != 0) return -1;
  return ms(Clock::now() - start);
}

struct Probes {
  double p50 = 0, p99 = 0;
  int failed = 0;
};

Probes probe_many(int port, int count) {
  std::vector<double> times;
  Probes result;
  for (int i = 0; i < count; ++i) {
    double t = probe(port);
    if (t < 0) {
      ++result.failed;
    } else {
      times.push_back(t);
    }
  }
  result.p50 = percentile(times, 0.5);
  result.p99 = percentile(times, 0.99);
  return result;
}

void print_row(const char* what, size_t idle, pid_t pid, const Probes& probes) {
  ProcStatus status = proc_status(pid);
  std::printf("%-34s %7zu %9.1f %8ld %9.2f %9.2f %7d\n", what, idle,
              static_cast<double>(status.rss_kb) / 1024.0, status.threads, probes.p50, probes.p99,
              probes.failed);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  g_name = "bench_hostile_load";
  Flags flags(argc, argv, {"--idle", "--probes", "--upload-mib", "--server", "--work"},
              "usage: bench_hostile_load [--idle 250,1000,5000] [--probes 200]\n"
              "                          [--upload-mib 600] [--server PATH] [--work DIR]\n");
  raise_fd_limit();
  std::vector<size_t> sizes;
  {
    std::stringstream list(flags.text("--idle", "250,1000,5000"));
    for (std::string item; std::getline(list, item, ',');)
      sizes.push_back(static_cast<size_t>(std::stoul(item)));
  }
  const int probes = flags.integer("--probes", 200);
  const size_t upload_bytes = static_cast<size_t>(flags.integer("--upload-mib", 600)) << 20;
  fs::path root = work_dir(flags.text("--work", ""), "hostile");
  // Long timeouts so the idle connections stay for the measurement (by default an
  // idle new connection is closed after 20 s); the per-address cap is left as it is,
  // so the connections come from many loopback addresses, 200 each.
  ServerProcess server(
      flags.text("--server", CARE_SERVER_BIN), root / "data",
      {"--request-timeout", "10m", "--idle-timeout", "10m", "--max-streams", "1000"});
  const int port = server.port();

  std::printf("%-34s %7s %9s %8s %9s %9s %7s\n", "phase", "idle", "RSS MB", "threads", "p50 ms",
              "p99 ms", "failed");
  print_row("no load", 0, server.pid(), probe_many(port, probes));

  std::vector<int> idle;
  for (size_t target : sizes) {
    while (idle.size() < target) {
      size_t client = idle.size() / 200;
      idle.push_back(connect_from(
          port, "127.1." + std::to_string(client / 250) + "." + std::to_string(1 + client % 250)));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // all accepted
    print_row("idle connections", idle.size(), server.pid(), probe_many(port, probes));
  }

  // With the most idle connections still open: one client uploads 600 MiB chunked
  // and 120 send their request head a byte every 100 ms.
  std::atomic<bool> done{false};
  size_t uploaded = 0;
  double refused_after_ms = -1;
  std::string upload_status;
  std::thread upload([&] {
    int fd = connect_from(port, "127.0.2.1");
    send_all(fd,
             "POST /api/channels/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
             "application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    const std::string chunk = "10000\r\n" + std::string(0x10000, 'a') + "\r\n";
    auto start = Clock::now();
    pollfd entry{fd, POLLIN, 0};
    while (uploaded < upload_bytes && ::poll(&entry, 1, 0) == 0) {
      ssize_t n = ::send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL);
      if (n <= 0) break;
      uploaded += static_cast<size_t>(n);
    }
    char answer[256] = {};
    if (::recv(fd, answer, sizeof answer - 1, 0) > 0) {
      refused_after_ms = ms(Clock::now() - start);
      upload_status = std::string(answer).substr(0, std::string(answer).find('\r'));
    }
    ::close(fd);
  });
  std::vector<int> slow;
  for (int i = 0; i < 120; ++i)
    slow.push_back(connect_from(port, "127.0.3." + std::to_string(1 + i / 100)));
  std::thread trickle([&] {
    const std::string head = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    for (size_t at = 0; !done; ++at) {
      for (int fd : slow) {
        char byte = at < head.size() ? head[at] : 'z';
        ::send(fd, &byte, 1, MSG_NOSIGNAL);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  print_row("+ 600 MiB chunked upload, 120 slow", idle.size(), server.pid(),
            probe_many(port, probes));
  done = true;
  upload.join();
  trickle.join();
  ProcStatus status = proc_status(server.pid());
  std::printf(
      "upload: %.1f MiB sent before the answer \"%s\" after %.0f ms; server peak RSS %.1f MB\n",
      static_cast<double>(uploaded) / (1 << 20), upload_status.c_str(), refused_after_ms,
      static_cast<double>(status.hwm_kb) / 1024.0);
  for (int fd : idle)
    ::close(fd);
  for (int fd : slow)
    ::close(fd);
  server.stop();
  fs::remove_all(root);
  return 0;
}
