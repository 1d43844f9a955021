#include "http/http_server.hpp"

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

}  // namespace

HttpServer::HttpServer(Options options)
    : options_(options),
      gate_(
          options.gate,
          [this](std::unique_ptr<Connection> connection) {
            // std::function must be copyable; the connection is not.
            auto held = std::make_shared<std::unique_ptr<Connection>>(std::move(connection));
            workers_.enqueue([this, held] { answer(std::move(*held)); });
          },
          [this](const std::string& method, int status, double seconds) {
            if (refused_) refused_(method, status, seconds);
          }),
      workers_(options.max_threads) {
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
  if (is_running()) stop();
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  gate_.admit(sock);
  return true;
}

void HttpServer::answer(std::unique_ptr<Connection> connection) {
  for (;;) {
    ConnectionStream stream(*connection, options_.write_timeout);
    request_scope::begin(connection->request_start);
    bool close_connection =
        connection->requests + 1 >= options_.max_requests_per_connection || gate_.stopping();
    bool connection_closed = false;
    bool answered = process_request(stream, close_connection, connection_closed, nullptr);
    // An event stream: its head and first frame are out, the stream loop has the rest.
    if (auto take = request_scope::take_hand_off(); take && answered) {
      return take(std::move(connection));
    }
    if (!answered || connection_closed || close_connection) return;  // closes it
    connection->next_request(std::chrono::steady_clock::now());
    if (connection->received.empty()) break;
    auto state = connection->framing.feed(connection->received);
    if (state == RequestFraming::State::Refused) return gate_.refuse(std::move(connection));
    if (state != RequestFraming::State::Whole) break;
    // A pipelined request already arrived whole: answer it on this thread, in order.
  }
  gate_.park(std::move(connection));
}

}  // namespace care::server::http
