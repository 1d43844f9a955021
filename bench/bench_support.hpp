// What the server benchmarks share: flags, a care-server child process on a fresh
// data folder, raw loopback sockets, accounts and sessions written straight into the
// database (no argon2id sign-ins), and percentiles. Header only; each bench is one
// executable (issue 5, "Speed and scale"). Figures only, no pass/fail.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "auth/password.hpp"
#include "store/sqlite_store.hpp"

extern char** environ;

namespace care::bench {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

inline const char* g_name = "bench";

[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "%s: %s%s%s\n", g_name, what.c_str(), errno ? ": " : "",
               errno ? std::strerror(errno) : "");
  std::exit(1);
}

inline double ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

inline std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Nearest-rank percentile of a copy (p in 0..1).
inline double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t index = static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

// "--name value" pairs; anything else is a usage error.
class Flags {
 public:
  Flags(int argc, char** argv, std::vector<std::string> known, const char* usage) : usage_(usage) {
    for (int i = 1; i < argc; ++i) {
      std::string flag = argv[i];
      if (flag == "-h" || flag == "--help") usage_exit(0);
      if (std::find(known.begin(), known.end(), flag) == known.end() || i + 1 >= argc) {
        usage_exit(2);
      }
      values_[flag] = argv[++i];
    }
  }
  int integer(const std::string& flag, int fallback) const {
    auto found = values_.find(flag);
    if (found == values_.end()) return fallback;
    char* end = nullptr;
    long value = std::strtol(found->second.c_str(), &end, 10);
    if (*end != '\0' || value < 0) usage_exit(2);
    return static_cast<int>(value);
  }
  double number(const std::string& flag, double fallback) const {
    auto found = values_.find(flag);
    return found == values_.end() ? fallback : std::atof(found->second.c_str());
  }
  std::string text(const std::string& flag, const std::string& fallback) const {
    auto found = values_.find(flag);
    return found == values_.end() ? fallback : found->second;
  }
  bool has(const std::string& flag) const { return values_.count(flag) != 0; }

 private:
  [[noreturn]] void usage_exit(int code) const {
    std::fprintf(code ? stderr : stdout, "%s", usage_);
    std::exit(code);
  }
  const char* usage_;
  std::map<std::string, std::string> values_;
};

// "1000,5000,10000" (the headcounts a bench runs at) → its numbers; empty when any is
// not a whole number from 1 to 100,000 (a usage error).
inline std::vector<int> headcounts(const std::string& text) {
  std::vector<int> counts;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    char* end = nullptr;
    long value = std::strtol(item.c_str(), &end, 10);
    if (item.empty() || *end != '\0' || value < 1 || value > 100'000) return {};
    counts.push_back(static_cast<int>(value));
  }
  return counts;
}

// Our sockets plus the server's: lift the soft limit to the hard one.
inline void raise_fd_limit() {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
}

// A fresh folder under the system temp dir (or `base` when given), removed at exit
// unless kept.
inline fs::path work_dir(const std::string& base, const std::string& what) {
  fs::path root = base.empty() ? fs::temp_directory_path() : fs::path(base);
  root /= "care-bench-" + what + "-" + std::to_string(::getpid());
  fs::create_directories(root / "data");
  return root;
}

struct ProcStatus {
  long rss_kb = 0;
  long hwm_kb = 0;
  long threads = 0;
};

inline ProcStatus proc_status(pid_t pid) {
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

// Context switches of all the process's threads so far, from /proc/PID/task/*/status.
// A voluntary one is a thread going to sleep (a futex, epoll or socket wait) and so,
// later, one wake-up; an involuntary one is a thread put aside for another (the
// machine's load). Threads that have ended are not counted.
struct ContextSwitches {
  long voluntary = 0;
  long involuntary = 0;
};

inline ContextSwitches context_switches(pid_t pid) {
  ContextSwitches total;
  std::error_code error;
  for (const auto& task : fs::directory_iterator("/proc/" + std::to_string(pid) + "/task", error)) {
    std::ifstream in(task.path() / "status");
    std::string key;
    while (in >> key) {
      long value = 0;
      if (key == "voluntary_ctxt_switches:" && in >> value) total.voluntary += value;
      if (key == "nonvoluntary_ctxt_switches:" && in >> value) total.involuntary += value;
      std::getline(in, key);
    }
  }
  return total;
}

// CPU time (user + system) the process has used, in ms.
inline double cpu_ms(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::vector<std::string> fields;
  std::string field;
  for (size_t i = close + 2; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ' ') {
      fields.push_back(field);
      field.clear();
    } else {
      field += text[i];
    }
  }
  if (fields.size() < 13) return 0;
  double ticks = std::atof(fields[11].c_str()) + std::atof(fields[12].c_str());  // utime, stime
  return ticks * 1000.0 / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// care-server as a child process (so /proc shows its threads and memory alone), on
// `--port 0`; its request log (one JSON line per request) is read and dropped.
class ServerProcess {
 public:
  ServerProcess(const std::string& binary, const fs::path& data, std::vector<std::string> extra) {
    int out[2];
    if (::pipe(out) != 0) fail("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::vector<std::string> args = {binary,
                                     "--port",
                                     "0",
                                     "--data",
                                     data.string(),
                                     "--web",
                                     (data.parent_path() / "no-web").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& arg : args)
      argv.push_back(arg.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ) != 0) {
      fail("cannot start " + binary);
    }
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    // First line: "care-server listening on http://127.0.0.1:PORT".
    std::string first;
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n')
      first += c;
    auto colon = first.rfind(':');
    if (first.find("listening") == std::string::npos || colon == std::string::npos) {
      fail("care-server did not start: " + first);
    }
    port_ = std::atoi(first.c_str() + colon + 1);
    drain_ = std::thread([fd = out[0]] {
      char sink[65536];
      while (::read(fd, sink, sizeof sink) > 0) {
      }
      ::close(fd);
    });
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  ~ServerProcess() { stop(); }

  int port() const { return port_; }
  pid_t pid() const { return pid_; }

  // SIGTERM and wait; returns how long it took in ms.
  double stop() {
    if (pid_ <= 0) return 0;
    auto start = Clock::now();
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = 0;
    if (drain_.joinable()) drain_.join();
    return ms(Clock::now() - start);
  }

 private:
  pid_t pid_ = 0;
  int port_ = 0;
  std::thread drain_;
};

inline int connect_to(int port) {
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

inline void send_all(int fd, const std::string& text) {
  size_t sent = 0;
  while (sent < text.size()) {
    ssize_t n = ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) fail("send");
    sent += static_cast<size_t>(n);
  }
}

inline std::string request_text(const std::string& method, const std::string& path,
                                const std::string& cookie_token, const std::string& body,
                                const std::string& extra_headers = "") {
  std::string text = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!cookie_token.empty()) text += "Cookie: care_session=" + cookie_token + "\r\n";
  text += extra_headers;
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    text +=
        "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  return text + "\r\n" + body;
}

// One keep-alive HTTP/1.1 connection over a blocking socket: send a request, read one
// response (Content-Length bodies, which is all care-server sends outside streams).
class Connection {
 public:
  explicit Connection(int port) : port_(port), fd_(connect_to(port)) {}
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() {
    if (fd_ >= 0) ::close(fd_);
  }

  struct Response {
    int status = 0;
    std::string body;
  };

  Response exchange(const std::string& method, const std::string& path, const std::string& token,
                    const std::string& body = "", const std::string& extra_headers = "") {
    send_all(fd_, request_text(method, path, token, body, extra_headers));
    return read_response();
  }

  Response read_response() {
    for (;;) {
      auto end = buffer_.find("\r\n\r\n");
      if (end != std::string::npos) {
        Response response;
        response.status = std::atoi(buffer_.c_str() + 9);
        size_t length = 0;
        std::string head = buffer_.substr(0, end);
        for (auto& ch : head)
          ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        auto at = head.find("\r\ncontent-length:");
        if (at != std::string::npos) length = std::strtoul(head.c_str() + at + 17, nullptr, 10);
        bool closing = head.find("\r\nconnection: close") != std::string::npos;
        while (buffer_.size() < end + 4 + length)
          fill();
        response.body = buffer_.substr(end + 4, length);
        buffer_.erase(0, end + 4 + length);
        if (closing) reconnect();
        return response;
      }
      fill();
    }
  }

 private:
  void fill() {
    char chunk[65536];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) fail("the server closed a connection");
    buffer_.append(chunk, static_cast<size_t>(n));
  }
  void reconnect() {
    ::close(fd_);
    fd_ = connect_to(port_);
    buffer_.clear();
  }
  int port_;
  int fd_;
  std::string buffer_;
};

inline std::string token_for(const std::string& prefix, int i) {
  return "bench-" + prefix + "-token-" + std::to_string(i);
}

// Accounts with sessions, straight into the database the server will open (either store). No one
// signs in with these: the hash is not a valid argon2id string.
inline std::vector<Id> seed_accounts(server::store::Store& store, const std::string& prefix,
                                     int count, server::store::Role role) {
  std::vector<Id> ids;
  auto now = wall_ms();
  for (int i = 0; i < count; ++i) {
    server::store::NewAgent agent{prefix + std::to_string(i), "Bench " + std::to_string(i), "!",
                                  role};
    auto created = store.create_agent(agent, now);
    if (!created) fail("cannot create agent " + agent.username);
    store.create_session(server::auth::token_hash(token_for(prefix, i)), created->id, now,
                         now + 24LL * 3600 * 1000);
    ids.push_back(created->id);
  }
  return ids;
}

inline void print_latency(const char* label, const std::vector<double>& values) {
  std::printf("  %-28s n=%-6zu median %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  max %7.3f ms\n", label,
              values.size(), percentile(values, 0.5), percentile(values, 0.9),
              percentile(values, 0.99),
              values.empty() ? 0.0 : *std::max_element(values.begin(), values.end()));
}

}  // namespace care::bench
