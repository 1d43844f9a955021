#include "routes/event_stream.hpp"

#include <charconv>
#include <string>

#include "http/connection.hpp"
#include "http/request_scope.hpp"
#include "http/responses.hpp"

namespace care::server::routes {
namespace {

// How long EventSource waits before reconnecting after the stream ends.
constexpr std::string_view kRetryFrame = "retry: 2000\n\n";

// nullopt: no id given. An id that is not a number cannot be one of ours: -1 makes
// the hub answer with resync.
std::optional<std::int64_t> last_event_id(const httplib::Request& req) {
  std::string text = req.get_header_value("Last-Event-ID");
  if (text.empty()) text = req.get_param_value("last_event_id");
  if (text.empty()) return std::nullopt;
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size()) return -1;
  return id;
}

}  // namespace

void serve_event_stream(const httplib::Request& req, httplib::Response& res, events::EventHub& hub,
                        events::StreamLoop& loop, events::Subscriber::Identity identity,
                        const std::string& address, std::chrono::milliseconds heartbeat,
                        std::function<bool()> still_valid) {
  auto subscription = hub.subscribe(std::move(identity), last_event_id(req), address);
  if (!subscription.subscriber) {
    using Refusal = events::EventHub::Refusal;
    res.set_header("Retry-After", "5");
    switch (subscription.refusal) {
      case Refusal::TooManyForChat:
        http::send_error(res, 429, "too_many_streams",
                         "this chat already has as many open event streams as one chat may hold");
        return;
      case Refusal::TooManyForSession:
        http::send_error(res, 429, "too_many_streams",
                         "this session already has as many open event streams as one session "
                         "may hold; close another tab or window");
        return;
      case Refusal::TooManyForAddress:
        http::send_error(res, 429, "too_many_streams",
                         "your address already has as many open chat streams as one address "
                         "may hold");
        return;
      case Refusal::TooManyStreams:
        http::send_error(res, 503, "too_many_streams",
                         "this server holds as many event streams as it is sized for");
        return;
      default:
        http::send_error(res, 503, "shutting_down", "the server is stopping");
        return;
    }
  }
  // Unsubscribed when the stream ends, or here if it never reaches the stream loop
  // (the peer left before the first frame; a HEAD request has no body to stream).
  struct Pending {
    Pending(events::EventHub& h, std::shared_ptr<events::Subscriber> s)
        : hub(h), subscriber(std::move(s)) {}
    Pending(const Pending&) = delete;
    Pending& operator=(const Pending&) = delete;
    ~Pending() {
      if (!adopted) hub.unsubscribe(subscriber);
    }
    events::EventHub& hub;
    std::shared_ptr<events::Subscriber> subscriber;
    bool adopted = false;
  };
  auto pending = std::make_shared<Pending>(hub, subscription.subscriber);
  // Buffering proxies (nginx) would hold events back; this asks them not to.
  res.set_header("X-Accel-Buffering", "no");
  // The stream ends by closing its connection (its last chunk, then close).
  res.set_header("Connection", "close");
  res.set_chunked_content_provider(
      "text/event-stream", [pending, &loop, heartbeat, still_valid = std::move(still_valid)](
                               size_t, httplib::DataSink& sink) {
        if (!sink.write(kRetryFrame.data(), kRetryFrame.size())) return false;
        // From here the stream loop writes the stream, without a thread of its own:
        // the connection is handed to it once cpp-httplib has finished this answer.
        http::request_scope::hand_off(
            [pending, &loop, heartbeat, still_valid](std::unique_ptr<http::Connection> c) {
              pending->adopted = true;
              loop.adopt(std::move(c), pending->subscriber, heartbeat, still_valid);
            });
        // An empty write ends cpp-httplib's chunked loop without its final chunk
        // (write_content_chunked: no more data available), so the response stays open.
        sink.write(kRetryFrame.data(), 0);
        return true;
      });
}

}  // namespace care::server::routes
