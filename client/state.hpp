#pragma once

#include <cstdint>
#include <string>

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

struct DesktopState {
  Connection connection = Connection::Connecting;
  double reconnect_at = 0.0;  // seconds (ImGui time) of the next try while unreachable
  std::string server_version;
  SessionPhase phase = SessionPhase::Checking;
  Agent agent;
  SignInProblem sign_in_problem = SignInProblem::None;
  bool state_change_pending = false;
};

}  // namespace care::client
