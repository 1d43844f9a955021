// Internal notes' mentions of this agent (issue 18): listed at sign-in (what came while
// they were away), added live from their own stream, and opened to the record.
#include <cstdio>

#include "automation/automation.hpp"
#include "desktop.hpp"

namespace care::client {

void Desktop::load_mentions() {
  api_.mentions([this](Reply<care::MentionList> list) {
    if (!list) return;
    state_.mentions.list = std::move(list->mentions);
    state_.mentions.unread = list->unread;
  });
}

void Desktop::on_mention(const care::MentionAdded& added) {
  const care::Mention& mention = added.mention;
  for (const care::Mention& known : state_.mentions.list) {
    if (known.id == mention.id) return;  // a replay after a reconnect
  }
  state_.mentions.list.insert(state_.mentions.list.begin(), mention);
  if (!mention.read) ++state_.mentions.unread;
  state_.mentions.newest = mention.id;
  state_.mentions.banner_at = now_;
  char title[256];
  std::snprintf(title, sizeof title, i18n::tr(i18n::Text::MentionedYou),
                mention.note.author_name.c_str());
  // A system notification only while the tab is in the background (the platform
  // decides); said to a screen reader either way.
  platform_.notify(title, mention.note.text, "care-mention-" + std::to_string(mention.id));
  automation::announce(std::string(title) + ": " + mention.note.text, automation::Urgency::Polite);
}

void Desktop::read_mentions(const Reply<care::MentionList>& list) {
  if (!list) return;
  state_.mentions.unread = list->unread;
  for (care::Mention& mention : state_.mentions.list) {
    bool unread = false;
    for (const care::Mention& still : list->mentions)
      unread |= still.id == mention.id;
    mention.read = !unread;
  }
}

void Desktop::open_mention(care::Id id) {
  const care::Mention* found = nullptr;
  for (const care::Mention& mention : state_.mentions.list) {
    if (mention.id == id) found = &mention;
  }
  if (!found) return;
  const care::Id activity = found->note.activity;
  if (!found->read) {
    api_.read_mention(id, [this](Reply<care::MentionList> list) { read_mentions(list); });
  }
  // In my hands: the conversation itself, its notes beside it.
  for (const Hand& hand : state_.hands) {
    if (hand.activity.id == activity) {
      state_.pane = Pane::InProgress;
      select_task(hand.task.id);
      return;
    }
  }
  // Else the customer's journey with the activity selected (its notes and transcript).
  api_.activity(activity, [this, activity](Reply<ActivityDetails> details) {
    if (!details || !details->activity.customer) return;
    show_pane(Pane::Customers);
    journey_focus_ = activity;
    open_customer(*details->activity.customer);
  });
}

void Desktop::read_all_mentions() {
  api_.read_all_mentions([this](Reply<care::MentionList> list) { read_mentions(list); });
}

}  // namespace care::client
