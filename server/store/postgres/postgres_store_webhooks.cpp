// PostgresStore: outbound webhooks (issue 18) are not done here yet. Each method
// refuses with the name unsupported() lists, so the server will not start on
// PostgreSQL without them (its outbox would lose deliveries otherwise).
#include "store/postgres/postgres_store.hpp"

namespace care::server::store {

WebhookEndpoint PostgresStore::create_webhook(WebhookEndpoint, Id) {
  unsupported("create_webhook");
}

std::vector<WebhookEndpoint> PostgresStore::webhooks() {
  unsupported("webhooks");
}

bool PostgresStore::delete_webhook(Id, Id, std::int64_t) {
  unsupported("delete_webhook");
}

std::int64_t PostgresStore::add_webhook_deliveries(std::string_view, std::string_view,
                                                   std::int64_t) {
  unsupported("add_webhook_deliveries");
}

std::vector<WebhookDelivery> PostgresStore::due_webhook_deliveries(std::int64_t, int) {
  unsupported("due_webhook_deliveries");
}

std::optional<std::int64_t> PostgresStore::next_webhook_due() {
  unsupported("next_webhook_due");
}

void PostgresStore::record_webhook_attempt(Id, const WebhookAttempt&) {
  unsupported("record_webhook_attempt");
}

std::vector<WebhookDelivery> PostgresStore::webhook_deliveries(std::string_view, int) {
  unsupported("webhook_deliveries");
}

std::optional<WebhookDelivery> PostgresStore::retry_webhook_delivery(Id, Id, std::int64_t) {
  unsupported("retry_webhook_delivery");
}

std::vector<std::pair<std::string, std::int64_t>> PostgresStore::webhook_delivery_counts() {
  unsupported("webhook_delivery_counts");
}

}  // namespace care::server::store
