// The outbox (R-J5: no typed word is lost): a line the agent sends waits here, shown
// as "sending…", until the server confirms it. Without an answer it goes again, in
// order, once the server is back, with the key it was given when it was written, so
// the server stores it once however often it arrives. A line the server refuses goes
// back to its task's composer with the reason. The outbox is kept in the browser (a
// setting per agent), so a reload while the server is away loses nothing either.
#include <chrono>

#include "care/rules/email.hpp"
#include "care/text.hpp"
#include "desktop.hpp"

namespace care::client {

std::string Desktop::outbox_setting() const {
  return "care.outbox." + std::to_string(state_.agent.id);
}

void Desktop::load_outbox() {
  state_.outbox = decode_outbox(platform_.load_setting(outbox_setting().c_str()));
  outbox_saved_ = encode_outbox(state_.outbox);
}

void Desktop::send_message() {
  Hand* hand = state_.hand(state_.selected_task);
  if (!hand || care::trim(state_.composer).empty()) return;
  // The server's own limit for this medium: a chat line 2,000, an email 200,000.
  if (auto checked =
          care::check_text("text", state_.composer, care::message_limit(hand->activity.media));
      !checked) {
    show_work_error(words(checked.error()), ErrorSource::Composer);
    return;
  }
  // An email reply goes where the agent addressed it (R-B3), checked here first by
  // the server's own rule, so a mistyped address is named before anything leaves.
  std::optional<care::EmailHeaders> email;
  if (hand->activity.media == care::MediaType::email) {
    email = care::EmailHeaders{care::split_addresses(state_.reply.to),
                               care::split_addresses(state_.reply.cc),
                               care::trim(state_.reply.subject)};
    if (auto checked = care::check_reply_headers(*email); !checked) {
      state_.reply.error = words(checked.error());
      return;
    }
    state_.reply.error.clear();
  }
  // Agent, wall clock and a count: unique for this agent across reloads and tabs.
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(wall_now_.time_since_epoch());
  std::string key = "a" + std::to_string(state_.agent.id) + "-" + std::to_string(ms.count()) + "-" +
                    std::to_string(++lines_sent_);
  state_.outbox.add(OutgoingLine{std::move(key), hand->task.id, hand->activity.id,
                                 std::move(state_.composer), std::move(email), false});
  state_.composer.clear();
  keep_outbox();  // before it leaves: a reload now must not lose it
  flush_outbox();
}

void Desktop::flush_outbox() {
  if (state_.connection == Connection::Unreachable || state_.phase != SessionPhase::SignedIn) {
    return;  // check_server() calls again once the server answers
  }
  for (const OutgoingLine& line : state_.outbox.take_ready()) {
    api_.send_message(line.activity, care::TextDraft{line.text, line.key, line.email},
                      [this, line](Reply<care::Message> message) {
                        if (message) {
                          state_.outbox.delivered(line.key);
                          state_.clear_work_error(ErrorSource::Composer);
                          add_message(state_.hands, line.activity, *message);
                          // An email reply took the files attached for it.
                          if (!message->attachments.empty())
                            state_.reply_files.erase(line.activity);
                        } else if (message.error().no_answer() || message.error().status >= 500 ||
                                   message.error().status == 429) {
                          state_.outbox.unanswered(line.key);  // goes again when the server is back
                          // The server is there but said "not now": try again in a
                          // moment (draw() does), not only when the agent sends more.
                          if (!message.error().no_answer() && outbox_retry_at_ == 0.0) {
                            outbox_retry_at_ = now_ + retry_delay_;
                          }
                          keep_outbox();
                          return;
                        } else if (auto refused = state_.outbox.refused(line.key)) {
                          line_refused(*refused, message.error());
                        }
                        keep_outbox();
                        flush_outbox();  // the next line of that conversation
                      });
  }
}

// The words go back where they were typed, ahead of anything typed since.
void Desktop::line_refused(const OutgoingLine& line, const ApiError& why) {
  work_failed(ErrorSource::Composer, why);
  auto put_back = [&line](std::string& composer) {
    composer = composer.empty() ? line.text : line.text + "\n" + composer;
  };
  if (state_.selected_task == line.task) {
    put_back(state_.composer);
  } else if (state_.hand(line.task)) {
    put_back(drafts_[line.task].composer);
  }
}

// Written when it changed, like the drafts.
void Desktop::keep_outbox() {
  if (state_.agent.id == 0) return;
  std::string now = encode_outbox(state_.outbox);
  if (now == outbox_saved_) return;
  platform_.save_setting(outbox_setting().c_str(), now);
  outbox_saved_ = std::move(now);
}

}  // namespace care::client
