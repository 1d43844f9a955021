#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "care/model.hpp"

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
};

// The request being edited in place (R-C1): what the agent typed, and the version it
// started from. A change elsewhere sets `changed_by` (R-E1: caution with Load).
struct RequestEdit {
  care::Id request = 0;
  care::Version version = 0;
  std::string title;
  std::string description;
  bool dirty = false;
  bool saving = false;
  std::string error;  // the server's or the rule's message
  care::Id changed_by = 0;
  std::string changed_at;
};

// The customer form for an unknown contact (R-D2, R-D3), prefilled from what the
// channel told.
struct CustomerForm {
  care::Id activity = 0;
  std::string name;
  std::string email;
  std::string phone;
  std::string error;
  bool saving = false;
};

// The close questions (R-D3, R-F10) for the task being closed.
struct Closing {
  care::Id task = 0;
  int wrap_up = -1;          // index into wrap_up_codes
  int unknown_contact = -1;  // 0 create, 1 leave without
  std::string error;
};

struct DesktopState {
  Connection connection = Connection::Connecting;
  double reconnect_at = 0.0;  // seconds (ImGui time) of the next try while unreachable
  std::string server_version;
  SessionPhase phase = SessionPhase::Checking;
  Agent agent;
  SignInProblem sign_in_problem = SignInProblem::None;
  bool state_change_pending = false;

  std::vector<Hand> hands;     // offered and assigned to me
  care::Id selected_task = 0;  // the workspace shows this one
  std::vector<care::WrapUpCode> wrap_up_codes;
  RequestEdit request_edit;
  std::string composer;  // the chat line or email reply being written
  std::string tag_input;
  std::string tag_error;
  std::string comment_input;
  CustomerForm customer_form;
  std::optional<Closing> closing;
  std::string notice;      // e.g. why the agent is Not Ready now (missed offer)
  std::string work_error;  // the last failed action, as the server said it

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
