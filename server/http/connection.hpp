#pragma once

#include <httplib.h>

#include <chrono>
#include <functional>
#include <string>

#include "http/request_framing.hpp"

namespace care::server::http {

using SteadyTime = std::chrono::steady_clock::time_point;

// One accepted client connection. It belongs to the ConnectionGate while it waits
// for a whole request, and to one worker thread while that request is answered.
// Closing the socket and giving back its place in the limits happen together, in
// the destructor, whoever holds it last.
struct Connection {
  Connection(int socket, std::string address, int port, RequestFraming::Limits request_limits,
             std::function<void(const std::string&)> closed)
      : fd(socket),
        peer(std::move(address)),
        peer_port(port),
        framing(request_limits),
        limits(request_limits),
        on_close(std::move(closed)) {}
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Drops the request just answered from the buffer: what follows (a pipelined
  // request) is the next one.
  void next_request(SteadyTime now);

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
};

// What cpp-httplib reads a request from and writes its answer to: exactly one whole
// request from the connection's buffer (then end of stream, so a body without a
// length is empty rather than "until the client closes"), and the socket, which is
// non-blocking, for writing with a timeout. Writes are gathered up to kGather bytes
// and sent by flush() (which the server calls once cpp-httplib is done): an answer's
// head and body go in one send, not two, and wake the client once (issue 15). A body
// larger than that leaves with what is gathered in one gathering send (sendmsg), not
// copied.
class ConnectionStream : public httplib::Stream {
 public:
  ConnectionStream(Connection& connection, std::chrono::milliseconds write_timeout)
      : connection_(connection), write_timeout_(write_timeout) {}

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  // Sends what is gathered; false when the client is gone or does not take it in time.
  bool flush();
  static constexpr size_t kGather = 16 * 1024;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override;

 private:
  bool peer_open() const;

  Connection& connection_;
  std::chrono::milliseconds write_timeout_;
  size_t read_ = 0;
  std::string gathered_;
};

// Writes a whole small answer on a non-blocking socket, waiting up to `timeout`.
bool write_all(int fd, std::string_view bytes, std::chrono::milliseconds timeout);
// Writes `first` then `second` as one stream of bytes, in as few sends as the socket takes.
bool write_all(int fd, std::string_view first, std::string_view second,
               std::chrono::milliseconds timeout);

}  // namespace care::server::http
