#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/model/activity.hpp"
#include "care/model/common.hpp"

namespace care::client {

// A chat or email line the agent sent that the server has not confirmed yet (R-J5:
// no typed word is lost). It shows in the transcript as "sending…" and goes out again
// with the same key until the server answers; the key makes a repeat harmless.
struct OutgoingLine {
  std::string key;
  care::Id task = 0;
  care::Id activity = 0;
  std::string text;
  std::optional<care::EmailHeaders> email;  // an email reply's To, Cc and subject
  bool in_flight = false;                   // a request for it is out (not kept across reloads)
  bool operator==(const OutgoingLine&) const = default;
};

// The lines in the order the agent sent them. Lines of one activity go one at a time,
// so the customer reads them in that order; different activities do not wait for
// each other.
class Outbox {
 public:
  void add(OutgoingLine line);
  // Marks and returns the lines that may go now: per activity, the first line, when
  // none of that activity is out already.
  std::vector<OutgoingLine> take_ready();
  // The server has it: the line leaves the outbox.
  void delivered(std::string_view key);
  // No answer: it goes again, first of its activity, when the server is back.
  void unanswered(std::string_view key);
  // Refused for good: the line leaves the outbox and is returned to the caller.
  std::optional<OutgoingLine> refused(std::string_view key);

  bool waiting_for(care::Id activity) const;
  bool empty() const { return lines_.empty(); }
  const std::vector<OutgoingLine>& lines() const { return lines_; }
  // For the tasks that are gone (closed elsewhere): nothing can be sent there.
  template <class Gone>
  void forget_if(Gone gone) {
    std::erase_if(lines_, [&](const OutgoingLine& line) { return gone(line.task); });
  }

 private:
  std::vector<OutgoingLine> lines_;
};

// As the browser keeps it (a setting per signed-in agent), and back. Reading never
// fails: what cannot be read is left out.
std::string encode_outbox(const Outbox& outbox);
Outbox decode_outbox(std::string_view text);

}  // namespace care::client
