#pragma once

#include <memory>
#include <string>
#include <vector>

#include "actions.hpp"
#include "api/api.hpp"
#include "care/codec/json.hpp"
#include "drafts.hpp"
#include "i18n/problems.hpp"
#include "panels/panel.hpp"
#include "platform/platform.hpp"
#include "state.hpp"
#include "transport/transport.hpp"

namespace care::client {

// What went wrong, in the agent's language (server errors are shown by their code).
std::string words(const ApiError& error);
std::string words(const care::Error& error);

// Adds a message to the conversation it belongs to, once (answers and events both bring it).
void add_message(std::vector<Hand>& hands, care::Id activity, const care::Message& message);
// Where a signed-in agent fetches an attachment (issue 18).
std::string attachment_path(care::Id file);

// The agent's language, remembered in this browser (or the native settings file).
inline constexpr const char* kLanguageSetting = "care.language";
// The agent's zoom and theme, remembered the same way.
inline constexpr const char* kLookSetting = "care.look";

// The desktop's state and its frame of UI. Panels (listed in panels/panels.cpp) read
// the state and queue actions; the desktop applies them in order after the frame
// (desktop_actions.cpp), and only the desktop talks to the server.
class Desktop {
 public:
  Desktop(Transport& transport, Platform& platform);

  // With a username, signs in at once (the native debug client's --sign-in).
  void start(const std::string& username = {}, const std::string& password = {});
  // `ui_seconds` is ImGui's clock (seconds since start); `now` the wall clock, read
  // once per frame by the caller so that nothing below reads a clock itself.
  void draw(double ui_seconds, care::Time now);
  // Applies what the panels asked, in order (desktop_actions.cpp).
  void apply(const Action& action);
  // Zoom and theme: the frame loop rebuilds fonts and style when they change.
  ui::Look look() const { return state_.look; }

 private:
  // Every request goes through api_: no answer at all means the connection is lost
  // (R-J5), and the desktop starts trying to reconnect with back-off.
  void connection_lost();
  void stream_lost();
  void check_server();
  void load_session();
  void sign_in(const std::string& username, const std::string& password);
  void sign_out();
  void change_state(const std::string& state, const std::string& reason);
  void signed_in();

  // The work (desktop_work.cpp).
  void start_work();
  void stop_work();
  void on_event(const care::EventData& event);
  void on_record_change(const care::RecordChanged& change);
  void load_tasks();
  void load_closed();
  void select_task(care::Id task);
  void step_task(int direction);
  void sync_request_edit();
  const care::Request* request_on_screen() const;
  void update_request(const care::Request& fresh);
  void load_activity(care::Id activity);
  void load_request(care::Id request);
  void accept(care::Id task);
  void decline(care::Id task);
  void send_message();
  void save_request();
  // A newer saved version of the request being edited, merged in field by field (R-E1).
  void rebase_request_edit(const care::Request& theirs);
  void resolve_request_field(const action::ResolveRequestField& choice);
  void add_tag(const std::string& raw);
  void remove_tag(const std::string& tag);
  void tags_saved(care::Id activity, const Reply<care::Activity>& saved);
  void add_comment();
  void close_task();
  bool settle_unsent(Closing& closing);
  void continue_close();
  void control_call(care::Id activity, care::CallEventKind control);
  void create_customer();
  // Transfer and consult (desktop_transfer.cpp, issue 18).
  void start_handing(care::Id task, bool consult);
  void send_handing();
  void leave_consult(care::Id task);

  // Records beside the work (desktop_records.cpp).
  void show_pane(Pane pane);
  void load_queue();
  void load_recent();
  void remember_recent(const care::Customer& customer);
  void search_customers(const std::string& query);
  void open_customer(care::Id id);
  void build_journey_rows();
  void load_more_journey();
  void load_journey_activity(care::Id id);
  void save_customer();
  void load_customer_edit();
  void rebase_customer_edit(CustomerView& view, const care::Customer& theirs);
  void resolve_customer_field(const action::ResolveCustomerField& choice);
  // Who changed a record, by name: the directory is read again for an id it lacks.
  void load_directory();
  void note_change(care::Id& changed_by, care::Time& changed_at, const care::Stamp& stamp);
  void add_request(const std::string& title);
  void move_activity(care::Id activity, care::Id request);
  void load_floor();
  // A record.changed event for the opened customer's records (R-E1).
  void on_customer_change(const care::RecordChanged& change);
  void change_skill(const std::string& skill, bool add);
  void search_knowledge(const std::string& query);
  void share_article(care::Id id);
  void find_canned(const std::string& query);

  // Supervisor actions on the floor (desktop_supervision.cpp, issue 18).
  void set_agent_not_ready(care::Id agent, const std::string& reason);
  void monitor_chat(care::Id activity, const std::string& agent_name);
  void resume_monitoring();
  void stop_monitoring();
  void reassign_task(care::Id task, std::optional<care::Id> queue, std::optional<care::Id> agent);
  void barge_in();
  void on_monitored_line(const care::ChatMessageAdded& added);
  void on_monitored_change(const care::RecordChanged& change);

  // Presence (desktop_presence.cpp).
  void keep_presence(Presence& presence, care::RecordType record, care::Id id, bool editing);
  void update_presence();
  void on_presence(const care::PresenceChanged& change);
  void use_canned(care::Id id);
  // Attachments (desktop_attachments.cpp): the upload target, previews, upload answers.
  void sync_attachments();
  std::string upload_target_;

  Transport& transport_;
  Api api_{transport_, [this] { connection_lost(); }};
  Platform& platform_;
  DesktopState state_;
  // Mentions of me in internal notes (desktop_mentions.cpp, issue 18).
  void load_mentions();
  void on_mention(const care::MentionAdded& added);
  void read_mentions(const Reply<care::MentionList>& list);
  void open_mention(care::Id mention);
  void read_all_mentions();

  // Drafts per task (desktop_drafts.cpp).
  std::string drafts_setting() const;
  void load_drafts();
  Draft draft_on_screen() const;
  void stash_draft();
  void restore_draft(care::Id task);
  void forget_drafts_of_gone_tasks();
  void keep_drafts();
  // Lines sent and not yet confirmed (desktop_outbox.cpp).
  std::string outbox_setting() const;
  void load_outbox();
  void flush_outbox();
  void line_refused(const OutgoingLine& line, const ApiError& why);
  void keep_outbox();
  // The line under the work's controls (desktop.cpp): set by a failure, gone when its
  // control next works, its field is edited, or (no answer) the server is back.
  void show_work_error(std::string text, ErrorSource source, bool offline = false);
  void work_failed(ErrorSource source, const ApiError& why);

  Drafts drafts_;             // of the tasks not on screen (the one on screen is live)
  std::string drafts_saved_;  // what the browser holds, to write only changes
  std::string outbox_saved_;
  std::uint64_t lines_sent_ = 0;  // with the wall clock, makes each line's key
  care::Time wall_now_{};
  ActionQueue actions_;
  std::vector<std::unique_ptr<panels::Panel>> panels_;
  double now_ = 0.0;
  bool version_pending_ = false;
  double retry_delay_ = 1.0;
  // When lines the server turned away for now (5xx, 429) go again; 0: none waiting.
  double outbox_retry_at_ = 0.0;
  double countdown_wake_at_ = 0.0;
  bool work_started_ = false;
  // The agent's own state changes seen (a change's answer, an agent.state event): an
  // /api/me answer read before one of them must not undo it.
  int agent_state_changes_ = 0;
  bool notify_offer_ = false;
  care::Id journey_focus_ = 0;  // an activity to select once its customer's journey is in
  // A list reload in flight, and whether another change came meanwhile: bursts of
  // queue.changed cost one reload each, not one per event.
  bool queue_pending_ = false, queue_stale_ = false;
  bool floor_pending_ = false, floor_stale_ = false;
  double floor_refresh_at_ = 0.0;  // ImGui seconds of the next reload while the floor shows
};

}  // namespace care::client
