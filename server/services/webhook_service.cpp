#include "services/webhook_service.hpp"

#include <httplib.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "auth/password.hpp"
#include "http/log.hpp"

namespace care {
namespace {

bool known_event(std::string_view name) {
  const auto& known = server::services::kWebhookEvents;
  return std::find(known.begin(), known.end(), name) != known.end();
}

// "one of email.reply, call.control, chat.message"
std::string known_events() {
  std::string list;
  for (std::string_view name : server::services::kWebhookEvents) {
    list += list.empty() ? "one of " : ", ";
    list += name;
  }
  return list;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

template <>
Result<WebhookDraft> decode<WebhookDraft>(const Json& j) {
  if (!j.is_object()) return make_error(ErrorCode::wrong_type, "", "send a JSON object");
  WebhookDraft draft;
  auto url = j.find("url");
  if (url == j.end() || url->is_null()) {
    return make_error(ErrorCode::missing, "url", "where to deliver, such as https://host/path");
  }
  if (!url->is_string()) return make_error(ErrorCode::wrong_type, "url", "a string");
  draft.url = url->get<std::string>();
  auto events = j.find("events");
  if (events == j.end() || events->is_null()) {
    return make_error(ErrorCode::missing, "events", "a list of events, " + known_events());
  }
  if (!events->is_array()) return make_error(ErrorCode::wrong_type, "events", "a list of names");
  for (std::size_t i = 0; i < events->size(); ++i) {
    const Json& event = (*events)[i];
    std::string field = "events[" + std::to_string(i) + "]";
    if (!event.is_string()) return make_error(ErrorCode::wrong_type, field, "an event's name");
    std::string name = event.get<std::string>();
    if (!known_event(name)) {
      return make_error(ErrorCode::invalid, field, "unknown event; " + known_events());
    }
    if (std::find(draft.events.begin(), draft.events.end(), name) != draft.events.end()) {
      return make_error(ErrorCode::duplicate, field, "listed twice");
    }
    draft.events.push_back(std::move(name));
  }
  if (draft.events.empty()) {
    return make_error(ErrorCode::empty, "events", "name at least one event, " + known_events());
  }
  // http(s)://host[:port][/path][?query], printable ASCII only, no credentials (the
  // secret authenticates the server) and no fragment (never sent).
  const std::string& u = draft.url;
  if (u.size() > server::services::kWebhookUrlLimit) {
    return make_error(ErrorCode::too_long, "url", "at most 2000 characters");
  }
  std::string scheme = lower(u.substr(0, u.find("://")));
  if (u.find("://") == std::string::npos || (scheme != "http" && scheme != "https")) {
    return make_error(ErrorCode::invalid, "url", "an http:// or https:// URL");
  }
  for (char c : u) {
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
      return make_error(ErrorCode::invalid, "url",
                        "spaces, control characters and non-ASCII must be percent-encoded");
    }
  }
  if (u.find('#') != std::string::npos) {
    return make_error(ErrorCode::invalid, "url", "a fragment (#…) is never sent; leave it out");
  }
  std::size_t host_start = scheme.size() + 3;
  std::size_t host_end = u.find_first_of("/?", host_start);
  std::string authority = u.substr(
      host_start, host_end == std::string::npos ? std::string::npos : host_end - host_start);
  if (authority.find('@') != std::string::npos) {
    return make_error(ErrorCode::invalid, "url",
                      "no user or password in the URL: receivers check the signature");
  }
  std::string host = authority;
  std::size_t colon = authority.rfind(':');
  if (colon != std::string::npos && authority.find(']', colon) == std::string::npos) {
    std::string port = authority.substr(colon + 1);
    host = authority.substr(0, colon);
    bool digits =
        !port.empty() && port.size() <= 5 &&
        std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::stoi(port) < 1 || std::stoi(port) > 65535) {
      return make_error(ErrorCode::invalid, "url", "the port must be a number from 1 to 65535");
    }
  }
  if (host.empty() || host == "[]") return make_error(ErrorCode::invalid, "url", "name a host");
  return draft;
}

}  // namespace care

namespace care::server::services {
namespace {

constexpr int kBatch = 16;
// Beyond the longest a claimed delivery can take to send, before another node may.
constexpr std::int64_t kClaimMargin = 30'000;
// While deliveries wait, the sender looks again at least this often: a clock that
// tests move by hand, or a delivery an admin made due, is seen without a wake.
constexpr std::chrono::milliseconds kLongestNap{1000};
// With nothing in the outbox the sender still looks this often: another node may have
// written deliveries and died before it sent them (its wake() reaches only its own
// sender), or an operator's tool wrote them.
constexpr std::chrono::milliseconds kIdleLook{5000};

// "https://host:port" and "/path?query" of a URL decode<WebhookDraft> accepted.
std::pair<std::string, std::string> split_url(const std::string& url) {
  std::size_t host_start = url.find("://") + 3;
  std::size_t path_start = url.find_first_of("/?", host_start);
  if (path_start == std::string::npos) return {url, "/"};
  std::string path = url.substr(path_start);
  if (path.front() == '?') path.insert(0, "/");
  return {url.substr(0, path_start), path};
}

std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

}  // namespace

std::string webhook_signature(std::string_view secret, std::int64_t timestamp,
                              std::string_view body) {
  // Keys of any length: the multi-part API (the one-shot one takes 32 bytes exactly).
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  std::string prefix = std::to_string(timestamp) + ".";
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(prefix.data()),
                                prefix.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  return "sha256=" + hex(mac, sizeof mac);
}

WebhookService::WebhookService(store::Store& store, const Clock& clock, Options options)
    : store_(store), clock_(clock), options_(options) {}

WebhookService::~WebhookService() {
  stop();
}

store::WebhookEndpoint WebhookService::create(const WebhookDraft& draft, Id actor) {
  store::WebhookEndpoint endpoint;
  endpoint.url = draft.url;
  endpoint.events = draft.events;
  endpoint.secret = auth::random_token();
  endpoint.created_at = clock_.now_ms();
  return store_.create_webhook(endpoint, actor);
}

std::vector<store::WebhookEndpoint> WebhookService::endpoints() {
  auto all = store_.webhooks();
  for (auto& endpoint : all)
    endpoint.secret.clear();
  return all;
}

bool WebhookService::remove(Id id, Id actor) {
  return store_.delete_webhook(id, actor, clock_.now_ms());
}

std::vector<store::WebhookDelivery> WebhookService::deliveries(std::string_view state) {
  constexpr int kListLimit = 100;
  return store_.webhook_deliveries(state, kListLimit);
}

std::variant<store::WebhookDelivery, WorkError> WebhookService::retry(Id id, Id actor) {
  auto again = store_.retry_webhook_delivery(id, actor, clock_.now_ms());
  if (!again) {
    return WorkError{404, make_error(ErrorCode::not_found, "id", "no failed delivery has this id")};
  }
  wake();
  return *again;
}

void WebhookService::record(std::string_view event, Json body) {
  body["event"] = event;
  store_.add_webhook_deliveries(event, body.dump(), clock_.now_ms());
}

void WebhookService::email_reply(const Activity& activity, const Message& reply,
                                 std::string_view message_id) {
  // What a mail gateway needs to send it: recipients and subject are in the message's
  // "email"; in_reply_to is the Message-ID of the customer's mail it answers.
  record(kEmailReply, Json{{"at", format_rfc3339(reply.at)},
                           {"activity", activity.id},
                           {"agent", reply.agent},
                           {"in_reply_to", message_id},
                           {"message", reply}});
}

void WebhookService::chat_message(const Activity& activity, const Message& line) {
  record(event_names::chat_message, Json{{"at", format_rfc3339(line.at)},
                                         {"activity", activity.id},
                                         {"agent", line.agent},
                                         {"message", line}});
}

void WebhookService::call_control(const Activity& activity, const CallEvent& control, Id agent,
                                  std::string_view call) {
  // "call" is the telephony's own id of the call, as its connector reported it.
  record(kCallControl, Json{{"at", format_rfc3339(control.at)},
                            {"activity", activity.id},
                            {"agent", agent},
                            {"call", call},
                            {"action", call_action_name(control.kind)}});
}

void WebhookService::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_one();
}

void WebhookService::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void WebhookService::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

std::int64_t WebhookService::retry_delay_ms(std::int64_t attempts) const {
  std::int64_t delay = options_.first_retry.count();
  for (std::int64_t i = 1; i < attempts && delay < options_.max_retry.count(); ++i)
    delay *= 2;
  return std::min<std::int64_t>(delay, options_.max_retry.count());
}

void WebhookService::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    woken_ = false;
    lock.unlock();
    std::size_t sent = 0;
    std::optional<std::int64_t> next;
    try {
      // One delivery claimed at a time, for as long as sending it may take (the
      // connect and answer timeouts) and a little more: a node that stops or dies
      // holds back at most the one it was sending, and other nodes' senders work the
      // rest of the outbox meanwhile.
      const auto each = std::chrono::duration_cast<std::chrono::milliseconds>(
          options_.connect_timeout + options_.answer_timeout);
      while (sent < static_cast<std::size_t>(kBatch)) {
        const std::int64_t now = clock_.now_ms();
        auto due = store_.claim_webhook_deliveries(now, 1, now + each.count() + kClaimMargin);
        if (due.empty()) break;
        deliver(due.front());
        ++sent;
        std::lock_guard check(mutex_);
        if (stopping_) break;
      }
      next = store_.next_webhook_due();
    } catch (const std::exception& error) {
      // A full disk or a closed database: the outbox keeps the deliveries; look again.
      http::log_line({{"level", "error"}, {"message", "webhooks: " + std::string(error.what())}});
      next = clock_.now_ms() + kLongestNap.count();
    }
    lock.lock();
    if (stopping_ || woken_ || sent == static_cast<std::size_t>(kBatch)) continue;
    if (!next) {
      wake_.wait_for(lock, kIdleLook, [this] { return stopping_ || woken_; });
    } else {
      auto nap = std::chrono::milliseconds(std::max<std::int64_t>(*next - clock_.now_ms(), 0));
      if (nap.count() > 0) {
        wake_.wait_for(lock, std::min(nap, kLongestNap), [this] { return stopping_ || woken_; });
      }
    }
  }
}

void WebhookService::deliver(const store::WebhookDelivery& delivery) {
  auto [origin, path] = split_url(delivery.url);
  std::int64_t timestamp = clock_.now_ms() / 1000;
  store::WebhookAttempt attempt;
  try {
    httplib::Client client(origin);
    client.set_connection_timeout(options_.connect_timeout);
    client.set_read_timeout(options_.answer_timeout);
    client.set_write_timeout(options_.answer_timeout);
    client.set_follow_location(false);  // a redirect is an answer that is not 2xx
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
    if (std::filesystem::exists("/etc/ssl/certs/ca-certificates.crt")) {
      client.set_ca_cert_path("/etc/ssl/certs/ca-certificates.crt");
    }
    client.enable_server_certificate_verification(true);
#endif
    httplib::Headers headers = {
        {"X-Care-Event", delivery.event},
        {"X-Care-Delivery", std::to_string(delivery.id)},
        {"X-Care-Timestamp", std::to_string(timestamp)},
        {"X-Care-Signature", webhook_signature(delivery.secret, timestamp, delivery.body)},
        {"User-Agent", "care-desktop-webhooks"}};
    auto result = client.Post(path, headers, delivery.body, "application/json");
    if (result) {
      attempt.status = result->status;
      if (result->status < 200 || result->status > 299) {
        attempt.error = "the receiver answered " + std::to_string(result->status);
      }
    } else {
      attempt.error = "no answer: " + httplib::to_string(result.error());
    }
  } catch (const std::exception& error) {
    attempt.error = std::string("could not send: ") + error.what();
  }
  attempt.at = clock_.now_ms();
  std::int64_t attempts = delivery.attempts + 1;
  if (attempt.error.empty()) {
    attempt.state = "delivered";
    attempt.next_at = delivery.next_at;
    ++delivered_;
  } else {
    (attempt.status ? refused_ : unreachable_)++;
    attempt.state = attempts >= options_.max_attempts ? "failed" : "pending";
    attempt.next_at = attempt.at + retry_delay_ms(attempts);
  }
  store_.record_webhook_attempt(delivery.id, attempt);
}

void WebhookService::add_metrics(operations::Metrics& metrics) {
  metrics.add_gauge("care_webhook_deliveries",
                    "Webhook deliveries in the outbox by state (pending, delivered, failed).",
                    [this] {
                      operations::Metrics::Samples samples;
                      for (const auto& [state, count] : store_.webhook_delivery_counts()) {
                        samples.push_back({"state=\"" + state + "\"", static_cast<double>(count)});
                      }
                      return samples;
                    });
  metrics.add_counter(
      "care_webhook_attempts_total",
      "Attempts to deliver a webhook since start, by outcome: delivered (2xx), refused (another "
      "answer), unreachable (no answer).",
      [this] {
        return operations::Metrics::Samples{
            {"outcome=\"delivered\"", static_cast<double>(delivered_.load())},
            {"outcome=\"refused\"", static_cast<double>(refused_.load())},
            {"outcome=\"unreachable\"", static_cast<double>(unreachable_.load())}};
      });
}

}  // namespace care::server::services
