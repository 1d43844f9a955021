#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/events.hpp"
#include "care/model/activity.hpp"
#include "care/model/agent.hpp"
#include "care/model/customer.hpp"
#include "care/model/rating.hpp"
#include "care/model/request.hpp"
#include "care/rules/close.hpp"
#include "care/rules/floor.hpp"

namespace care {

// Bodies of the REST API's requests (DESIGN: API starting shape). Each has a decoder
// in codec/json.hpp that checks structure and limits; the rules then check meaning.

struct SignIn {  // POST /api/session
  std::string username;
  std::string password;
  bool operator==(const SignIn&) const = default;
};

struct StateChange {  // PUT /api/me/state: {"state":"not_ready","reason":"lunch"}
  Presence presence = Presence::ready;
  std::string reason;
  bool operator==(const StateChange&) const = default;
};

// POST /api/customers; with `version`, PATCH /api/customers/{id} (the whole form is sent:
// "Edit, then Save", R-D2).
struct CustomerDraft {
  CustomerKind kind = CustomerKind::contact;
  std::string name;
  std::string email;
  std::string phone;
  std::string language;
  std::string location;
  std::optional<Id> primary_contact;
  std::optional<Id> account;
  bool operator==(const CustomerDraft&) const = default;
};

struct CustomerUpdate {
  Version version = 0;  // the version edited (R-E1)
  CustomerDraft customer;
  bool operator==(const CustomerUpdate&) const = default;
};

// The draft applied onto a record (id, stamps and version untouched).
Customer apply(Customer customer, const CustomerDraft& draft);

struct RequestDraft {  // POST /api/customers/{id}/requests (R-C6)
  std::string title;
  std::string description;
  Priority priority = Priority::normal;
  bool operator==(const RequestDraft&) const = default;
};

struct RequestPatch {  // PATCH /api/requests/{id}: only the fields sent change (R-C1)
  Version version = 0;
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<RequestStatus> status;
  std::optional<Priority> priority;
  bool operator==(const RequestPatch&) const = default;
};

// A chat/email message or a comment: {"text": "...", "key": "..."}. The key is made by
// the client for a message: sent again (the answer was lost), the server stores it
// once and answers with the message it already has (R-J5).
// An email reply also says "to", "cc" and "subject" (R-B3); left out, the server
// answers the customer under "Re: <subject>" (care::reply_headers).
struct TextDraft {
  std::string text;
  std::string key;  // empty: none
  std::optional<EmailHeaders> email;
  bool operator==(const TextDraft&) const = default;
};

struct TagDraft {  // POST /api/activities/{id}/tags
  std::string tag;
  Version version = 0;
  bool operator==(const TagDraft&) const = default;
};

struct MoveActivity {  // POST /api/activities/{id}/move (R-C6)
  Id request = 0;
  Version version = 0;
  bool operator==(const MoveActivity&) const = default;
};

struct SkillsUpdate {  // the conversation's skills (R-F1)
  std::vector<std::string> skills;
  Version version = 0;
  bool operator==(const SkillsUpdate&) const = default;
};

struct CloseTask {  // POST /api/tasks/{id}/close (R-D3, R-F10)
  CloseAnswers answers;
  // What only the desktop knows: the customer form holds unsaved edits (R-D3).
  bool unsaved_customer_changes = false;
  bool operator==(const CloseTask&) const = default;
};

// An admin's edit of a list entry's words (R-J2): PUT /api/wrap-up-codes/{code} and
// PUT /api/not-ready-reasons/{code} (which may also retire or restore it with
// `active`), PUT /api/queues/{id}/labels. The labels sent replace the entry's labels.
struct LabelsUpdate {
  Labels labels;
  std::optional<bool> active;  // absent: unchanged (a new entry is active)
  bool operator==(const LabelsUpdate&) const = default;
};

// The agent's own control of a call (R-B2): POST /api/activities/{id}/call with
// {"action": "hold" | "resume" | "end"}, recorded as the call's held, resumed or ended
// event (check_call_control says which is allowed now).
struct CallControl {
  CallEventKind kind = CallEventKind::held;  // held, resumed or ended
  bool operator==(const CallControl&) const = default;
};

// A control's wire name ("hold", "resume", "end"), and the control a name stands for.
std::string_view call_action_name(CallEventKind kind);
std::optional<CallControl> call_control_named(std::string_view action);

// POST /api/presence, every ~10 s while a record is on screen (R-F8).
struct PresenceHeartbeat {
  RecordType record = RecordType::request;
  Id id = 0;
  bool editing = false;  // unsaved edits on it
  bool operator==(const PresenceHeartbeat&) const = default;
};

// Channel ingestion (R-B4, R-H1).
struct ChatStart {  // POST /api/channels/chat (the widget's pre-chat survey)
  std::string name;
  std::string email;
  std::string question;
  std::optional<Id> queue;
  VisitorDetails visitor;
  std::vector<SelfServiceAction> self_service;
  std::vector<Field> variables;
  std::string queue_name;  // or the queue by its name (the widget's `queue` as text)
  bool operator==(const ChatStart&) const = default;
};

// A Message-ID is one header line (RFC 5322's line limit).
inline constexpr std::size_t kMaxMessageIdLength = 998;

struct InboundEmail {  // POST /api/channels/email
  std::string from;
  std::string to;
  std::string subject;
  std::string body;
  std::optional<Id> queue;
  std::vector<std::string> cc;  // the other recipients, offered as the reply's Cc
  // The mail's Message-ID: the same mail posted again is the same activity (R-B4).
  std::string message_id;
  // Files the gateway uploaded first (POST /api/channels/attachments), by their ids.
  std::vector<Id> attachments;
  bool operator==(const InboundEmail&) const = default;
};

struct InboundCallEvent {  // POST /api/channels/call
  std::string call;        // the telephony system's id for the call
  CallEventKind kind = CallEventKind::ringing;
  std::string from;  // caller number
  std::string to;    // dialled number
  std::optional<Id> queue;
  std::vector<Field> collected;  // data collected before the call (IVR answers)
  std::optional<Time> at;        // when it happened on the telephony; absent: on arrival
  bool operator==(const InboundCallEvent&) const = default;
};

// PUT /api/queues/{id}/targets (admins): {"longest_wait_ms": 120000, "waiting": 5}.
// Decoded as QueueTargets (codec/json.hpp); both fields are required.

// Replies.

// An agent as the session shows them (POST /api/session, GET /api/me, GET /api/agents:
// docs/api "Agent"): who they are and their state, without the routing set-up.
struct SessionAgent {
  Id id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::agent;
  Presence state = Presence::not_ready;
  std::string state_reason;  // empty when Ready
  std::string language = "en";
  bool operator==(const SessionAgent&) const = default;
};

// One agent as every signed-in agent may see them (GET /api/agents/directory): enough
// to name who changed a record or who is on it, without the sign-in name, the state or
// the language, which are the agent's own or a supervisor's business.
struct DirectoryAgent {
  Id id = 0;
  std::string display_name;
  Role role = Role::agent;
  bool operator==(const DirectoryAgent&) const = default;
};

// Who has a record open (R-F8): the answer to a heartbeat, as presence.changed lists them.
struct PresenceViewers {
  std::vector<PresenceViewer> viewers;
  bool operator==(const PresenceViewers&) const = default;
};

// GET /api/supervisor/overview (R-H3): the supervisor's floor.

// Tasks accepted and closed over the shift, and their average handle time (accept → close).
struct HandledWork {
  std::int64_t count = 0;
  std::optional<std::int64_t> average_handle_ms;  // null when none was handled
  bool operator==(const HandledWork&) const = default;
};

// One point of a queue's recent history, taken by the server at a fixed interval.
struct FloorSample {
  Time at{};
  int waiting = 0;
  int in_progress = 0;
  bool operator==(const FloorSample&) const = default;
};

struct FloorQueue {
  Id id = 0;
  std::string name;
  int priority = 0;
  int waiting = 0;      // queued or offered: the customer still waits
  int offered = 0;      // of those, offered to an agent right now
  int in_progress = 0;  // accepted and not closed
  Duration longest_wait{0};
  std::optional<Time> waiting_since;  // the oldest waiting task's, kept across missed offers
  QueueTargets targets;
  ServiceLevel service_level;
  HandledWork handled;
  RatingSummary ratings;             // of its chats rated since the shift began (issue 18)
  std::vector<FloorSample> history;  // oldest first, the last hour at most
  bool operator==(const FloorQueue&) const = default;
};

// A task an agent holds, as the floor lists it: what a supervisor monitors or moves.
struct FloorTask {
  Id task = 0;
  Id activity = 0;
  Channel channel = Channel::chat;
  Time since{};  // accepted at
  bool operator==(const FloorTask&) const = default;
};

struct FloorAgent {
  Id id = 0;
  std::string display_name;
  FloorPresence state = FloorPresence::offline;
  std::string reason;                    // why Not Ready; empty otherwise
  Time since{};                          // in this Ready / Not Ready state since
  int chats = 0, calls = 0, emails = 0;  // accepted tasks in hand
  int offered = 0;
  std::vector<FloorTask> in_hand;  // the accepted tasks, oldest first
  HandledWork handled;
  bool operator==(const FloorAgent&) const = default;
};

struct FloorOverview {
  Time now{};
  Time since{};              // the shift's start: handled work and service level count from here
  Duration sample_every{0};  // the history's interval
  std::vector<FloorQueue> queues;
  std::vector<FloorAgent> agents;  // agents only: supervisors and admins are not the floor
  HandledWork handled;
  std::array<HandledWork, 3> handled_by_channel{};  // chat, call, email
  bool operator==(const FloorOverview&) const = default;
};

}  // namespace care
