#pragma once

#include "http/router.hpp"
#include "services/auth_service.hpp"
#include "services/knowledge_service.hpp"
#include "store/store.hpp"

namespace care::server::routes {

// The knowledge base (R-F5): /api/kb… for agents, /api/channels/kb… read-only and
// public for the help portal (R-H1); canned responses (R-F9): /api/canned-responses….
void add_knowledge_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                          services::KnowledgeService& knowledge);

}  // namespace care::server::routes
