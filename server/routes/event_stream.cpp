#include "routes/event_stream.hpp"

#include <charconv>
#include <string>

#include "http/responses.hpp"

namespace care::server::routes {
namespace {

// How long EventSource waits before reconnecting after the stream ends.
constexpr std::string_view kRetryFrame = "retry: 2000\n\n";
constexpr std::string_view kHeartbeat = ": ping\n\n";

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
                        events::Subscriber::Identity identity, const std::string& address,
                        std::chrono::milliseconds heartbeat, std::function<bool()> still_valid) {
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
  auto subscriber = subscription.subscriber;
  // Buffering proxies (nginx) would hold events back; this asks them not to.
  res.set_header("X-Accel-Buffering", "no");
  // The thread is released as soon as the stream ends, not after a keep-alive wait.
  res.set_header("Connection", "close");
  res.set_chunked_content_provider(
      "text/event-stream",
      [subscriber, heartbeat, still_valid = std::move(still_valid)](size_t offset,
                                                                    httplib::DataSink& sink) {
        if (offset == 0 && !sink.write(kRetryFrame.data(), kRetryFrame.size())) return false;
        auto batch = subscriber->wait(heartbeat);
        if (!batch.text.empty() && !sink.write(batch.text.data(), batch.text.size())) {
          return false;
        }
        if (batch.closed) {
          sink.done();
          return true;
        }
        if (batch.text.empty()) {
          // Quiet for a whole heartbeat: is the caller still allowed, the peer alive?
          if (!still_valid()) {
            sink.done();
            return true;
          }
          return sink.write(kHeartbeat.data(), kHeartbeat.size());
        }
        return true;
      },
      [&hub, subscriber](bool) { hub.unsubscribe(subscriber); });
}

}  // namespace care::server::routes
