#include "routes/desk_access.hpp"

#include "routes/access.hpp"

namespace care::server::routes {

std::optional<Agent> require_desk_agent(const httplib::Request& req, httplib::Response& res,
                                        services::AuthService& auth, store::Store& store) {
  // The session, the agent and their routing in one read (issue 15: three before).
  store::Store::ReadTogether together(store);
  auto signed_in = require_agent(req, res, auth);
  if (!signed_in) return std::nullopt;
  return store.routing_agent(signed_in->id);
}

}  // namespace care::server::routes
