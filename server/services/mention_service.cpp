#include "services/mention_service.hpp"

#include <algorithm>

#include "care/rules/mentions.hpp"
#include "care/text.hpp"
#include "events/publish.hpp"

namespace care::server::services {
namespace {

WorkError unprocessable(ErrorCode code, std::string message) {
  return WorkError{422, make_error(code, "text", std::move(message))};
}

}  // namespace

std::variant<NoteAdded, WorkError> MentionService::add_note(Id activity_id, const TextDraft& draft,
                                                            const Agent& by) {
  auto activity = store_.activity(activity_id);
  if (!activity) {
    return WorkError{404, make_error(ErrorCode::not_found, "activity", "no such activity")};
  }
  if (trim(draft.text).empty())
    return unprocessable(ErrorCode::empty, "text: write the note first");
  if (Status fits = check_text("text", draft.text); !fits) return WorkError{422, fits.error()};

  // Everyone but the author, by display name and by username.
  std::vector<MentionName> names;
  for (const store::AgentRecord& agent : store_.agents()) {
    if (agent.id == by.id) continue;
    names.push_back(MentionName{agent.id, agent.display_name});
    names.push_back(MentionName{agent.id, agent.username});
  }
  std::vector<Id> named = find_mentions(draft.text, names);
  if (named.size() > kMaxMentionsPerNote) {
    return unprocessable(
        ErrorCode::too_many,
        "text: a note may name at most " + std::to_string(kMaxMentionsPerNote) + " agents with @");
  }

  const Time at = time_from_unix_ms(clock_.now_ms());
  const std::optional<Id> request = activity->request;
  NoteAdded added;
  {
    // The note and its mentions commit together: a mention is never lost to a crash
    // between the two, and never points at a note that is not there.
    store::Store::UnitOfWork work(store_);
    added.note =
        store_.add_comment(Comment{0, activity_id, by.id, by.display_name, draft.text, at});
    added.mentions = store_.add_mentions(added.note, named, request);
    work.commit();
  }
  if (auto now = store_.activity(activity_id)) {
    // Every agent's stream: an open activity reloads its notes (as a comment does).
    events::publish(events_,
                    RecordChanged{RecordType::activity, now->id, now->version, {by.id, at}},
                    events::Audience::all());
  }
  for (const Mention& mention : added.mentions) {
    // Only the agent named: another agent's stream, or a chat widget's, never sees it.
    events::publish(events_, MentionAdded{mention}, events::Audience::agent(mention.agent));
  }
  return added;
}

MentionList MentionService::mentions(Id agent, bool unread_only) {
  return MentionList{store_.mentions_of(agent, unread_only, kListLimit),
                     store_.unread_mentions(agent)};
}

std::variant<MentionList, WorkError> MentionService::mark_read(Id agent, Id mention) {
  if (!store_.mark_mentions_read(agent, mention, clock_.now_ms())) {
    return WorkError{404, make_error(ErrorCode::not_found, "id", "no such mention of yours")};
  }
  return mentions(agent, true);
}

MentionList MentionService::mark_all_read(Id agent) {
  store_.mark_mentions_read(agent, std::nullopt, clock_.now_ms());
  return mentions(agent, true);
}

}  // namespace care::server::services
