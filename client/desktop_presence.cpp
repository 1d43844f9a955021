// Presence (R-F8): while a request or a customer is on screen the desktop says so
// every ten seconds (the server forgets a viewer after thirty), marked "editing"
// while there are unsaved edits; it leaves when the record goes; presence.changed
// events tell who else is there.
#include "care/codec/json.hpp"
#include "desktop.hpp"

namespace care::client {
namespace {

constexpr double kHeartbeat = 10.0;

std::vector<Viewer> read_viewers(const care::Json& body, care::Id me) {
  std::vector<Viewer> others;
  if (!body.is_object() || !body.contains("viewers") || !body["viewers"].is_array()) return others;
  for (const auto& v : body["viewers"]) {
    if (!v.is_object()) continue;
    care::Id agent = v.value("agent", care::Id{0});
    if (agent == me) continue;
    others.push_back({agent, v.value("display_name", ""), v.value("editing", false)});
  }
  return others;
}

}  // namespace

void Desktop::keep_presence(Presence& presence, const std::string& record, care::Id id,
                            bool editing) {
  bool moved = presence.record != record || presence.id != id;
  if (moved && presence.id != 0) {
    call("DELETE", "/api/presence?record=" + presence.record + "&id=" + std::to_string(presence.id),
         {}, [](const HttpResponse&) {});
  }
  if (moved) presence = Presence{record, id, editing, -1e9, {}};
  if (id == 0) return;
  if (!moved && presence.editing == editing && now_ - presence.sent_at < kHeartbeat) return;
  presence.editing = editing;
  presence.sent_at = now_;
  care::Json body{{"record", record}, {"id", id}, {"editing", editing}};
  Presence* target = &presence;
  call("POST", "/api/presence", body.dump(), [this, target, record, id](const HttpResponse& r) {
    auto answer = care::parse_json(r.body);
    if (r.status != 200 || !answer || target->record != record || target->id != id) return;
    target->others = read_viewers(*answer, state_.agent.id);
  });
  platform_.wake_after(kHeartbeat);  // the next heartbeat needs a frame
}

void Desktop::update_presence() {
  if (state_.phase != SessionPhase::SignedIn) return;
  const care::Request* request = request_on_screen();
  keep_presence(state_.request_presence, "request", request ? request->id : 0,
                request && state_.request_edit.dirty && state_.request_edit.request == request->id);
  bool customer_open = state_.pane == Pane::Customers && state_.customer;
  keep_presence(state_.customer_presence, "customer",
                customer_open ? state_.customer->customer.id : 0,
                customer_open && state_.customer->dirty);
}

void Desktop::on_presence(const care::Json& data) {
  std::string record = data.value("record", "");
  care::Id id = data.value("id", care::Id{0});
  for (Presence* presence : {&state_.request_presence, &state_.customer_presence}) {
    if (presence->record == record && presence->id == id) {
      presence->others = read_viewers(data, state_.agent.id);
    }
  }
}

}  // namespace care::client
