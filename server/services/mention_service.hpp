#pragma once
// Internal notes with @mentions (issue 18). A note is an activity's comment (R-C5), so
// it is for agents only: the chat widget's API and stream, and email replies, never
// carry comments. Each agent the note names with "@" (display name or username,
// care/rules/mentions.hpp) gets an unread mention, stored with the note, and a
// mention.added event on their own stream only. An "@" that names nobody is plain text.
#include <optional>
#include <variant>
#include <vector>

#include "care/api.hpp"
#include "care/model.hpp"
#include "clock.hpp"
#include "events/event_hub.hpp"
#include "services/routing_service.hpp"
#include "store/store.hpp"

namespace care::server::services {

// A note as added: the comment and the mentions it made (the author's own name is
// not one of them).
struct NoteAdded {
  Comment note;
  std::vector<Mention> mentions;
};

class MentionService {
 public:
  // The most mentions GET /api/mentions lists at once.
  static constexpr int kListLimit = 200;

  MentionService(store::Store& store, events::EventHub& events, const Clock& clock)
      : store_(store), events_(events), clock_(clock) {}

  // 404 for an unknown activity; 422 for a blank note, one over 2,000 characters, or
  // one that names more than kMaxMentionsPerNote agents (field "text").
  std::variant<NoteAdded, WorkError> add_note(Id activity, const TextDraft& draft, const Agent& by);
  MentionList mentions(Id agent, bool unread_only);
  // One of the agent's mentions read; 404 when it is not theirs.
  std::variant<MentionList, WorkError> mark_read(Id agent, Id mention);
  MentionList mark_all_read(Id agent);

 private:
  store::Store& store_;
  events::EventHub& events_;
  const Clock& clock_;
};

}  // namespace care::server::services
