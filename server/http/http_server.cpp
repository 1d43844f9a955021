#include "http/http_server.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

#include "http/request_scope.hpp"

namespace care::server::http {
namespace {

// accept() runs on cpp-httplib's listening thread; handing the socket to the gate
// takes microseconds, so it is done right there rather than on a worker.
class AcceptInPlace : public httplib::TaskQueue {
 public:
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override {}
};

ConnectionGate::Options gate_options(const HttpServer::Options& options) {
  ConnectionGate::Options gate = options.gate;
  gate.write_timeout = options.write_timeout;
  return gate;
}

}  // namespace

HttpServer::HttpServer(Options options)
    : options_(options),
      gate_(
          gate_options(options),
          [this](std::unique_ptr<Connection> connection) { dispatch(std::move(connection)); },
          [this](const std::string& method, int status, double seconds) {
            if (refused_) refused_(method, status, seconds);
          }),
      workers_(options.max_threads),
      readers_(options.max_read_threads) {
  new_task_queue = [] { return new AcceptInPlace; };
}

HttpServer::~HttpServer() {
  shut_down();
}

void HttpServer::shut_down() {
  // The gate admits nothing more and the answers in hand finish before cpp-httplib is
  // stopped: once stopped it skips a chunked body's provider, and an event stream whose
  // head was already out then closed without its last chunk (CI, stop 23).
  gate_.stop();
  workers_.shutdown();
  readers_.shutdown();
  if (is_running()) stop();
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  gate_.admit(sock);
  return true;
}

WorkerPool& HttpServer::workers_for(const Connection& connection) {
  if (options_.max_read_threads == 0) return workers_;
  const std::string& method = connection.framing.method();
  bool read = method == "GET" || method == "HEAD" || method == "OPTIONS";
  return read ? readers_ : workers_;
}

void HttpServer::dispatch(std::unique_ptr<Connection> connection) {
  WorkerPool& workers = workers_for(*connection);
  // std::function must be copyable; the connection is not.
  auto held = std::make_shared<std::unique_ptr<Connection>>(std::move(connection));
  workers.enqueue([this, held, &workers] { answer(std::move(*held), workers); });
}

void HttpServer::answer(std::unique_ptr<Connection> connection, WorkerPool& workers) {
  for (;;) {
    ConnectionStream stream(*connection, options_.write_timeout);
    request_scope::begin(connection->request_start);
    bool close_connection =
        connection->requests + 1 >= options_.max_requests_per_connection || gate_.stopping();
    bool connection_closed = false;
    bool answered = process_request(stream, close_connection, connection_closed, nullptr);
    bool sent = stream.flush();
    // An event stream: its head and first frame are out, the stream loop has the rest
    // (and ends it if the client has gone).
    if (auto take = request_scope::take_hand_off(); take && answered) {
      if (!connection->finish_unsent(options_.write_timeout)) return;
      return take(std::move(connection));
    }
    if (!answered || !sent) return;  // closes it
    const bool closing = connection_closed || close_connection;
    auto now = std::chrono::steady_clock::now();
    if (connection->has_unsent()) {
      // The client takes its answer slower than it was made: the gate sends the rest,
      // and this thread answers someone else.
      connection->close_when_sent = closing;
      if (!closing) {
        connection->answered_at = now;
        connection->next_request(now);
      }
      return gate_.send_rest(std::move(connection));
    }
    if (closing) return;  // closes it
    // Back to back: this request began within `linger` of the answer before.
    bool back_to_back = connection->requests == 0 ||
                        connection->request_start - connection->answered_at <= options_.linger;
    connection->answered_at = now;
    connection->next_request(now);
    if (connection->received.empty()) {
      if (!back_to_back) break;
      Next next = linger(*connection, workers);
      if (next == Next::Closed) return;
      if (next == Next::Quiet) break;
    }
    auto state = connection->framing.feed(connection->received);
    if (state == RequestFraming::State::Refused) return gate_.refuse(std::move(connection));
    if (state == RequestFraming::State::NeedBody && connection->framing.expects_continue() &&
        !connection->continue_sent) {
      // Begun while lingering: the go-ahead the gate would have sent (the client waits
      // for it before its body).
      write_all(connection->fd, "HTTP/1.1 100 Continue\r\n\r\n", std::chrono::milliseconds(0));
      connection->continue_sent = true;
    }
    if (state != RequestFraming::State::Whole) break;
    // A read after a write (or the other way): it waits its turn with its own kind.
    if (&workers_for(*connection) != &workers) return dispatch(std::move(connection));
    // A pipelined request already arrived whole: answer it on this thread, in order.
  }
  gate_.park(std::move(connection));
}

HttpServer::Next HttpServer::linger(Connection& connection, WorkerPool& workers) {
  if (options_.linger.count() <= 0 || !workers.has_spare()) return Next::Quiet;
  // The client's next bytes, or a job waiting for a thread (this one is given back).
  pollfd entries[2] = {{connection.fd, POLLIN, 0}, {workers.starved_fd(), POLLIN, 0}};
  auto linger = std::chrono::duration_cast<std::chrono::nanoseconds>(options_.linger).count();
  timespec wait{static_cast<time_t>(linger / 1'000'000'000),
                static_cast<long>(linger % 1'000'000'000)};
  int ready;
  do {
    ready = ::ppoll(entries, 2, &wait, nullptr);
  } while (ready < 0 && errno == EINTR);
  const pollfd& entry = entries[0];
  if (ready <= 0 || entry.revents == 0) return Next::Quiet;
  if (entry.revents & (POLLERR | POLLNVAL)) return Next::Closed;
  // What has come now; the gate reads the rest of a request begun here.
  char chunk[16 * 1024];
  ssize_t count;
  do {
    count = ::recv(connection.fd, chunk, sizeof chunk, MSG_DONTWAIT);
  } while (count < 0 && errno == EINTR);
  if (count == 0) return Next::Closed;  // the client left
  if (count < 0) return (errno == EAGAIN || errno == EWOULDBLOCK) ? Next::Quiet : Next::Closed;
  auto now = std::chrono::steady_clock::now();
  connection.request_start = now;
  connection.received.append(chunk, static_cast<size_t>(count));
  return Next::Arrived;
}

}  // namespace care::server::http
