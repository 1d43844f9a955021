#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "care/api.hpp"
#include "care/model.hpp"
#include "layout.hpp"
#include "merge.hpp"
#include "outbox.hpp"
#include "ui/theme.hpp"

namespace care::client {

// The desktop's local replica of what it shows. The desktop fills it from REST
// answers (and, later, the event stream); panels only read it.

enum class Connection { Connecting, Connected, Unreachable };

enum class SessionPhase { Checking, SignedOut, SigningIn, SignedIn };

struct Agent {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string role;
  std::string state = "not_ready";  // ready | not_ready (R-A2)
  std::string reason;               // why Not Ready: break, lunch, …, missed_offer
};

enum class SignInProblem { None, WrongCredentials, TooManyAttempts, Failed };

// A task offered to me or in my hands, with the records the workspace shows (R-A6).
struct Hand {
  care::Task task;
  care::Activity activity;
  std::optional<care::Customer> customer;
  std::optional<care::Request> request;
  std::vector<care::Comment> comments;
  bool customer_typing = false;
  std::vector<care::Handoff> handoffs;  // transfers and consults of its activity (issue 18)
  bool guest = false;  // consulted in it by its holder: may write and leave, not close
};

// The request being edited in place (R-C1): what the agent typed, and the version and
// values it started from. A newer version saved by someone else is merged field by field
// (R-E1, merge.hpp): `changed_by` and `changed_at` say who and when, and a field both
// changed waits for the agent's choice.
struct RequestEdit {
  care::Id request = 0;
  care::Version version = 0;
  std::string title;
  std::string description;
  EditBase title_base;
  EditBase description_base;
  bool dirty = false;
  bool saving = false;
  bool saved = false;     // the agent saved, and has not typed since: "Saved" shows…
  double saved_at = 0.0;  // …from then (ImGui seconds), fading out (ui::fading_sign)
  std::string error;      // the server's or the rule's message
  care::Id changed_by = 0;
  care::Time changed_at{};

  bool undecided() const { return title_base.clash || description_base.clash; }
};

// The customer form for an unknown contact (R-D2, R-D3), prefilled from what the
// channel told.
struct CustomerForm {
  care::Id activity = 0;
  bool account = false;  // a company (account) rather than a person (contact), R-D1
  std::string name;
  std::string email;
  std::string phone;
  std::string error;
  bool saving = false;
};

// An email reply's To, Cc and subject as the agent has them (R-B3), for the email
// `activity`: prefilled from care::reply_headers, addresses typed comma-separated.
struct ReplyFields {
  care::Id activity = 0;
  std::string to;
  std::string cc;
  std::string subject;
  std::string error;  // what is wrong with them, shown beside them until they are edited
  bool operator==(const ReplyFields& other) const {
    return activity == other.activity && to == other.to && cc == other.cc &&
           subject == other.subject;
  }
};

// Which control the last failed action was on: its line goes when that control next
// works, or when the agent edits its field.
enum class ErrorSource { None, Composer, Comment, Call, Offer, Records };

// The close questions (R-D3, R-F10) for the task being closed.
struct Closing {
  care::Id task = 0;
  int wrap_up = -1;          // index into wrap_up_codes (an active one)
  int unknown_contact = -1;  // 0 create, 1 leave without
  int unsaved = -1;          // 0 save the customer's changes, 1 discard them
  std::string error;
  int unsent = -1;        // 0 send and save what was typed first, 1 discard it (R-J5)
  bool settling = false;  // sending and saving it: the close goes on once all landed
};

// Transfer or consult (issue 18, R-K1): the dialog's choices for one task in hand.
struct Handing {
  care::Id task = 0;
  bool consult = false;  // invite a colleague into the chat, rather than hand it on
  int target = 0;        // transfer: 0 to a queue, 1 to an agent
  care::Id queue = 0;
  care::Id agent = 0;
  std::string note;
  std::string error;  // the server's answer, said in the dialog
  bool sending = false;
};

// What the left column lists (R-A5, R-A6, R-D4, R-H3); the workspace follows it.
enum class Pane { InProgress, Queue, Customers, Floor };

// A waiting task of my queues, with what the preview shows before accepting (R-A5).
struct Waiting {
  Hand hand;
  std::string queue_name;
};

// One line of the customer journey (R-D5): a request heading, or an activity of it.
struct JourneyRow {
  care::Id request = 0;  // the heading's request, or the activity's
  int activity = -1;     // index into CustomerView::activities; -1 for a heading
};

// A customer opened from Search, Recent or a task (R-D4), with their journey (R-D5)
// and the edit buffers of their details (R-D2), like RequestEdit. The journey comes a
// page at a time, as the agent scrolls; the selected activity is read in full.
struct CustomerView {
  care::Customer customer;
  std::vector<care::Request> requests;         // newest first
  std::vector<care::JourneyEntry> activities;  // the pages loaded so far, newest first
  std::int64_t total = 0;                      // activities in the whole journey
  std::string next_cursor;                     // "" once the last page is in
  int journey_loads = 0;                       // pages asked for and not yet in
  std::vector<JourneyRow> rows;                // built when loaded or filtered, not per frame
  int rows_built = 0;                          // counts the builds of `rows`
  // The row at the top of the journey's view as last drawn, so a page that adds rows
  // above it (activities of a request higher up) does not move it under the agent's eyes.
  struct {
    care::Id request = 0;   // the heading's request, when it is a heading
    care::Id activity = 0;  // the activity's id, when it is an activity
    float offset = 0.0f;    // how far it was scrolled past
    int built = 0;          // the build of `rows` it was read from
  } top;
  int channel_filter = -1;  // -1 all, else a care::MediaType
  care::Id selected_activity = 0;
  std::optional<care::Activity> selected;        // selected_activity in full, transcript included
  std::optional<care::Rating> selected_rating;   // its customer's rating, if they gave one
  std::vector<care::Comment> selected_notes;     // its internal notes (issue 18)
  std::vector<care::Handoff> selected_handoffs;  // who handed it to whom (issue 18)
  std::string name, email, phone;
  EditBase name_base, email_base, phone_base;  // as RequestEdit's; `customer` is theirs
  bool dirty = false;
  bool saving = false;
  bool saved = false;  // as RequestEdit::saved
  double saved_at = 0.0;
  std::string error;
  care::Id changed_by = 0;
  care::Time changed_at{};
  std::string new_request_title;

  bool undecided() const { return name_base.clash || email_base.clash || phone_base.clash; }

  // The request of the activity selected in the journey, if it has one (the activity
  // may be on a page not loaded yet: then its full copy says).
  const care::Request* selected_request() const {
    std::optional<care::Id> request;
    if (selected && selected->id == selected_activity) request = selected->request;
    for (const care::JourneyEntry& entry : activities) {
      if (entry.id == selected_activity) request = entry.request;
    }
    if (!request) return nullptr;
    for (const care::Request& r : requests) {
      if (r.id == *request) return &r;
    }
    return nullptr;
  }

  bool more_to_load() const { return !next_cursor.empty() && journey_loads == 0; }
};

struct RecentCustomer {
  care::Id id = 0;
  std::string name;
};

// The customer management pane (R-D4): Search and Recent.
struct CustomerPane {
  std::string query;
  std::string searched;  // the query the results answer
  std::vector<care::Customer> results;
  std::vector<RecentCustomer> recent;  // newest first, remembered in the browser
};

// The supervisor's floor (R-H3), as GET /api/supervisor/overview answers (read by the
// shared codec); `loaded` once the first answer came.
struct Floor {
  care::FloorOverview view;
  bool loaded = false;
};

// A chat a supervisor monitors from the floor (issue 18): its lines come as events;
// what the supervisor writes goes into the chat (barging in).
struct Monitor {
  care::Id activity = 0;
  std::string agent_name;              // who holds the chat
  std::optional<care::Activity> chat;  // once the server answered
  std::string line;                    // being written
  bool sending = false;
  bool ended = false;
  std::string error;
};

// Another agent on a record I have on screen (R-F8).
struct Viewer {
  care::Id agent = 0;
  std::string name;
  bool editing = false;
};

// What I tell the server I have open, and who else has it.
struct Presence {
  std::string record;  // "request" or "customer"; empty when nothing is open
  care::Id id = 0;
  bool editing = false;
  double sent_at = -1e9;
  std::vector<Viewer> others;
};

// The tabs of the details pane beside a task in progress.
enum class DetailsTab { Details, Conversation, Cases, Timeline, Knowledge };

// A knowledge article found by search (R-F5).
struct KbHit {
  care::Id id = 0;
  std::string title;
  std::string snippet;
};

// Who works here, by name (GET /api/agents/directory): names who changed a record.
struct Directory {
  std::vector<care::DirectoryAgent> agents;
  bool loading = false;

  const care::DirectoryAgent* find(care::Id id) const {
    for (const care::DirectoryAgent& agent : agents) {
      if (agent.id == id) return &agent;
    }
    return nullptr;
  }
};

// The "@name" completion of a note field (issue 18): which candidate the arrows are on,
// the "@" it completes (byte offset; npos: none), and one the agent closed with Esc.
struct MentionCompletion {
  std::string field;  // the field's id, of the field the completion belongs to
  std::size_t at = std::string::npos;
  std::size_t caret = 0;
  int pick = 0;
  std::string word;  // what is typed after the "@"
  std::size_t dismissed_at = std::string::npos;
  bool refocus = false;                      // the field gets the keyboard again…
  std::size_t caret_to = std::string::npos;  // …with the caret here
  bool list_hovered = false;                 // a click on the list takes the field's focus: keep it
};

// The agent's mentions (issue 18): the newest first, unread on top of the count.
struct Mentions {
  std::vector<care::Mention> list;
  std::int64_t unread = 0;
  care::Id newest = 0;      // of the last one shown as a banner, to fade it
  double banner_at = -1e9;  // ImGui seconds the banner appeared
};

struct CannedResponse {
  care::Id id = 0;
  std::string name;
  std::string body;
};

struct DesktopState {
  Connection connection = Connection::Connecting;
  double reconnect_at = 0.0;  // seconds (ImGui time) of the next try while unreachable
  std::string server_version;
  SessionPhase phase = SessionPhase::Checking;
  Agent agent;
  Directory directory;
  SignInProblem sign_in_problem = SignInProblem::None;
  bool state_change_pending = false;

  Pane pane = Pane::InProgress;
  Layout layout;               // the column widths the agent dragged to
  std::vector<Hand> hands;     // offered and assigned to me
  std::vector<Waiting> queue;  // waiting in my queues (R-A5)
  std::vector<Hand> closed;    // closed work items, newest first (R-F7)
  care::Id previewed_task = 0;
  CustomerPane customers;
  std::optional<CustomerView> customer;  // the customer opened in the workspace
  Floor floor;
  std::optional<Monitor> monitor;      // a chat monitored from the floor
  std::vector<CannedResponse> canned;  // matches for the composer's "/" (R-F9)
  std::string canned_query;            // what `canned` answers
  DetailsTab details_tab = DetailsTab::Details;
  bool timeline_whole_customer = false;  // F4's related-records switch: case or customer
  Presence request_presence;
  Presence customer_presence;
  std::string skill_input;  // a skill to add to the conversation (R-F1)
  std::string kb_query;
  std::string kb_searched;
  std::vector<KbHit> kb_hits;
  bool palette_open = false;        // Ctrl+K (R-J8)
  bool about_open = false;          // Help → About
  bool keyboard_help_open = false;  // Help → Keyboard shortcuts, F1
  ui::Look look;                    // zoom and theme, remembered in the browser
  std::string palette_query;
  int palette_pick = 0;        // the line Enter runs, moved with Up and Down
  care::Id selected_task = 0;  // the workspace shows this one
  // The lists an admin sets, retired entries too (old records still name them); each
  // drawn in the agent's language (R-J2, panels/labels.hpp).
  std::vector<care::WrapUpCode> wrap_up_codes;
  std::vector<care::NotReadyReason> not_ready_reasons;
  std::vector<care::Queue> queues;
  RequestEdit request_edit;
  // Attachments (issue 18): image previews by the file's id (the desktop fills them
  // from the platform; the conversation draws them), and an email's files the agent
  // attached that go with the next reply, by activity.
  struct Preview {
    unsigned texture = 0;
    int width = 0, height = 0;
  };
  std::map<care::Id, Preview> previews;
  std::map<care::Id, std::vector<care::Attachment>> reply_files;
  std::string composer;  // the chat line or email reply being written
  ReplyFields reply;     // the email reply's To, Cc and subject
  Outbox outbox;         // lines sent that the server has not confirmed (R-J5)
  std::string tag_input;
  std::string tag_error;
  std::string comment_input;
  MentionCompletion mention_completion;
  Mentions mentions;
  bool comment_sending = false;  // a comment on its way: the close waits for it
  CustomerForm customer_form;
  std::optional<Closing> closing;
  std::optional<Handing> handing;  // the transfer / consult dialog, while open (issue 18)
  std::string work_error;          // the last failed action, in the agent's language
  ErrorSource work_error_source = ErrorSource::None;
  bool work_error_offline = false;  // it failed for want of an answer: goes on reconnect
  // A work_error from this source is over: the control worked or its field changed.
  void clear_work_error(ErrorSource source) {
    if (work_error_source != source) return;
    work_error.clear();
    work_error_source = ErrorSource::None;
    work_error_offline = false;
  }

  const Hand* hand(care::Id task) const {
    for (const Hand& h : hands) {
      if (h.task.id == task) return &h;
    }
    return nullptr;
  }
  Hand* hand(care::Id task) {
    for (Hand& h : hands) {
      if (h.task.id == task) return &h;
    }
    return nullptr;
  }
};

}  // namespace care::client
