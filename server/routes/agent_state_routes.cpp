#include "routes/agent_state_routes.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "events/publish.hpp"
#include "http/request_body.hpp"
#include "http/responses.hpp"
#include "routes/access.hpp"

namespace care::server::routes {
namespace {

using nlohmann::json;

// Whether `reason` is an active entry of the Not Ready list an admin keeps (R-A2).
// "missed_offer" is set only by the router when an offer times out (R-A3) and is never
// in the list, so nobody chooses it.
bool chosen_reason(store::Store& store, const std::string& reason, std::string& allowed) {
  bool found = false;
  for (const NotReadyReason& entry : store.not_ready_reasons()) {
    if (!entry.active) continue;
    if (entry.code == reason) found = true;
    allowed += (allowed.empty() ? "" : ", ") + entry.code;
  }
  return found;
}

// Applies {"state": "ready"} or {"state": "not_ready", "reason": "…"} to `agent_id`.
void change_state(const httplib::Request& req, httplib::Response& res, store::Store& store,
                  const Clock& clock, events::EventHub& hub, std::int64_t agent_id,
                  std::int64_t actor_id) {
  auto body = http::json_object_body(req, res);
  if (!body) return;
  auto state = http::required_string(*body, "state", 20, res);
  if (!state) return;
  std::string reason;
  if (*state == "not_ready") {
    auto given = http::required_string(*body, "reason", 40, res);
    if (!given) return;
    std::string allowed;
    if (!chosen_reason(store, *given, allowed)) {
      http::send_error(res, 422, "invalid",
                       "reason: not an active Not Ready reason (" + allowed + ")", "reason");
      return;
    }
    reason = *given;
  } else if (*state != "ready") {
    http::send_error(res, 400, "invalid", "state: ready or not_ready", "state");
    return;
  }
  auto changed = store.set_agent_state(agent_id, *state, reason, actor_id, clock.now_ms());
  if (!changed) {
    http::send_error(res, 404, "not_found", "no such agent");
    return;
  }
  json now = {{"agent_id", changed->id},
              {"state", changed->state},
              {"reason", changed->state_reason},
              {"since", changed->state_since}};
  // Published after the commit, so a stream never shows a state the store lacks; in
  // the shared codec's shape, which the desktop decodes.
  AgentState published{enum_from_name<Presence>(changed->state).value_or(Presence::not_ready),
                       changed->state_reason, time_from_unix_ms(changed->state_since)};
  events::publish(hub, AgentStateChanged{changed->id, published},
                  events::Audience::agent(changed->id).and_role(store::Role::Supervisor));
  http::send_json(res, 200, now);
}

}  // namespace

void add_agent_state_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                            const Clock& clock, events::EventHub& hub,
                            std::function<void(std::int64_t agent)> changed) {
  router.put("/api/me/state", [&, changed](const httplib::Request& req, httplib::Response& res) {
    auto agent = require_agent(req, res, auth);
    if (!agent) return;
    change_state(req, res, store, clock, hub, agent->id, agent->id);
    if (res.status == 200) changed(agent->id);
  });

  router.put("/api/agents/{id}/state",
             [&, changed](const httplib::Request& req, httplib::Response& res) {
               auto supervisor = require_agent(req, res, auth);
               if (!supervisor || !require_role(*supervisor, store::Role::Supervisor, res)) return;
               std::string text = req.matches[1];
               std::int64_t agent_id = 0;
               auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), agent_id);
               if (ec != std::errc() || end != text.data() + text.size()) {
                 http::send_error(res, 404, "not_found", "no such agent");
                 return;
               }
               change_state(req, res, store, clock, hub, agent_id, supervisor->id);
               if (res.status == 200) changed(agent_id);
             });
}

}  // namespace care::server::routes
