#pragma once

#include <array>

#include "actions.hpp"
#include "state.hpp"

namespace care::client::panels {

// What the agent is typing; lives in the desktop so a language switch keeps it.
struct SignInForm {
  std::array<char, 101> username{};
  std::array<char, 201> password{};
  bool focus_requested = true;
};

// The sign-in card in the middle of the screen (R-A1). Enter in either field signs in.
Action draw_sign_in(const DesktopState& state, SignInForm& form);

}  // namespace care::client::panels
