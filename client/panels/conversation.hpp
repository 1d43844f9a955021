#pragma once

#include <optional>
#include <string>
#include <vector>

#include "panels/panel.hpp"

namespace care::client::panels {

// One line of a transcript: who and when, an email's addressing, the words with links.
void draw_message(Frame& frame, const care::Message& message);

// The communication panel of a task in progress (R-B1–B3): title with Close, the
// transcript (calls with their controls), and the composer with canned responses.
class Conversation {
 public:
  void draw(Frame& frame, const Hand& hand);

 private:
  void draw_transcript(Frame& frame, const Hand& hand);
  // The messages and, among them by time, the agents' internal notes (issue 18).
  void draw_messages(Frame& frame, const care::Activity& activity,
                     const std::vector<care::Comment>& notes);
  void draw_reply_fields(Frame& frame);
  void draw_composer(Frame& frame, bool email);

  // Only the lines in view are laid out (a 5,000-line chat costs what a screenful
  // costs): each line's height is measured when drawn and estimated until then.
  care::Id laid_out_ = 0;
  float laid_out_width_ = 0.0f;
  std::size_t laid_out_notes_ = 0;  // a note among the lines shifts those after it
  std::vector<float> heights_;      // measured, or estimated (negative) until drawn
  // Enter sends and leaves the field; the next frame puts the caret back in it.
  bool keep_typing_ = false;
  // A canned response was asked for while the field held this text: once the field
  // holds something else (the response), the caret goes to its end.
  std::optional<std::string> caret_after_;
};

}  // namespace care::client::panels
