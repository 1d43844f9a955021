#include "http/connection_gate.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <nlohmann/json.hpp>

namespace care::server::http {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kSweepEvery{250};
// Refusals go out on a socket that has just been read from: they fit its buffer.
constexpr std::chrono::milliseconds kRefusalWriteTimeout{0};
// Lingering close: how long, and how much, a refused client's late bytes are read.
constexpr std::chrono::milliseconds kLinger{2'000};
constexpr size_t kLingerBytes = 4 * 1024 * 1024;

const char* reason(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 408:
      return "Request Timeout";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Error";
  }
}

// The answer to a request refused before cpp-httplib saw it, in the API's error
// shape; the connection is closed after it.
std::string refusal(int status, const std::string& code, const std::string& message,
                    int retry_after_seconds = 0, const std::string& field = "") {
  nlohmann::json error{{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  std::string body = nlohmann::json{{"error", error}}.dump();
  std::string head =
      "HTTP/1.1 " + std::to_string(status) + " " + reason(status) +
      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n"
      "Cache-Control: no-cache\r\n";
  if (retry_after_seconds > 0)
    head += "Retry-After: " + std::to_string(retry_after_seconds) + "\r\n";
  return head + "\r\n" + body;
}

std::pair<std::string, int> peer_of(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return {"", 0};
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    auto* v4 = reinterpret_cast<sockaddr_in*>(&address);
    ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
    return {text, ntohs(v4->sin_port)};
  }
  if (address.ss_family == AF_INET6) {
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&address);
    ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
    std::string ip = text;
    // Dual-stack sockets report IPv4 clients as ::ffff:a.b.c.d: one client, one address.
    if (ip.rfind("::ffff:", 0) == 0 && ip.find('.') != std::string::npos) ip = ip.substr(7);
    return {ip, ntohs(v6->sin6_port)};
  }
  return {"", 0};
}

double seconds_since(Clock::time_point start, Clock::time_point now) {
  return std::chrono::duration<double>(now - start).count();
}

}  // namespace

ConnectionGate::ConnectionGate(Options options, Dispatch dispatch, Refused refused)
    : options_(options),
      dispatch_(std::move(dispatch)),
      refused_(std::move(refused)),
      unsent_budget_(options.max_unsent_bytes) {
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.fd = wake_fd_;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &event);
  thread_ = std::thread([this] { run(); });
}

ConnectionGate::~ConnectionGate() {
  stop();
  if (thread_.joinable()) thread_.join();
  ::close(wake_fd_);
  ::close(epoll_fd_);
}

void ConnectionGate::stop() {
  if (stopping_.exchange(true)) return;
  std::uint64_t one = 1;
  [[maybe_unused]] auto written = ::write(wake_fd_, &one, sizeof one);
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
  std::unordered_map<int, std::unique_ptr<Connection>> closing;
  {
    std::lock_guard lock(mutex_);
    closing.swap(waiting_);
  }
}

void ConnectionGate::admit(int fd) {
  auto [peer, port] = peer_of(fd);
  std::string refused;
  int status = 0;
  {
    std::lock_guard lock(counts_mutex_);
    if (stopping_) {
      status = -1;
    } else if (open_ >= options_.max_connections) {
      status = 503;
      refused = refusal(503, "unavailable", "the server holds as many connections as it may", 1);
    } else if (per_address_[peer] >= options_.max_connections_per_address) {
      status = 429;
      refused = refusal(429, "rate_limited", "this address holds as many connections as it may", 1);
    } else {
      ++open_;
      ++per_address_[peer];
    }
  }
  if (status != 0) {
    if (!refused.empty()) write_all(fd, refused, kRefusalWriteTimeout);
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
    if (status > 0 && refused_) refused_("", status, 0.0);
    return;
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  auto connection = std::make_unique<Connection>(
      fd, peer, port, options_.limits, [this](const std::string& p) { release(p); },
      &unsent_budget_);
  auto now = Clock::now();
  connection->request_start = now;
  connection->deadline = now + options_.request_timeout;
  std::lock_guard lock(mutex_);
  wait_locked(std::move(connection));
}

void ConnectionGate::park(std::unique_ptr<Connection> connection) {
  auto now = Clock::now();
  connection->deadline =
      now + (connection->received.empty() ? options_.idle_timeout : options_.request_timeout);
  std::lock_guard lock(mutex_);
  wait_locked(std::move(connection));
}

void ConnectionGate::send_rest(std::unique_ptr<Connection> connection) {
  connection->deadline = Clock::now() + options_.write_timeout;
  std::lock_guard lock(mutex_);
  wait_locked(std::move(connection), EPOLLOUT);
}

void ConnectionGate::refuse(std::unique_ptr<Connection> connection) {
  const RequestFraming& framing = connection->framing;
  int status = framing.status();
  std::string code = framing.code();
  std::string message = framing.message();
  std::lock_guard lock(mutex_);
  refuse_locked(std::move(connection), status, code, message);
}

void ConnectionGate::refuse_locked(std::unique_ptr<Connection> connection, int status,
                                   const std::string& code, const std::string& message) {
  write_all(connection->fd, refusal(status, code, message, 0, connection->framing.field()),
            kRefusalWriteTimeout);
  if (refused_)
    refused_(connection->framing.method(), status,
             seconds_since(connection->request_start, Clock::now()));
  ::shutdown(connection->fd, SHUT_WR);
  connection->lingering = true;
  connection->deadline = Clock::now() + kLinger;
  wait_locked(std::move(connection));
}

void ConnectionGate::drain(int fd) {
  auto found = waiting_.find(fd);
  if (found == waiting_.end()) return;
  Connection& connection = *found->second;
  char chunk[16 * 1024];
  for (;;) {
    ssize_t count = ::recv(fd, chunk, sizeof chunk, 0);
    if (count > 0) {
      connection.drained += static_cast<size_t>(count);
      if (connection.drained > kLingerBytes) break;
      continue;
    }
    if (count < 0 && errno == EINTR) continue;
    if (count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    break;
  }
  take_locked(fd);  // the client closed, or sent more than a lingering close reads
}

void ConnectionGate::wait_locked(std::unique_ptr<Connection> connection, std::uint32_t events) {
  if (stopping_) return;  // dropped: closed
  int fd = connection->fd;
  epoll_event event{};
  event.events = events != 0 ? events : EPOLLIN | EPOLLRDHUP;
  event.data.fd = fd;
  waiting_[fd] = std::move(connection);
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event) != 0) waiting_.erase(fd);
}

std::unique_ptr<Connection> ConnectionGate::take_locked(int fd) {
  auto found = waiting_.find(fd);
  if (found == waiting_.end()) return nullptr;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  auto connection = std::move(found->second);
  waiting_.erase(found);
  return connection;
}

void ConnectionGate::release(const std::string& peer) {
  std::lock_guard lock(counts_mutex_);
  --open_;
  auto found = per_address_.find(peer);
  if (found != per_address_.end() && --found->second == 0) per_address_.erase(found);
}

size_t ConnectionGate::open_connections() const {
  std::lock_guard lock(counts_mutex_);
  return open_;
}

size_t ConnectionGate::waiting_connections() const {
  std::lock_guard lock(mutex_);
  return waiting_.size();
}

bool ConnectionGate::receive(Connection& connection, Clock::time_point now) {
  // Enough for a whole request and the start of the next; more waits in the kernel.
  const size_t cap = options_.limits.max_head + options_.limits.largest() + 64 * 1024;
  char chunk[16 * 1024];
  while (connection.received.size() < cap) {
    ssize_t count = ::recv(connection.fd, chunk, sizeof chunk, 0);
    if (count > 0) {
      if (connection.received.empty()) {
        // The first byte of a request starts its clock (and its log line's time).
        connection.request_start = now;
        connection.deadline = now + options_.request_timeout;
      }
      connection.received.append(chunk, static_cast<size_t>(count));
      continue;
    }
    if (count < 0 && errno == EINTR) continue;
    return count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }
  return true;
}

void ConnectionGate::advance(int fd, Clock::time_point now,
                             std::vector<std::unique_ptr<Connection>>& whole) {
  auto found = waiting_.find(fd);
  if (found == waiting_.end()) return;  // answered or closed earlier in this round
  Connection& connection = *found->second;
  if (connection.lingering) return drain(fd);
  if (connection.has_unsent()) return send_more(fd, now, whole);
  judge(fd, receive(connection, now), whole);
}

void ConnectionGate::judge(int fd, bool open, std::vector<std::unique_ptr<Connection>>& whole) {
  Connection& connection = *waiting_.at(fd);
  switch (connection.framing.feed(connection.received)) {
    case RequestFraming::State::Whole:
      whole.push_back(take_locked(fd));
      return;
    case RequestFraming::State::Refused: {
      int status = connection.framing.status();
      std::string code = connection.framing.code();
      std::string message = connection.framing.message();
      refuse_locked(take_locked(fd), status, code, message);
      return;
    }
    case RequestFraming::State::NeedBody:
      if (connection.framing.expects_continue() && !connection.continue_sent) {
        // The client waits for a go-ahead before sending the body; cpp-httplib sends
        // another later, which HTTP allows (any number of 1xx before the answer).
        write_all(fd, "HTTP/1.1 100 Continue\r\n\r\n", kRefusalWriteTimeout);
        connection.continue_sent = true;
      }
      break;
    case RequestFraming::State::NeedHead:
      break;
  }
  if (!open) take_locked(fd);  // the client left before its request was whole
}

void ConnectionGate::send_more(int fd, Clock::time_point now,
                               std::vector<std::unique_ptr<Connection>>& whole) {
  Connection& connection = *waiting_.at(fd);
  if (!connection.send_unsent()) {
    take_locked(fd);  // the client left
    return;
  }
  if (connection.has_unsent()) {
    connection.deadline = now + options_.write_timeout;  // it took some: more time
    return;
  }
  if (connection.close_when_sent) {
    take_locked(fd);
    return;
  }
  // Out: the connection waits for its next request, which may have come already.
  connection.deadline =
      now + (connection.received.empty() ? options_.idle_timeout : options_.request_timeout);
  epoll_event event{};
  event.events = EPOLLIN | EPOLLRDHUP;
  event.data.fd = fd;
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, fd, &event) != 0) {
    take_locked(fd);
    return;
  }
  judge(fd, true, whole);
}

void ConnectionGate::expire(Clock::time_point now) {
  std::vector<int> late;
  for (const auto& [fd, connection] : waiting_) {
    if (now >= connection->deadline) late.push_back(fd);
  }
  for (int fd : late) {
    auto connection = take_locked(fd);
    // Silence on an idle connection is normal, and a client that takes nothing of
    // its answer is dropped; a request begun and not finished in time gets an answer
    // saying so.
    if (!connection->lingering && !connection->has_unsent() && !connection->received.empty())
      refuse_locked(std::move(connection), 408, "request_timeout",
                    "the request did not arrive in time");
  }
}

void ConnectionGate::run() {
  epoll_event events[256];
  auto next_sweep = Clock::now() + kSweepEvery;
  while (!stopping_) {
    int count = ::epoll_wait(epoll_fd_, events, 256, static_cast<int>(kSweepEvery.count()));
    auto now = Clock::now();
    std::vector<std::unique_ptr<Connection>> whole;
    {
      std::lock_guard lock(mutex_);
      for (int i = 0; i < count; ++i) {
        if (events[i].data.fd == wake_fd_) continue;
        advance(events[i].data.fd, now, whole);
      }
      if (now >= next_sweep) {
        expire(now);
        next_sweep = now + kSweepEvery;
      }
    }
    for (auto& connection : whole)
      dispatch_(std::move(connection));
  }
}

}  // namespace care::server::http
