#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "http/request_framing.hpp"

namespace care::server::http {

using SteadyTime = std::chrono::steady_clock::time_point;

// Answer bytes a client has not taken yet, held for it so that no worker waits on a
// slow reader; bounded for the whole server.
struct UnsentBudget {
  explicit UnsentBudget(size_t bytes) : limit(bytes) {}
  const size_t limit;
  std::atomic<size_t> held{0};
};

// One accepted client connection. It belongs to the ConnectionGate while it waits
// for a whole request, and to one worker thread while that request is answered.
// Closing the socket and giving back its place in the limits happen together, in
// the destructor, whoever holds it last.
struct Connection {
  Connection(int socket, std::string address, int port, RequestFraming::Limits request_limits,
             std::function<void(const std::string&)> closed, UnsentBudget* budget = nullptr)
      : fd(socket),
        peer(std::move(address)),
        peer_port(port),
        framing(request_limits),
        limits(request_limits),
        on_close(std::move(closed)),
        unsent_budget(budget) {}
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Drops the request just answered from the buffer: what follows (a pipelined
  // request) is the next one.
  void next_request(SteadyTime now);

  // Keeps bytes the socket would not take now, to be sent by the gate; false when the
  // server holds as much as its budget allows (the caller then waits for the client).
  bool hold_unsent(std::string_view first, std::string_view second = {});
  // Sends what it can of the held bytes without waiting; false when the socket failed.
  bool send_unsent();
  // Sends all the held bytes, waiting up to `timeout` each time the socket is full.
  bool finish_unsent(std::chrono::milliseconds timeout);
  bool has_unsent() const { return unsent_from < unsent.size(); }

  const int fd;
  const std::string peer;
  const int peer_port;
  std::string received;  // starts at the current request's first byte
  RequestFraming framing;
  RequestFraming::Limits limits;
  SteadyTime request_start{};  // when the current request's first byte came
  SteadyTime answered_at{};    // when the request before it was answered
  SteadyTime deadline{};       // when the gate gives up waiting for it
  bool continue_sent = false;  // the gate said "100 Continue" for this request
  // Refused and answered: what the client still sends is read and dropped for a
  // moment, so that closing does not reset the connection before the answer is read.
  bool lingering = false;
  size_t drained = 0;
  size_t requests = 0;  // answered on this connection
  // This end's address, asked of the socket once: cpp-httplib asks for every request.
  std::string local_ip;
  int local_port = -1;
  std::function<void(const std::string&)> on_close;
  // The held answer bytes (see hold_unsent), and whether the connection closes once
  // they are out.
  std::string unsent;
  size_t unsent_from = 0;  // what of `unsent` is out already
  bool close_when_sent = false;
  UnsentBudget* const unsent_budget;
};

// What cpp-httplib reads a request from and writes its answer to: exactly one whole
// request from the connection's buffer (then end of stream, so a body without a
// length is empty rather than "until the client closes"), and the socket, which is
// non-blocking, for writing with a timeout. Writes are gathered up to kGather bytes
// and sent by flush() (which the server calls once cpp-httplib is done): an answer's
// head and body go in one send, not two, and wake the client once (issue 15). A body
// larger than that leaves with what is gathered in one gathering send (sendmsg), not
// copied. What the socket does not take at once is held on the connection (while the
// budget allows) and sent by the gate, so a slow reader holds no worker.
class ConnectionStream : public httplib::Stream {
 public:
  ConnectionStream(Connection& connection, std::chrono::milliseconds write_timeout)
      : connection_(connection), write_timeout_(write_timeout) {}

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  // Sends what is gathered, or holds it; false when the client is gone or does not
  // take it in time.
  bool flush();
  static constexpr size_t kGather = 16 * 1024;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override;

 private:
  bool peer_open() const;
  // Writes `first` then `second` after what is held: at once as far as the socket
  // takes them, the rest held, or waited for when the budget is spent.
  bool send(std::string_view first, std::string_view second);

  Connection& connection_;
  std::chrono::milliseconds write_timeout_;
  size_t read_ = 0;
  std::string gathered_;
};

// Sends as much of `first` then `second` as the socket takes now, in one gathering
// send per round; the bytes sent, or -1 when the socket failed.
ssize_t send_some(int fd, std::string_view first, std::string_view second);
// Writes a whole small answer on a non-blocking socket, waiting up to `timeout`.
bool write_all(int fd, std::string_view bytes, std::chrono::milliseconds timeout);
// Writes `first` then `second` as one stream of bytes, in as few sends as the socket takes.
bool write_all(int fd, std::string_view first, std::string_view second,
               std::chrono::milliseconds timeout);

}  // namespace care::server::http
