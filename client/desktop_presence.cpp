// Presence (R-F8): while a request or a customer is on screen the desktop says so
// every ten seconds (the server forgets a viewer after thirty), marked "editing"
// while there are unsaved edits; it leaves when the record goes; presence.changed
// events tell who else is there.
#include <algorithm>

#include "desktop.hpp"
#include "platform/platform.hpp"

namespace care::client {
namespace {

constexpr double kHeartbeat = 10.0;

// Everyone on the record but me.
std::vector<Viewer> others_than(care::Id me, const std::vector<care::PresenceViewer>& viewers) {
  std::vector<Viewer> others;
  for (const care::PresenceViewer& v : viewers) {
    if (v.agent != me) others.push_back({v.agent, v.display_name, v.editing});
  }
  return others;
}

bool same_viewers(const std::vector<Viewer>& a, const std::vector<Viewer>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Viewer& x, const Viewer& y) {
    return x.agent == y.agent && x.name == y.name && x.editing == y.editing;
  });
}

}  // namespace

void Desktop::keep_presence(Presence& presence, care::RecordType record, care::Id id,
                            bool editing) {
  const std::string name(care::enum_name(record));
  bool moved = presence.record != name || presence.id != id;
  if (moved && presence.id != 0) {
    if (auto left = care::enum_from_name<care::RecordType>(presence.record)) {
      api_.leave(*left, presence.id, [](Reply<Done>) {});
    }
  }
  if (moved) presence = Presence{name, id, editing, -1e9, {}};
  if (id == 0) return;
  if (!moved && presence.editing == editing && now_ - presence.sent_at < kHeartbeat) {
    // Asked again every frame: the platform keeps only the earliest wake, so the one
    // asked when the last heartbeat went may have given way to an earlier one.
    platform_.wake_after(kHeartbeat - (now_ - presence.sent_at));
    return;
  }
  presence.editing = editing;
  presence.sent_at = now_;
  Presence* target = &presence;
  api_.heartbeat(care::PresenceHeartbeat{record, id, editing},
                 [this, target, name, id](Reply<std::vector<care::PresenceViewer>> viewers) {
                   if (!viewers || target->record != name || target->id != id) return;
                   std::vector<Viewer> others = others_than(state_.agent.id, *viewers);
                   if (same_viewers(others, target->others)) return;  // nothing to draw
                   target->others = std::move(others);
                   wake_ui();
                 });
  platform_.wake_after(kHeartbeat);  // the next heartbeat needs a frame
}

void Desktop::update_presence() {
  if (state_.phase != SessionPhase::SignedIn) return;
  const care::Request* request = request_on_screen();
  keep_presence(state_.request_presence, care::RecordType::request, request ? request->id : 0,
                request && state_.request_edit.dirty && state_.request_edit.request == request->id);
  bool customer_open = state_.pane == Pane::Customers && state_.customer;
  keep_presence(state_.customer_presence, care::RecordType::customer,
                customer_open ? state_.customer->customer.id : 0,
                customer_open && state_.customer->dirty);
}

void Desktop::on_presence(const care::PresenceChanged& change) {
  for (Presence* presence : {&state_.request_presence, &state_.customer_presence}) {
    if (presence->record == care::enum_name(change.record) && presence->id == change.id) {
      presence->others = others_than(state_.agent.id, change.viewers);
    }
  }
}

}  // namespace care::client
