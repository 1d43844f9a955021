// Drafts per task (R-J5: no typed word is lost): what the agent typed for a task stays
// with that task when they switch to another, and survives a reload of the page (a
// setting per signed-in agent in the browser's storage).
#include <algorithm>

#include "desktop.hpp"

namespace care::client {

std::string Desktop::drafts_setting() const {
  return "care.drafts." + std::to_string(state_.agent.id);
}

void Desktop::load_drafts() {
  drafts_ = decode_drafts(platform_.load_setting(drafts_setting().c_str()));
  drafts_saved_ = encode_drafts(drafts_);
}

// The buffers on screen, as the selected task's draft.
Draft Desktop::draft_on_screen() const {
  Draft draft;
  const Hand* hand = state_.hand(state_.selected_task);
  if (!hand) return draft;
  draft.composer = state_.composer;
  draft.tag = state_.tag_input;
  draft.comment = state_.comment_input;
  const RequestEdit& edit = state_.request_edit;
  if (edit.dirty && hand->request && edit.request == hand->request->id) draft.request = edit;
  if (!hand->customer && state_.customer_form.activity == hand->activity.id) {
    draft.customer = state_.customer_form;
  }
  // The reply's To, Cc and subject only once the agent changed them.
  if (state_.reply.activity == hand->activity.id &&
      state_.reply != prefilled_reply(hand->activity)) {
    draft.reply = state_.reply;
    draft.reply->error.clear();
  }
  return draft;
}

void Desktop::stash_draft() {
  care::Id task = state_.selected_task;
  if (!state_.hand(task)) return;
  Draft draft = draft_on_screen();
  if (draft.empty()) {
    drafts_.erase(task);
  } else {
    drafts_[task] = std::move(draft);
  }
}

void Desktop::restore_draft(care::Id task) {
  auto found = drafts_.find(task);
  const Hand* hand = state_.hand(task);
  if (found == drafts_.end() || !hand) return;
  const Draft& draft = found->second;
  state_.composer = draft.composer;
  state_.tag_input = draft.tag;
  state_.comment_input = draft.comment;
  // An edit of the task's request comes back as unsaved; a change saved meanwhile is
  // merged into it field by field by the sync_request_edit() that follows (R-E1).
  if (draft.request && hand->request && draft.request->request == hand->request->id) {
    state_.request_edit = *draft.request;
    state_.request_edit.dirty = true;
  }
  if (!hand->customer && draft.customer.activity == hand->activity.id) {
    state_.customer_form = draft.customer;
    state_.customer_form.saving = false;
    state_.customer_form.error.clear();
  }
  if (draft.reply && draft.reply->activity == hand->activity.id) state_.reply = *draft.reply;
}

void Desktop::forget_drafts_of_gone_tasks() {
  std::erase_if(drafts_, [&](const auto& entry) { return !state_.hand(entry.first); });
}

// Written when it changed: frames are drawn only on input, so this costs nothing idle.
void Desktop::keep_drafts() {
  if (state_.phase != SessionPhase::SignedIn || !work_started_) return;
  Drafts all = drafts_;
  if (state_.hand(state_.selected_task)) {
    Draft live = draft_on_screen();
    if (live.empty()) {
      all.erase(state_.selected_task);
    } else {
      all[state_.selected_task] = std::move(live);
    }
  }
  std::string text = encode_drafts(all);
  if (text == drafts_saved_) return;
  platform_.save_setting(drafts_setting().c_str(), text);
  drafts_saved_ = std::move(text);
}

}  // namespace care::client
