// SqliteStore: outbound webhooks (issue 18): the admin's endpoints and the outbox of
// deliveries the sender works through.
#include "care/codec/json.hpp"
#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"

namespace care::server::store {
namespace {

// Deliveries with their endpoint's URL and secret; the caller adds the condition.
constexpr const char* kSelectDeliveries =
    "SELECT d.id, d.endpoint_id, e.url, e.secret, d.event, d.body, d.state, d.attempts,"
    " d.next_at, d.created_at, d.last_at, d.last_status, d.last_error FROM webhook_deliveries d"
    " JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE ";

WebhookDelivery delivery_from_row(const Statement& row) {
  WebhookDelivery d;
  d.id = row.column_int(0);
  d.endpoint = row.column_int(1);
  d.url = row.column_text(2);
  d.secret = row.column_text(3);
  d.event = row.column_text(4);
  d.body = row.column_text(5);
  d.state = row.column_text(6);
  d.attempts = row.column_int(7);
  d.next_at = row.column_int(8);
  d.created_at = row.column_int(9);
  if (!row.column_is_null(10)) d.last_at = row.column_int(10);
  if (!row.column_is_null(11)) d.last_status = row.column_int(11);
  d.last_error = row.column_text(12);
  return d;
}

std::vector<WebhookDelivery> deliveries_from(Statement& select) {
  std::vector<WebhookDelivery> found;
  while (select.step())
    found.push_back(delivery_from_row(select));
  select.reset();
  return found;
}

}  // namespace

WebhookEndpoint SqliteStore::create_webhook(WebhookEndpoint endpoint, Id actor) {
  std::lock_guard lock(mutex_);
  db_.transaction([&] {
    db_.prepare(
           "INSERT INTO webhook_endpoints(url, secret, created_at, created_by) VALUES (?, ?, ?, ?)")
        .bind(1, endpoint.url)
        .bind(2, endpoint.secret)
        .bind(3, endpoint.created_at)
        .bind(4, nullable_id(actor))
        .run();
    endpoint.id = db_.last_insert_id();
    for (const std::string& event : endpoint.events) {
      db_.prepare("INSERT OR IGNORE INTO webhook_endpoint_events(endpoint_id, event) VALUES (?, ?)")
          .bind(1, endpoint.id)
          .bind(2, event)
          .run();
    }
    // The secret stays out of the audit trail.
    audit(nullable_id(actor), "create", "webhook", endpoint.id,
          Json{{"url", endpoint.url}, {"events", endpoint.events}}.dump(), endpoint.created_at);
  });
  return endpoint;
}

std::vector<WebhookEndpoint> SqliteStore::webhooks() {
  Reading reading(*this);
  Statement& select = db_.prepare(
      "SELECT e.id, e.url, e.secret, e.created_at, v.event FROM webhook_endpoints e"
      " LEFT JOIN webhook_endpoint_events v ON v.endpoint_id = e.id ORDER BY e.id, v.event");
  std::vector<WebhookEndpoint> found;
  while (select.step()) {
    Id id = select.column_int(0);
    if (found.empty() || found.back().id != id) {
      found.push_back(WebhookEndpoint{
          id, select.column_text(1), {}, select.column_text(2), select.column_int(3)});
    }
    if (!select.column_is_null(4)) found.back().events.push_back(select.column_text(4));
  }
  select.reset();
  return found;
}

bool SqliteStore::delete_webhook(Id id, Id actor, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  return db_.transaction([&] {
    db_.prepare("DELETE FROM webhook_endpoints WHERE id = ?").bind(1, id).run();
    if (db_.changes() == 0) return false;
    audit(nullable_id(actor), "delete", "webhook", id, "{}", now_ms);
    return true;
  });
}

std::int64_t SqliteStore::add_webhook_deliveries(std::string_view event, std::string_view body,
                                                 std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  return db_.transaction([&] {
    db_.prepare(
           "INSERT INTO webhook_deliveries(endpoint_id, event, body, next_at, created_at)"
           " SELECT endpoint_id, ?, ?, ?, ? FROM webhook_endpoint_events WHERE event = ?"
           " ORDER BY endpoint_id")
        .bind(1, event)
        .bind(2, body)
        .bind(3, now_ms)
        .bind(4, now_ms)
        .bind(5, event)
        .run();
    return static_cast<std::int64_t>(db_.changes());
  });
}

std::vector<WebhookDelivery> SqliteStore::claim_webhook_deliveries(std::int64_t now_ms, int limit,
                                                                   std::int64_t until_ms) {
  std::lock_guard lock(mutex_);
  std::vector<WebhookDelivery> claimed;
  db_.transaction([&] {
    Statement& select =
        db_.prepare(std::string(kSelectDeliveries) +
                    "d.state = 'pending' AND d.next_at <= ? ORDER BY d.next_at, d.id LIMIT ?");
    select.bind(1, now_ms).bind(2, limit);
    claimed = deliveries_from(select);
    for (const WebhookDelivery& delivery : claimed) {
      db_.prepare("UPDATE webhook_deliveries SET next_at = ? WHERE id = ?")
          .bind(1, until_ms)
          .bind(2, delivery.id)
          .run();
    }
  });
  return claimed;
}

std::optional<std::int64_t> SqliteStore::next_webhook_due() {
  Reading reading(*this);
  Statement& select =
      db_.prepare("SELECT MIN(next_at) FROM webhook_deliveries WHERE state = 'pending'");
  std::optional<std::int64_t> due;
  if (select.step() && !select.column_is_null(0)) due = select.column_int(0);
  select.reset();
  return due;
}

void SqliteStore::record_webhook_attempt(Id delivery, const WebhookAttempt& attempt) {
  std::lock_guard lock(mutex_);
  db_.transaction([&] {
    db_.prepare(
           "UPDATE webhook_deliveries SET state = ?, attempts = attempts + 1, next_at = ?,"
           " last_at = ?, last_status = ?, last_error = ? WHERE id = ?")
        .bind(1, attempt.state)
        .bind(2, attempt.next_at)
        .bind(3, attempt.at)
        .bind(4, attempt.status)
        .bind(5, attempt.error)
        .bind(6, delivery)
        .run();
  });
}

std::vector<WebhookDelivery> SqliteStore::webhook_deliveries(std::string_view state, int limit) {
  Reading reading(*this);
  Statement& select =
      db_.prepare(std::string(kSelectDeliveries) + "d.state = ? ORDER BY d.id DESC LIMIT ?");
  select.bind(1, state).bind(2, limit);
  auto found = deliveries_from(select);
  for (WebhookDelivery& delivery : found)
    delivery.secret.clear();
  return found;
}

std::optional<WebhookDelivery> SqliteStore::retry_webhook_delivery(Id id, Id actor,
                                                                   std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  return db_.transaction([&]() -> std::optional<WebhookDelivery> {
    db_.prepare(
           "UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_at = ?"
           " WHERE id = ? AND state = 'failed'")
        .bind(1, now_ms)
        .bind(2, id)
        .run();
    if (db_.changes() == 0) return std::nullopt;
    audit(nullable_id(actor), "retry", "webhook_delivery", id, "{}", now_ms);
    Statement& select = db_.prepare(std::string(kSelectDeliveries) + "d.id = ?");
    select.bind(1, id);
    auto found = deliveries_from(select);
    if (found.empty()) return std::nullopt;
    found.front().secret.clear();
    return found.front();
  });
}

std::vector<std::pair<std::string, std::int64_t>> SqliteStore::webhook_delivery_counts() {
  Reading reading(*this);
  std::vector<std::pair<std::string, std::int64_t>> counts = {
      {"pending", 0}, {"delivered", 0}, {"failed", 0}};
  Statement& select = db_.prepare("SELECT state, COUNT(*) FROM webhook_deliveries GROUP BY state");
  while (select.step()) {
    for (auto& [state, count] : counts) {
      if (state == select.column_text(0)) count = select.column_int(1);
    }
  }
  select.reset();
  return counts;
}

}  // namespace care::server::store
