#pragma once

#include "http/router.hpp"
#include "services/auth_service.hpp"
#include "services/webhook_service.hpp"

namespace care::server::routes {

// Outbound webhooks (issue 18), admins only: GET/POST /api/webhooks,
// DELETE /api/webhooks/{id}, GET /api/webhook-deliveries?state=failed and
// POST /api/webhook-deliveries/{id}/retry.
void add_webhook_routes(http::Router& router, services::AuthService& auth,
                        services::WebhookService& webhooks);

}  // namespace care::server::routes
