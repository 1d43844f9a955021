#pragma once

#include "http/router.hpp"
#include "services/auth_service.hpp"
#include "services/mention_service.hpp"
#include "store/store.hpp"

namespace care::server::routes {

// Internal notes with @mentions (issue 18), for signed-in agents:
// POST /api/activities/{id}/notes {"text": "…@Bob Jones…"} adds a note (a comment) and
// tells each agent it names (201 {"note", "mentions"}); GET /api/mentions[?unread=true]
// lists the caller's own mentions, newest first, with how many are unread;
// POST /api/mentions/{id}/read and POST /api/mentions/read (all) mark them read.
void add_mention_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                        services::MentionService& mentions);

}  // namespace care::server::routes
