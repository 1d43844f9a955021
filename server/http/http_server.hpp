#pragma once

#include <httplib.h>

#include <memory>

#include "http/connection_gate.hpp"
#include "http/worker_pool.hpp"

namespace care::server::http {

// cpp-httplib's server with its connection handling replaced (routing, handlers and
// responses stay cpp-httplib's). Stock 0.11 gives each connection a thread for its
// whole life, reads bodies before any limit applies when they are chunked, reads a
// body without a length until the client closes, and loses pipelined requests (a
// fresh stream per request drops what the last one read ahead). Here the
// ConnectionGate waits for whole requests without threads; a worker answers each
// one from the bytes already received, and a kept-alive connection goes back to the
// gate after its answer, and an event stream's goes to the stream loop
// (request_scope::hand_off). A client that sends its requests back to back (its last
// one came within `linger` of the answer before) gets its next request waited for by
// the worker that answered, for up to `linger`, while the pool has threads to spare:
// through the gate, each request cost two thread wake-ups (the gate's, then a
// worker's) and four locks (issue 15).
//
// Reads (GET, HEAD, OPTIONS) and writes have workers of their own. Reads are work for
// the cores: a few threads answering them in arrival order keep every reader's wait
// short, where 64 threads sharing two cores let some wait 5–10 times the median.
// Writes mostly wait (a commit's fsync, a lock) and SQLite commits those waiting
// together: they keep many threads.
class HttpServer : public httplib::Server {
 public:
  struct Options {
    ConnectionGate::Options gate;
    // Workers answering writes at once (event streams hold none), and reads; 0 reads:
    // reads share the writes' workers.
    size_t max_threads = 64;
    size_t max_read_threads = 0;
    size_t max_requests_per_connection = 1000;
    std::chrono::milliseconds write_timeout{5'000};
    std::chrono::microseconds linger{2'000};  // 0: every connection goes back to the gate
  };

  explicit HttpServer(Options options);
  ~HttpServer() override;

  // Stops accepting, closes waiting connections and waits for the workers.
  void shut_down();
  void on_refused(ConnectionGate::Refused refused) { refused_ = std::move(refused); }

  const ConnectionGate& gate() const { return gate_; }

 private:
  bool process_and_close_socket(socket_t sock) override;
  // The workers a whole request on this connection goes to (by its method).
  WorkerPool& workers_for(const Connection& connection);
  void dispatch(std::unique_ptr<Connection> connection);
  void answer(std::unique_ptr<Connection> connection, WorkerPool& workers);
  // After an answer with nothing more received: waits up to `linger` for the client's
  // next request on this thread. Arrived: bytes were added to `received`.
  enum class Next { Arrived, Quiet, Closed };
  Next linger(Connection& connection, WorkerPool& workers);

  Options options_;
  ConnectionGate::Refused refused_;
  ConnectionGate gate_;
  WorkerPool workers_;  // after gate_: destroyed (joined) first
  WorkerPool readers_;
};

}  // namespace care::server::http
