// The lists an admin sets (R-J2): wrap-up codes (R-F10), Not Ready reasons (R-A2) and
// queue names carry a label per language. Agents read the lists with every label and
// draw the one in their own language; only admins change them.
#include "routes/list_routes.hpp"

#include "care/codec/json.hpp"
#include "care/model/agent.hpp"
#include "http/decode.hpp"
#include "http/responses.hpp"
#include "routes/access.hpp"

namespace care::server::routes {
namespace {

// A code is a stable key stored on records: lower-case letters, digits and "_".
constexpr size_t kCodeLimit = 40;

bool valid_code(const std::string& code) {
  if (code.empty() || code.size() > kCodeLimit || code[0] < 'a' || code[0] > 'z') return false;
  for (char c : code) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// The admin's edit of one entry, or an error already sent: 401/403 before the body is
// read, then 415/400/422 for the body, 422 for the path's code.
std::optional<LabelsUpdate> admin_update(const httplib::Request& req, httplib::Response& res,
                                         services::AuthService& auth, bool with_code) {
  auto admin = require_agent(req, res, auth);
  if (!admin || !require_role(*admin, store::Role::Admin, res)) return std::nullopt;
  if (with_code && !valid_code(req.matches[1].str())) {
    http::send_error(res, 422, "invalid",
                     "code: 1 to 40 lower-case letters, digits or _, starting with a letter",
                     "code");
    return std::nullopt;
  }
  return http::decode_body<LabelsUpdate>(req, res);
}

// Applies `update` to the entry `code` of `list` (a WrapUpCode or NotReadyReason), or
// makes a new one; nullopt (and 422 sent) when a new entry lacks its English word.
template <class Entry>
std::optional<Entry> updated_entry(const std::vector<Entry>& list, const std::string& code,
                                   const LabelsUpdate& update, httplib::Response& res) {
  Entry entry;
  entry.code = code;
  bool known = false;
  for (const Entry& existing : list) {
    if (existing.code == code) {
      entry = existing;
      known = true;
    }
  }
  const auto english = update.labels.find("en");
  if (!known && english == update.labels.end()) {
    http::send_error(res, 422, "missing",
                     "labels.en: required for a new entry (every language falls back to it)",
                     "labels.en");
    return std::nullopt;
  }
  // The single label stays the English word, for whoever reads only that.
  if (english != update.labels.end()) entry.label = english->second;
  entry.labels = update.labels;
  if (update.active) entry.active = *update.active;
  return entry;
}

}  // namespace

void add_list_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                     services::RoutingService& routing) {
  router.get("/api/wrap-up-codes", [&](const httplib::Request& req, httplib::Response& res) {
    if (!require_agent(req, res, auth)) return;
    http::send_json(res, 200, Json{{"codes", store.wrap_up_codes()}});
  });

  // {"labels":{"en":"Resolved","hu":"Megoldva"},"active":true}: adds the code (201) or
  // replaces its labels (200).
  router.put("/api/wrap-up-codes/{code}", [&](const httplib::Request& req, httplib::Response& res) {
    auto update = admin_update(req, res, auth, true);
    if (!update) return;
    const std::string code = req.matches[1].str();
    auto entry = updated_entry(store.wrap_up_codes(), code, *update, res);
    if (!entry) return;
    const bool added = store.put_wrap_up_code(*entry);
    routing.reload_wrap_up_codes();
    http::send_json(res, added ? 201 : 200, Json{{"wrap_up_code", *entry}});
  });

  router.get("/api/not-ready-reasons", [&](const httplib::Request& req, httplib::Response& res) {
    if (!require_agent(req, res, auth)) return;
    http::send_json(res, 200, Json{{"reasons", store.not_ready_reasons()}});
  });

  router.put("/api/not-ready-reasons/{code}",
             [&](const httplib::Request& req, httplib::Response& res) {
               auto update = admin_update(req, res, auth, true);
               if (!update) return;
               const std::string code = req.matches[1].str();
               // The router's own reason: the desktop words it, nobody chooses it.
               if (code == kMissedOfferReason) {
                 return http::send_error(res, 422, "invalid",
                                         "code: missed_offer is given only by the router", "code");
               }
               auto entry = updated_entry(store.not_ready_reasons(), code, *update, res);
               if (!entry) return;
               const bool added = store.put_not_ready_reason(*entry);
               http::send_json(res, added ? 201 : 200, Json{{"reason", *entry}});
             });

  // {"labels":{"en":"Calls","hu":"Hívások"}}: the queue's name per language; its unique
  // name stays what every language falls back to.
  router.put("/api/queues/{id}/labels", [&](const httplib::Request& req, httplib::Response& res) {
    auto update = admin_update(req, res, auth, false);
    if (!update) return;
    auto id = http::path_id(req, res);
    if (!id) return;
    if (update->active) {
      return http::send_error(res, 422, "invalid", "active: queues are not retired", "active");
    }
    if (!store.set_queue_labels(*id, update->labels)) {
      return http::send_error(res, 404, "not_found", "no such queue");
    }
    for (const Queue& queue : store.queues()) {
      if (queue.id == *id) return http::send_json(res, 200, Json{{"queue", queue}});
    }
    http::send_error(res, 404, "not_found", "no such queue");
  });
}

}  // namespace care::server::routes
