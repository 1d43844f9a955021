#include "http/connection.hpp"

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace care::server::http {
namespace {

bool wait_for(int fd, short events, std::chrono::milliseconds timeout) {
  pollfd entry{fd, events, 0};
  int ready;
  do {
    ready = ::poll(&entry, 1, static_cast<int>(timeout.count()));
  } while (ready < 0 && errno == EINTR);
  return ready > 0 && (entry.revents & (POLLERR | POLLHUP | POLLNVAL)) == 0;
}

// Drops from the front of `first` then `second` the bytes a send took.
void drop_sent(std::string_view& first, std::string_view& second, size_t taken) {
  size_t from_first = std::min(taken, first.size());
  first.remove_prefix(from_first);
  second.remove_prefix(taken - from_first);
}

}  // namespace

Connection::~Connection() {
  if (has_unsent()) unsent_budget->held -= unsent.size() - unsent_from;
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
  if (on_close) on_close(peer);
}

void Connection::next_request(SteadyTime now) {
  received.erase(0, std::min(framing.end(), received.size()));
  framing = RequestFraming(limits);
  continue_sent = false;
  request_start = now;
  ++requests;
}

bool Connection::hold_unsent(std::string_view first, std::string_view second) {
  if (!unsent_budget) return false;
  size_t bytes = first.size() + second.size();
  size_t held = unsent_budget->held.load();
  do {
    if (held + bytes > unsent_budget->limit) return false;
  } while (!unsent_budget->held.compare_exchange_weak(held, held + bytes));
  unsent.append(first);
  unsent.append(second);
  return true;
}

bool Connection::send_unsent() {
  if (!has_unsent()) return true;
  ssize_t sent = send_some(fd, std::string_view(unsent).substr(unsent_from), {});
  if (sent < 0) return false;
  unsent_from += static_cast<size_t>(sent);
  unsent_budget->held -= static_cast<size_t>(sent);
  if (!has_unsent()) {
    // A large answer's copy goes with it, not kept for the connection's life.
    std::string().swap(unsent);
    unsent_from = 0;
  }
  return true;
}

bool Connection::finish_unsent(std::chrono::milliseconds timeout) {
  for (;;) {
    if (!send_unsent()) return false;
    if (!has_unsent()) return true;
    if (!wait_for(fd, POLLOUT, timeout)) return false;
  }
}

ssize_t send_some(int fd, std::string_view first, std::string_view second) {
  size_t total = 0;
  while (!first.empty() || !second.empty()) {
    iovec parts[2];
    msghdr message{};
    message.msg_iov = parts;
    for (std::string_view part : {first, second}) {
      if (part.empty()) continue;
      parts[message.msg_iovlen++] = {const_cast<char*>(part.data()), part.size()};
    }
    ssize_t sent = ::sendmsg(fd, &message, MSG_NOSIGNAL);
    if (sent > 0) {
      drop_sent(first, second, static_cast<size_t>(sent));
      total += static_cast<size_t>(sent);
    } else if (sent < 0 && errno == EINTR) {
      continue;
    } else if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      break;
    } else {
      return -1;
    }
  }
  return static_cast<ssize_t>(total);
}

bool write_all(int fd, std::string_view bytes, std::chrono::milliseconds timeout) {
  return write_all(fd, bytes, {}, timeout);
}

bool write_all(int fd, std::string_view first, std::string_view second,
               std::chrono::milliseconds timeout) {
  for (;;) {
    ssize_t sent = send_some(fd, first, second);
    if (sent < 0) return false;
    drop_sent(first, second, static_cast<size_t>(sent));
    if (first.empty() && second.empty()) return true;
    if (!wait_for(fd, POLLOUT, timeout)) return false;
  }
}

bool ConnectionStream::is_readable() const {
  return read_ < connection_.framing.end();
}

bool ConnectionStream::peer_open() const {
  // A peer that has closed still looks writable until a send fails, and the first
  // send after its close succeeds: ask before writing, so that an event stream whose
  // client left ends at its next event (as cpp-httplib's own stream does).
  char byte;
  ssize_t peeked = ::recv(connection_.fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return peeked > 0 || (peeked < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
}

bool ConnectionStream::is_writable() const {
  return wait_for(connection_.fd, POLLOUT, write_timeout_) && peer_open();
}

ssize_t ConnectionStream::read(char* ptr, size_t size) {
  size_t end = std::min(connection_.framing.end(), connection_.received.size());
  size_t count = std::min(size, end - std::min(read_, end));
  std::memcpy(ptr, connection_.received.data() + read_, count);
  read_ += count;
  return static_cast<ssize_t>(count);
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
  if (gathered_.size() + size <= kGather) {
    gathered_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  if (size <= kGather) {
    if (!flush()) return -1;
    gathered_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  // A large body: it leaves together with what came before it (the head).
  bool sent = peer_open() && send(gathered_, {ptr, size});
  gathered_.clear();
  return sent ? static_cast<ssize_t>(size) : -1;
}

bool ConnectionStream::send(std::string_view first, std::string_view second) {
  if (connection_.has_unsent()) {
    // Behind what is held already, in order.
    if (connection_.hold_unsent(first, second)) return true;
    if (!connection_.finish_unsent(write_timeout_)) return false;
  }
  ssize_t sent = send_some(connection_.fd, first, second);
  if (sent < 0) return false;
  drop_sent(first, second, static_cast<size_t>(sent));
  if (first.empty() && second.empty()) return true;
  // The client is not taking it as fast: the gate sends the rest; over the budget,
  // this worker waits for the client as it always did.
  if (connection_.hold_unsent(first, second)) return true;
  return write_all(connection_.fd, first, second, write_timeout_);
}

bool ConnectionStream::flush() {
  if (gathered_.empty()) return true;
  // No look for a departed peer first (a recv a request): an answer sent to one is
  // dropped by the kernel, and the connection's next read sees the close.
  bool sent = send(gathered_, {});
  gathered_.clear();
  return sent;
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  ip = connection_.peer;
  port = connection_.peer_port;
}

namespace {

void local_address(int fd, std::string& ip, int& port) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  ip.clear();
  port = 0;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return;
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    auto* v4 = reinterpret_cast<sockaddr_in*>(&address);
    ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
    port = ntohs(v4->sin_port);
  } else if (address.ss_family == AF_INET6) {
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&address);
    ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
    port = ntohs(v6->sin6_port);
  }
  ip = text;
}

}  // namespace

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  if (connection_.local_port < 0)
    local_address(connection_.fd, connection_.local_ip, connection_.local_port);
  ip = connection_.local_ip;
  port = connection_.local_port;
}

socket_t ConnectionStream::socket() const {
  // cpp-httplib (Debian builds it without CPPHTTPLIB_USE_POLL) answers 500 for a
  // socket at or past FD_SETSIZE because its own stream would select() on it. This
  // stream polls, so that guard does not apply: say "no socket" rather than lie.
  return connection_.fd < FD_SETSIZE ? connection_.fd : INVALID_SOCKET;
}

}  // namespace care::server::http
