#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/connection.hpp"

namespace care::server::http {

// Where connections wait for a whole request without holding a thread. cpp-httplib
// gives every connection a thread from accept() to close, so 118 idle sockets, or
// 120 clients sending a byte a second, used to take every thread and /healthz went
// unanswered. Here one epoll thread holds the waiting ones: it reads what arrives,
// frames it (RequestFraming), refuses at once what breaks a limit, closes what is
// too slow, and hands a request to a worker only when it is whole. It also sends the
// rest of an answer a client is slow to take (Connection::hold_unsent), so a slow
// reader holds no worker either.
class ConnectionGate {
 public:
  struct Options {
    size_t max_connections = 10'000;
    size_t max_connections_per_address = 256;
    // Time for a request's head, and then its body, from its first byte.
    std::chrono::milliseconds request_timeout{20'000};
    // Time a kept-alive connection may sit idle between requests.
    std::chrono::milliseconds idle_timeout{30'000};
    // Time a client may take nothing of an answer it is sent before it is dropped.
    std::chrono::milliseconds write_timeout{5'000};
    // Answer bytes held for slow readers, in all; beyond it a worker waits for them.
    size_t max_unsent_bytes = 64 * 1024 * 1024;
    RequestFraming::Limits limits;
  };
  // A whole request is ready on this connection: answer it (on another thread).
  using Dispatch = std::function<void(std::unique_ptr<Connection>)>;
  // A request was refused here, before cpp-httplib saw it: for the log and metrics.
  using Refused = std::function<void(const std::string& method, int status, double seconds)>;

  ConnectionGate(Options options, Dispatch dispatch, Refused refused);
  ~ConnectionGate();
  ConnectionGate(const ConnectionGate&) = delete;
  ConnectionGate& operator=(const ConnectionGate&) = delete;

  // A socket accept() just returned. Refused at once beyond the connection limits.
  void admit(int fd);
  // A connection whose answer went out waits here for its next request.
  void park(std::unique_ptr<Connection> connection);
  // A connection whose answer is partly out: the gate sends the rest as the client
  // takes it, then closes it (close_when_sent) or waits for its next request.
  void send_rest(std::unique_ptr<Connection> connection);
  // Answers a request the framing refused, and closes (drops) the connection.
  void refuse(std::unique_ptr<Connection> connection);
  // Closes every waiting connection; connections parked later are closed at once.
  void stop();
  bool stopping() const { return stopping_; }

  size_t open_connections() const;
  size_t waiting_connections() const;
  size_t unsent_bytes() const { return unsent_budget_.held; }
  const Options& options() const { return options_; }

 private:
  void run();
  // Reads what the socket has; false when the peer closed or the socket failed.
  bool receive(Connection& connection, std::chrono::steady_clock::time_point now);
  // Decides what to do with a connection after bytes arrived (lock held).
  void advance(int fd, std::chrono::steady_clock::time_point now,
               std::vector<std::unique_ptr<Connection>>& whole);
  // What the connection's received bytes make of its request now (lock held).
  void judge(int fd, bool open, std::vector<std::unique_ptr<Connection>>& whole);
  // Sends more of a held answer; once it is out, the connection waits for its next
  // request (lock held).
  void send_more(int fd, std::chrono::steady_clock::time_point now,
                 std::vector<std::unique_ptr<Connection>>& whole);
  void expire(std::chrono::steady_clock::time_point now);
  void release(const std::string& peer);
  void wait_locked(std::unique_ptr<Connection> connection, std::uint32_t events = 0);
  // Answers, half-closes and keeps draining the connection briefly (lingering close).
  void refuse_locked(std::unique_ptr<Connection> connection, int status, const std::string& code,
                     const std::string& message);
  void drain(int fd);
  std::unique_ptr<Connection> take_locked(int fd);

  const Options options_;
  const Dispatch dispatch_;
  const Refused refused_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;  // waiting_
  std::unordered_map<int, std::unique_ptr<Connection>> waiting_;
  // Its own lock: a Connection gives back its place from its destructor, which may
  // run while mutex_ is held.
  mutable std::mutex counts_mutex_;
  std::unordered_map<std::string, size_t> per_address_;
  size_t open_ = 0;
  UnsentBudget unsent_budget_;
  std::thread thread_;
};

}  // namespace care::server::http
