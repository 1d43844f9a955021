#pragma once

#include <array>

#include "panels/panel.hpp"

namespace care::client::panels {

// The sign-in card in the middle of the screen (R-A1). Enter in either field signs in.
// What the agent types lives here, so a language switch keeps it.
class SignInCard final : public Window {
 public:
  SignInCard();

 protected:
  bool shown(const Frame& frame) const override {
    return frame.state.phase == SessionPhase::SignedOut ||
           frame.state.phase == SessionPhase::SigningIn;
  }
  void place(const Frame& frame) override;
  void draw_content(Frame& frame) override;

 private:
  std::array<char, 101> username_{};
  std::array<char, 201> password_{};
  // The caret goes to the username when the card appears and after a refusal.
  SessionPhase seen_phase_ = SessionPhase::Checking;
  // The refusal last read out (issue 16): said once as an alert, again after a new try.
  SignInProblem announced_ = SignInProblem::None;
};

}  // namespace care::client::panels
