// PostgresStore: outbound webhooks (issue 18), as SqliteStore's webhooks file: the
// admin's endpoints and the outbox of deliveries the sender works through.
#include "care/codec/json.hpp"
#include "store/postgres/pg_rows.hpp"
#include "store/postgres/postgres_store.hpp"

namespace care::server::store {
namespace {

// Deliveries with their endpoint's URL and secret; the caller adds the condition.
constexpr const char* kSelectDeliveries =
    "SELECT d.id, d.endpoint_id, e.url, e.secret, d.event, d.body, d.state, d.attempts,"
    " d.next_at, d.created_at, d.last_at, d.last_status, d.last_error FROM webhook_deliveries d"
    " JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE ";

std::vector<WebhookDelivery> deliveries_from(const pg::Result& rows) {
  std::vector<WebhookDelivery> found;
  for (int row = 0; row < rows.rows(); ++row) {
    WebhookDelivery d;
    d.id = rows.integer(row, 0);
    d.endpoint = rows.integer(row, 1);
    d.url = rows.text(row, 2);
    d.secret = rows.text(row, 3);
    d.event = rows.text(row, 4);
    d.body = rows.text(row, 5);
    d.state = rows.text(row, 6);
    d.attempts = rows.integer(row, 7);
    d.next_at = rows.integer(row, 8);
    d.created_at = rows.integer(row, 9);
    d.last_at = rows.optional_integer(row, 10);
    d.last_status = rows.optional_integer(row, 11);
    d.last_error = rows.text(row, 12);
    found.push_back(std::move(d));
  }
  return found;
}

}  // namespace

WebhookEndpoint PostgresStore::create_webhook(WebhookEndpoint endpoint, Id actor) {
  return write([&](pg::Connection& db) {
    pg::Result inserted = db.query(
        "INSERT INTO webhook_endpoints(url, secret, created_at, created_by)"
        " VALUES ($1, $2, $3, $4) RETURNING id",
        endpoint.url, endpoint.secret, endpoint.created_at, nullable_id(actor));
    endpoint.id = inserted.integer(0, 0);
    for (const std::string& event : endpoint.events) {
      db.query(
          "INSERT INTO webhook_endpoint_events(endpoint_id, event) VALUES ($1, $2)"
          " ON CONFLICT DO NOTHING",
          endpoint.id, event);
    }
    // The secret stays out of the audit trail.
    audit(db, nullable_id(actor), "create", "webhook", endpoint.id,
          Json{{"url", endpoint.url}, {"events", endpoint.events}}.dump(), endpoint.created_at);
    return endpoint;
  });
}

std::vector<WebhookEndpoint> PostgresStore::webhooks() {
  return read([&](pg::Connection& db) {
    pg::Result rows = db.query(
        "SELECT e.id, e.url, e.secret, e.created_at, v.event FROM webhook_endpoints e"
        " LEFT JOIN webhook_endpoint_events v ON v.endpoint_id = e.id"
        " ORDER BY e.id, v.event COLLATE \"C\"");
    std::vector<WebhookEndpoint> found;
    for (int row = 0; row < rows.rows(); ++row) {
      Id id = rows.integer(row, 0);
      if (found.empty() || found.back().id != id) {
        found.push_back(
            WebhookEndpoint{id, rows.text(row, 1), {}, rows.text(row, 2), rows.integer(row, 3)});
      }
      if (!rows.is_null(row, 4)) found.back().events.push_back(rows.text(row, 4));
    }
    return found;
  });
}

bool PostgresStore::delete_webhook(Id id, Id actor, std::int64_t now_ms) {
  return write([&](pg::Connection& db) {
    if (db.query("DELETE FROM webhook_endpoints WHERE id = $1", id).affected() == 0) return false;
    audit(db, nullable_id(actor), "delete", "webhook", id, "{}", now_ms);
    return true;
  });
}

std::int64_t PostgresStore::add_webhook_deliveries(std::string_view event, std::string_view body,
                                                   std::int64_t now_ms) {
  return write([&](pg::Connection& db) {
    return db
        .query(
            "INSERT INTO webhook_deliveries(endpoint_id, event, body, next_at, created_at)"
            " SELECT endpoint_id, $1, $2, $3, $3 FROM webhook_endpoint_events WHERE event = $1"
            " ORDER BY endpoint_id",
            event, body, now_ms)
        .affected();
  });
}

std::vector<WebhookDelivery> PostgresStore::claim_webhook_deliveries(std::int64_t now_ms, int limit,
                                                                     std::int64_t until_ms) {
  // Rows another node's sender holds are passed over (SKIP LOCKED), and once this
  // commits they are not due before `until_ms`: each delivery goes out from one node.
  return write([&](pg::Connection& db) {
    std::vector<WebhookDelivery> claimed = deliveries_from(
        db.query(std::string(kSelectDeliveries) +
                     "d.state = 'pending' AND d.next_at <= $1 ORDER BY d.next_at, d.id LIMIT $2"
                     " FOR UPDATE OF d SKIP LOCKED",
                 now_ms, limit));
    for (const WebhookDelivery& delivery : claimed)
      db.query("UPDATE webhook_deliveries SET next_at = $1 WHERE id = $2", until_ms, delivery.id);
    return claimed;
  });
}

std::optional<std::int64_t> PostgresStore::next_webhook_due() {
  return read([&](pg::Connection& db) {
    return db.query("SELECT MIN(next_at) FROM webhook_deliveries WHERE state = 'pending'")
        .optional_integer(0, 0);
  });
}

void PostgresStore::record_webhook_attempt(Id delivery, const WebhookAttempt& attempt) {
  write([&](pg::Connection& db) {
    db.query(
        "UPDATE webhook_deliveries SET state = $1, attempts = attempts + 1, next_at = $2,"
        " last_at = $3, last_status = $4, last_error = $5 WHERE id = $6",
        attempt.state, attempt.next_at, attempt.at, attempt.status, attempt.error, delivery);
    return true;
  });
}

std::vector<WebhookDelivery> PostgresStore::webhook_deliveries(std::string_view state, int limit) {
  return read([&](pg::Connection& db) {
    auto found = deliveries_from(db.query(
        std::string(kSelectDeliveries) + "d.state = $1 ORDER BY d.id DESC LIMIT $2", state, limit));
    for (WebhookDelivery& delivery : found)
      delivery.secret.clear();
    return found;
  });
}

std::optional<WebhookDelivery> PostgresStore::retry_webhook_delivery(Id id, Id actor,
                                                                     std::int64_t now_ms) {
  return write([&](pg::Connection& db) -> std::optional<WebhookDelivery> {
    pg::Result retried = db.query(
        "UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_at = $1"
        " WHERE id = $2 AND state = 'failed'",
        now_ms, id);
    if (retried.affected() == 0) return std::nullopt;
    audit(db, nullable_id(actor), "retry", "webhook_delivery", id, "{}", now_ms);
    auto found = deliveries_from(db.query(std::string(kSelectDeliveries) + "d.id = $1", id));
    if (found.empty()) return std::nullopt;
    found.front().secret.clear();
    return found.front();
  });
}

std::vector<std::pair<std::string, std::int64_t>> PostgresStore::webhook_delivery_counts() {
  return read([&](pg::Connection& db) {
    std::vector<std::pair<std::string, std::int64_t>> counts = {
        {"pending", 0}, {"delivered", 0}, {"failed", 0}};
    pg::Result rows = db.query("SELECT state, COUNT(*) FROM webhook_deliveries GROUP BY state");
    for (int row = 0; row < rows.rows(); ++row) {
      for (auto& [state, count] : counts) {
        if (state == rows.text(row, 0)) count = rows.integer(row, 1);
      }
    }
    return counts;
  });
}

}  // namespace care::server::store
