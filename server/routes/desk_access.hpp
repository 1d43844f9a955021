#pragma once
// The signed-in agent as the domain sees them (roles, queues, skills, capacity).
#include <httplib.h>

#include <optional>

#include "care/model/agent.hpp"
#include "services/auth_service.hpp"
#include "store/store.hpp"

namespace care::server::routes {

// The signed-in agent, or 401 sent.
std::optional<Agent> require_desk_agent(const httplib::Request& req, httplib::Response& res,
                                        services::AuthService& auth, store::Store& store);

}  // namespace care::server::routes
