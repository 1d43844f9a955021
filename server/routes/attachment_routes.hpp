#pragma once

#include <string>

#include "http/request_limits.hpp"
#include "http/router.hpp"
#include "services/attachment_service.hpp"
#include "services/auth_service.hpp"
#include "services/ingestion_service.hpp"
#include "services/record_service.hpp"
#include "store/store.hpp"

namespace care::server::routes {

// Attachments (issue 18). The body of an upload is the file itself (any Content-Type
// it declares is checked against its bytes), its name in ?name=.
//   POST /api/channels/chat/{id}/attachments             the widget (chat token)
//   GET  /api/channels/chat/{id}/attachments/{file}      the widget, its chat's files
//   POST /api/activities/{id}/attachments                the agent holding the task
//   GET  /api/attachments/{id}                           any signed-in agent
//   POST /api/channels/attachments                       a mail gateway (integration key)
//   GET  /api/channels/attachments/{id}                  a mail gateway
// Files are served as downloads (Content-Disposition: attachment, nosniff, a CSP that
// runs nothing), with the type the server recognised, never the declared one.
void add_attachment_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                           services::AttachmentService& attachments,
                           services::IngestionService& ingestion, services::RecordService& records,
                           const std::string& integration_key, http::RequestLimits& limits);

}  // namespace care::server::routes
