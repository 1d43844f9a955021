#include "desktop.hpp"

#include <imgui.h>

#include <algorithm>

#include "automation/automation.hpp"
#include "panels/panels.hpp"
#include "ui/widgets.hpp"

namespace care::client {

// Out of line: inlined into every Reply's visit, GCC warns of a field "maybe unset".
std::string words(const ApiError& error) {
  return i18n::describe(error.status, error.error);
}
std::string words(const care::Error& error) {
  return i18n::describe(error);
}

void Desktop::show_work_error(std::string text, ErrorSource source, bool offline) {
  state_.work_error = std::move(text);
  state_.work_error_source = source;
  state_.work_error_offline = offline;
  automation::announce(state_.work_error, automation::Urgency::Alert);
}

void Desktop::work_failed(ErrorSource source, const ApiError& why) {
  show_work_error(words(why), source, why.no_answer());
}

Desktop::Desktop(Transport& transport, Platform& platform)
    : transport_(transport), platform_(platform), panels_(panels::make_panels()) {}

void Desktop::start(const std::string& username, const std::string& password) {
  i18n::Language remembered;
  if (i18n::from_tag(platform_.load_setting(kLanguageSetting), remembered)) {
    i18n::set_language(remembered);
  }
  state_.layout = decode_layout(platform_.load_setting(kLayoutSetting));
  state_.look = ui::decode_look(platform_.load_setting(kLookSetting));
  // Times read in the agent's zone (the browser's), DST included at each instant.
  i18n::set_time_zone([this](long long at) { return platform_.utc_offset_minutes(at); });
  check_server();
  if (username.empty()) {
    load_session();
  } else {
    sign_in(username, password);
  }
}

void Desktop::draw(double ui_seconds, care::Time now) {
  now_ = ui_seconds;
  wall_now_ = now;
  if (state_.connection == Connection::Unreachable) {
    if (ui_seconds >= state_.reconnect_at) check_server();
    // One frame a second keeps the banner's countdown true, and only while offline.
    // Asked again every frame: the platform keeps only the earliest wake asked for.
    if (ui_seconds >= countdown_wake_at_) countdown_wake_at_ = ui_seconds + 1.0;
    platform_.wake_after(std::min(countdown_wake_at_, state_.reconnect_at) - ui_seconds);
  }
  if (outbox_retry_at_ > 0.0) {
    if (ui_seconds >= outbox_retry_at_) {
      outbox_retry_at_ = 0.0;
      flush_outbox();
    } else {
      platform_.wake_after(outbox_retry_at_ - ui_seconds);
    }
  }
  if (state_.phase == SessionPhase::SignedIn) sync_attachments();
  panels::Frame frame{state_, actions_, now, ui_seconds};
  for (const auto& panel : panels_)
    panel->draw(frame);
  if (state_.phase == SessionPhase::SignedIn) {
    // Offers count down and calls time themselves: a frame a second while shown.
    bool ticking = std::any_of(state_.hands.begin(), state_.hands.end(), [](const Hand& h) {
      return h.task.state == care::TaskState::offered || h.activity.media == care::MediaType::call;
    });
    // The floor's and the queue list's waits run on screen too.
    if (state_.pane == Pane::Floor) {
      ticking = true;
      // The server samples the queues for the chart; fetch each new sample in quiet times.
      if (ui_seconds >= floor_refresh_at_) load_floor();
    }
    if (state_.pane == Pane::Queue && !state_.queue.empty()) ticking = true;
    // A "Saved" sign fades out smoothly, then stops asking for frames.
    bool fading = state_.request_edit.saved || (state_.customer && state_.customer->saved);
    if (fading) platform_.wake_after(ui::kSignShows / 30.0);
    // A clock shows whole seconds: a frame a second is all it needs.
    if (ticking) platform_.wake_after(1.0);
  }
  // Every action of the frame, in the order the panels asked.
  for (const Action& action : actions_.take())
    apply(action);
  continue_close();
  keep_drafts();
  update_presence();
}

}  // namespace care::client
