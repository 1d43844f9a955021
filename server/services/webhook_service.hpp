#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <variant>
#include <vector>

#include "care/codec/json.hpp"
#include "care/event_names.hpp"
#include "care/model.hpp"
#include "clock.hpp"
#include "operations/metrics.hpp"
#include "services/routing_service.hpp"
#include "store/store.hpp"

namespace care {

// POST /api/webhooks: where to deliver and which events (issue 18).
struct WebhookDraft {
  std::string url;
  std::vector<std::string> events;
};

// Missing or mistyped fields are 400; a URL that is not http(s)://host[:port][/path]
// (or longer than kWebhookUrlLimit), an unknown event, or no event at all, 422.
template <>
Result<WebhookDraft> decode<WebhookDraft>(const Json& j);

}  // namespace care

namespace care::server::services {

// An agent's email reply, call control (hold, resume, end) and chat line. A chat line
// carries the name its live event has on the agents' streams.
inline constexpr std::string_view kEmailReply = "email.reply";
inline constexpr std::string_view kCallControl = "call.control";
inline constexpr std::array<std::string_view, 3> kWebhookEvents = {kEmailReply, kCallControl,
                                                                   event_names::chat_message};
inline constexpr std::size_t kWebhookUrlLimit = 2000;

// "sha256=<hex>" over "<timestamp>.<body>" keyed with the endpoint's secret: the
// X-Care-Signature header a receiver checks (docs/ingestion.md).
std::string webhook_signature(std::string_view secret, std::int64_t timestamp,
                              std::string_view body);

// Outbound webhooks for connectors (issue 18). An admin lists endpoints; the services
// that make an agent's email reply, call control or chat line write one delivery per
// endpoint into the store's outbox in the same unit of work as the change, and wake
// this service's sender after the commit. The sender POSTs each due delivery, signed,
// and on a failure tries again after 1 s, 2 s, 4 s … (at most 5 min apart) until the
// last attempt, when the delivery is failed and waits for an admin's retry.
// Deliveries go one at a time, oldest due first; each is at least once: a receiver
// drops repeats by X-Care-Delivery.
class WebhookService {
 public:
  struct Options {
    int max_attempts = 10;
    std::chrono::milliseconds first_retry{1000};
    std::chrono::milliseconds max_retry{5 * 60 * 1000};
    std::chrono::seconds connect_timeout{3};
    std::chrono::seconds answer_timeout{5};
  };

  WebhookService(store::Store& store, const Clock& clock, Options options);
  ~WebhookService();
  WebhookService(const WebhookService&) = delete;
  WebhookService& operator=(const WebhookService&) = delete;

  // The admin's side. An endpoint's secret is in create's answer only.
  store::WebhookEndpoint create(const WebhookDraft& draft, Id actor);
  std::vector<store::WebhookEndpoint> endpoints();
  bool remove(Id id, Id actor);
  std::vector<store::WebhookDelivery> deliveries(std::string_view state);
  std::variant<store::WebhookDelivery, WorkError> retry(Id id, Id actor);

  // The outbox, each inside the unit of work of the change it reports; wake() after
  // the commit.
  void email_reply(const Activity& activity, const Message& reply, std::string_view message_id);
  void chat_message(const Activity& activity, const Message& line);
  void call_control(const Activity& activity, const CallEvent& control, Id agent,
                    std::string_view call);
  void wake();

  void start();
  void stop();

  // /metrics: deliveries by state, and attempts since start by outcome.
  void add_metrics(operations::Metrics& metrics);

 private:
  void record(std::string_view event, Json body);
  void run();
  void deliver(const store::WebhookDelivery& delivery);
  std::int64_t retry_delay_ms(std::int64_t attempts) const;

  store::Store& store_;
  const Clock& clock_;
  Options options_;
  std::atomic<std::int64_t> delivered_{0};
  std::atomic<std::int64_t> refused_{0};      // the receiver answered, not with 2xx
  std::atomic<std::int64_t> unreachable_{0};  // no answer (refused, timed out)
  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace care::server::services
