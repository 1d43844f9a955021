// The desktop's work: the event stream, tasks in hand, offers, the conversation and
// the records beside it. Rules come from shared/ (limits, tags, close questions) so
// the agent is told before anything is sent; the server decides again.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "automation/automation.hpp"
#include "care/rules/contact.hpp"
#include "care/rules/request.hpp"
#include "care/rules/tags.hpp"
#include "care/text.hpp"
#include "desktop.hpp"
#include "overloaded.hpp"
#include "panels/close_dialog.hpp"
#include "panels/labels.hpp"

namespace care::client {
namespace {

// A message that came by the event stream while an answer was on its way is newer
// than the answer: keep it.
void keep_newer_messages(care::Activity& fresh, const care::Activity& shown) {
  if (fresh.id != shown.id) return;
  size_t known = fresh.messages.size();
  for (const care::Message& seen : shown.messages) {
    auto end = fresh.messages.begin() + static_cast<std::ptrdiff_t>(known);
    if (std::none_of(fresh.messages.begin(), end,
                     [&](const care::Message& m) { return m.id == seen.id; })) {
      fresh.messages.push_back(seen);
    }
  }
  if (fresh.messages.size() != known) {
    std::sort(fresh.messages.begin(), fresh.messages.end(),
              [](const care::Message& a, const care::Message& b) { return a.id < b.id; });
  }
}

// A line of the conversation, once, wherever the activity is in hand.
void replace_activity(std::vector<Hand>& hands, const care::Activity& saved) {
  for (Hand& hand : hands) {
    if (hand.activity.id == saved.id) hand.activity = saved;
  }
}

// A customer's new line, read out politely (issue 16).
void announce_line(const Hand& hand, const std::string& text) {
  std::string who = panels::contact_name(hand);
  std::vector<char> words(who.size() + text.size() + 128);
  std::snprintf(words.data(), words.size(), i18n::tr(i18n::Text::CustomerSaid), who.c_str(),
                text.c_str());
  automation::announce(words.data(), automation::Urgency::Polite);
}

}  // namespace

void add_message(std::vector<Hand>& hands, care::Id activity, const care::Message& message) {
  for (Hand& hand : hands) {
    if (hand.activity.id != activity) continue;
    bool known = std::any_of(hand.activity.messages.begin(), hand.activity.messages.end(),
                             [&](const care::Message& m) { return m.id == message.id; });
    if (!known) hand.activity.messages.push_back(message);
  }
}

void Desktop::start_work() {
  // A (re)opened stream may have missed events: the same as resync (R-J5).
  api_.follow_events([this] { on_event(care::Resync{}); }, [this] { stream_lost(); },
                     [this](const care::EventData& event) { on_event(event); });
  load_drafts();
  load_outbox();
  flush_outbox();
  load_recent();
  load_closed();
  load_directory();
  load_mentions();  // what came while I was away (issue 18)
  // Supervisors watch the floor first; admins and agents start with their own work.
  show_pane(state_.agent.role == "supervisor" ? Pane::Floor : Pane::InProgress);
  load_tasks();
  api_.wrap_up_codes([this](Reply<std::vector<care::WrapUpCode>> codes) {
    if (codes) state_.wrap_up_codes = std::move(*codes);
  });
  api_.not_ready_reasons([this](Reply<std::vector<care::NotReadyReason>> reasons) {
    if (reasons) state_.not_ready_reasons = std::move(*reasons);
  });
  api_.queues([this](Reply<std::vector<care::Queue>> queues) {
    if (queues) state_.queues = std::move(*queues);
  });
}

void Desktop::stop_work() {
  api_.stop_events();
  drafts_.clear();  // they stay in this browser for the agent's next sign-in
  drafts_saved_.clear();
  state_.outbox = Outbox{};  // so does the outbox
  outbox_saved_.clear();
  state_.hands.clear();
  state_.queue.clear();
  state_.closed.clear();
  state_.customer.reset();
  state_.customers = CustomerPane{};
  state_.floor = Floor{};
  state_.directory = Directory{};
  state_.mentions = Mentions{};
  state_.mention_completion = MentionCompletion{};
  state_.pane = Pane::InProgress;
  state_.request_presence = Presence{};
  state_.customer_presence = Presence{};
  state_.selected_task = 0;
  state_.request_edit = RequestEdit{};
  state_.closing.reset();
}

void Desktop::load_tasks() {
  api_.tasks([this](Reply<std::vector<Hand>> hands) {
    if (!hands) return;
    for (Hand& hand : *hands) {
      // Keep what only the desktop knows (comments loaded, typing) across reloads.
      if (const Hand* old = state_.hand(hand.task.id)) {
        keep_newer_messages(hand.activity, old->activity);
        hand.comments = old->comments;
        hand.customer_typing = old->customer_typing;
      }
    }
    state_.hands = std::move(*hands);
    forget_drafts_of_gone_tasks();  // closed or taken back: nothing left to send
    state_.outbox.forget_if([this](care::Id task) { return !state_.hand(task); });
    keep_outbox();
    const Hand* selected = state_.hand(state_.selected_task);
    if (!selected || selected->task.state != care::TaskState::assigned) {
      state_.selected_task = 0;
      for (const Hand& h : state_.hands) {
        if (h.task.state == care::TaskState::assigned) {
          select_task(h.task.id);
          break;
        }
      }
    } else {
      sync_request_edit();
    }
    if (notify_offer_) {
      notify_offer_ = false;
      for (const Hand& h : state_.hands) {
        if (h.task.state != care::TaskState::offered) continue;
        platform_.notify(std::string(i18n::tr(i18n::Text::NewOffer)) + " · " +
                             panels::channel_name(h.task.channel),
                         panels::contact_name(h), "care-offer");
      }
    }
    // An offer counts down: draw once a second while one is shown.
    if (std::any_of(state_.hands.begin(), state_.hands.end(),
                    [](const Hand& h) { return h.task.state == care::TaskState::offered; })) {
      platform_.wake_after(0.25);
    }
  });
}

void Desktop::load_closed() {
  api_.closed_tasks(20, [this](Reply<std::vector<Hand>> closed) {
    if (closed) state_.closed = std::move(*closed);
  });
}

// Alt+↓ / Alt+↑: through the tasks in hand, in the list's order, wrapping.
void Desktop::step_task(int direction) {
  std::vector<care::Id> held;
  for (const Hand& hand : state_.hands) {
    if (hand.task.state == care::TaskState::assigned) held.push_back(hand.task.id);
  }
  if (held.empty()) return;
  auto at = std::find(held.begin(), held.end(), state_.selected_task);
  long n = static_cast<long>(held.size());
  long i = at == held.end() ? (direction > 0 ? -1 : 0) : at - held.begin();
  state_.pane = Pane::InProgress;
  select_task(held[static_cast<size_t>(((i + direction) % n + n) % n)]);
}

namespace {
// The agent is typing in a field (ImGui's word for it, from the last frame).
bool typing() {
  return ImGui::GetCurrentContext() && ImGui::GetIO().WantTextInput;
}
}  // namespace

void Desktop::select_task(care::Id task) {
  stash_draft();  // what was typed for the task on screen stays with it
  // A task's field being typed in keeps its own copy of the words (ImGui) and writes
  // it back on the next key: let it go, so that the words cannot land in the next
  // task's field. (With no task on screen the field is another pane's: left alone.)
  if (state_.selected_task != 0 && task != state_.selected_task && typing()) ImGui::ClearActiveID();
  state_.selected_task = task;
  state_.customer_form = CustomerForm{};
  if (const Hand* hand = state_.hand(task); hand && !hand->customer) {
    // Prefill from what the channel told: the survey's name and email, the caller.
    CustomerForm& form = state_.customer_form;
    form.activity = hand->activity.id;
    for (const care::Field& field : hand->activity.context.pre_chat) {
      if (field.name == "Name") form.name = field.value;
      if (field.name == "Email") form.email = field.value;
    }
    if (hand->activity.media == care::MediaType::call) form.phone = hand->activity.from;
    if (hand->activity.media == care::MediaType::email) form.email = hand->activity.from;
  }
  state_.composer.clear();
  state_.tag_error.clear();
  state_.clear_work_error(state_.work_error_source);
  state_.tag_input.clear();
  state_.comment_input.clear();
  state_.request_edit = RequestEdit{};
  const Hand* chosen = state_.hand(task);
  state_.reply = chosen ? prefilled_reply(chosen->activity) : ReplyFields{};
  restore_draft(task);
  sync_request_edit();
  if (Hand* hand = state_.hand(task)) {
    load_activity(hand->activity.id);
    // The customer's requests and journey beside the work (R-C6, R-D5).
    if (hand->customer) open_customer(hand->customer->id);
  }
}

// The edit buffers follow the request on screen unless the agent is editing it.
void Desktop::sync_request_edit() {
  const care::Request* shown = request_on_screen();
  if (!shown) return;
  RequestEdit& edit = state_.request_edit;
  if (edit.dirty) {
    // Never under the agent's fingers: a newer version is merged in field by field.
    if (edit.request == shown->id && shown->version > edit.version) rebase_request_edit(*shown);
    return;
  }
  if (edit.request != shown->id) edit.saved = false;
  edit.request = shown->id;
  edit.version = shown->version;
  start_edit(edit.title, edit.title_base, shown->title);
  start_edit(edit.description, edit.description_base, shown->description);
  edit.changed_by = 0;
  edit.error.clear();
}

// R-E1 with R-J5: what the other saved comes in where the agent had not typed, the
// agent's text stays where the other had not changed it, and a field both changed
// shows both until the agent chooses. The edit goes on from their version, so the
// next save is not refused again.
void Desktop::rebase_request_edit(const care::Request& theirs) {
  RequestEdit& edit = state_.request_edit;
  rebase_field(edit.title, edit.title_base, theirs.title);
  rebase_field(edit.description, edit.description_base, theirs.description);
  edit.version = theirs.version;
  note_change(edit.changed_by, edit.changed_at, theirs.updated);
  edit.dirty =
      edited(edit.title, edit.title_base) || edited(edit.description, edit.description_base);
  edit.saved = false;
  edit.error.clear();
}

void Desktop::resolve_request_field(const action::ResolveRequestField& choice) {
  RequestEdit& edit = state_.request_edit;
  if (choice.field == action::RequestField::title) {
    resolve_field(edit.title, edit.title_base, choice.choice, false);
  } else {
    resolve_field(edit.description, edit.description_base, choice.choice, true);
  }
  edit.dirty =
      edited(edit.title, edit.title_base) || edited(edit.description, edit.description_base);
  edit.saved = false;
  if (!edit.dirty) sync_request_edit();  // took theirs throughout: nothing left to save
}

void Desktop::note_change(care::Id& changed_by, care::Time& changed_at, const care::Stamp& stamp) {
  // My own save (its event may come before its answer) is no news to me.
  if (stamp.by == state_.agent.id) return;
  changed_by = stamp.by;
  changed_at = stamp.at;
  if (stamp.by != 0 && !state_.directory.find(stamp.by)) load_directory();
}

// Any signed-in agent may read it; read at the start of work and again when a record
// names someone it does not know yet (an agent created since).
void Desktop::load_directory() {
  if (state_.directory.loading) return;
  state_.directory.loading = true;
  api_.directory([this](Reply<std::vector<care::DirectoryAgent>> agents) {
    state_.directory.loading = false;
    if (agents) state_.directory.agents = std::move(*agents);
  });
}

// The task's request in the work pane; in the customer pane, the request of the
// activity selected in the journey.
const care::Request* Desktop::request_on_screen() const {
  if (state_.pane == Pane::Customers && state_.customer) {
    return state_.customer->selected_request();
  }
  const Hand* hand = state_.hand(state_.selected_task);
  return hand && hand->request ? &*hand->request : nullptr;
}

// A fresher copy of a request, wherever it is shown.
void Desktop::update_request(const care::Request& fresh) {
  for (Hand& hand : state_.hands) {
    if (hand.request && hand.request->id == fresh.id) hand.request = fresh;
  }
  if (state_.customer) {
    for (care::Request& request : state_.customer->requests) {
      if (request.id == fresh.id) request = fresh;
    }
  }
}

void Desktop::load_activity(care::Id activity) {
  api_.activity(activity, [this, activity](Reply<ActivityDetails> details) {
    if (!details) return;
    for (Hand& hand : state_.hands) {
      if (hand.activity.id != activity) continue;
      care::Activity fresh = details->activity;
      keep_newer_messages(fresh, hand.activity);
      // Fields the agent has not touched follow the mail (a Cc known only now).
      if (state_.reply.activity == activity && state_.reply == prefilled_reply(hand.activity)) {
        state_.reply = prefilled_reply(fresh);
      }
      hand.activity = std::move(fresh);
      hand.comments = details->comments;
      hand.handoffs = details->handoffs;
    }
  });
}

void Desktop::load_request(care::Id request) {
  api_.request(request, [this](Reply<care::Request> fresh) {
    if (!fresh) return;
    update_request(*fresh);
    sync_request_edit();
  });
}

void Desktop::on_event(const care::EventData& event) {
  std::visit(Overloaded{
                 [this](const care::Resync&) {
                   if (state_.connection == Connection::Unreachable) {
                     // The stream is back before the back-off's next try: the server
                     // is, so ask now; its answer resyncs the session and sends what waited.
                     check_server();
                   } else {
                     flush_outbox();
                     load_session();
                   }
                   // (Re)connected, or too much was missed: reload what is on screen (R-J5).
                   load_tasks();
                   resume_monitoring();
                   load_mentions();
                   // The pane's own events may have been missed too (a restarted server
                   // has forgotten who shows the queue list).
                   if (state_.pane == Pane::Queue) load_queue();
                   if (state_.pane == Pane::Floor) load_floor();
                   if (state_.customer) open_customer(state_.customer->customer.id);
                 },
                 [this](const care::MentionAdded& added) { on_mention(added); },
                 [this](const care::TaskOffered&) {
                   notify_offer_ = true;  // said once its details are in
                   load_tasks();
                 },
                 [this](const care::TaskAssigned&) { load_tasks(); },
                 [this](const care::TaskWithdrawn&) { load_tasks(); },
                 [this](const care::PresenceChanged& change) { on_presence(change); },
                 [this](const care::QueueChanged&) {
                   if (state_.pane == Pane::Queue) load_queue();
                   if (state_.pane == Pane::Floor) load_floor();
                 },
                 [this](const care::AgentStateChanged& change) {
                   if (state_.pane == Pane::Floor) load_floor();
                   if (change.agent != state_.agent.id) return;
                   ++agent_state_changes_;
                   state_.agent.state = std::string(care::enum_name(change.state.presence));
                   state_.agent.reason = change.state.reason;
                 },
                 [this](const care::ChatMessageAdded& added) {
                   on_monitored_line(added);
                   add_message(state_.hands, added.activity, added.message);
                   // Ours, from the outbox, and the answer lost on the way: it arrived.
                   if (!added.message.key.empty()) state_.outbox.delivered(added.message.key);
                   if (added.message.author != care::AuthorKind::customer) return;
                   for (Hand& hand : state_.hands) {
                     if (hand.activity.id != added.activity) continue;
                     hand.customer_typing = false;
                     announce_line(hand, added.message.text);
                   }
                 },
                 [this](const care::ChatTyping& typing) {
                   for (Hand& hand : state_.hands) {
                     if (hand.activity.id == typing.activity) hand.customer_typing = typing.typing;
                   }
                 },
                 [this](const care::CallEventAdded&) { load_tasks(); },
                 [this](const care::RecordChanged& change) { on_record_change(change); },
                 // To the customer's chat widget only.
                 [](const care::ChatJoined&) {},
                 [](const care::ChatEnded&) {},
                 [](const care::ChatQueuePlace&) {},
                 [](const care::ChatTransferring&) {},
             },
             event);
}

void Desktop::on_record_change(const care::RecordChanged& change) {
  // A request being edited is read again like any other; sync_request_edit() merges the
  // newer version into the edit (R-E1: told now, before the agent saves over it).
  if (state_.customer) on_customer_change(change);
  on_monitored_change(change);
  for (Hand& hand : state_.hands) {
    // A note or a handoff (a guest leaving) changes the activity without an edit: same
    // version, later stamp.
    const bool newer =
        change.version > hand.activity.version ||
        (change.version == hand.activity.version && change.updated.at > hand.activity.updated.at);
    if (change.type == care::RecordType::activity && hand.activity.id == change.id && newer) {
      load_activity(change.id);
    }
    if (change.type == care::RecordType::request && hand.request && hand.request->id == change.id &&
        change.version > hand.request->version) {
      load_request(change.id);
    }
  }
}

void Desktop::accept(care::Id task) {
  const care::Id on_screen = state_.selected_task;
  api_.accept(task, [this, on_screen](Reply<Hand> hand) {
    if (hand) {
      care::Id id = hand->task.id;
      if (Hand* existing = state_.hand(id)) {
        *existing = *hand;
      } else {
        state_.hands.push_back(*hand);
      }
      // The new task opens unless the agent has moved on since accepting (another
      // task chosen) or is typing: the answer can come seconds later, and opening it
      // then would carry their words into the new task. It waits in the list.
      const bool moved_on = state_.selected_task != on_screen || typing();
      if (!moved_on) {
        state_.pane = Pane::InProgress;
        state_.previewed_task = 0;
        select_task(id);
      }
    } else {
      work_failed(ErrorSource::Offer, hand.error());
    }
    load_tasks();
  });
}

// The offer goes back to its queue for someone else; the agent stays as they were.
void Desktop::decline(care::Id task) {
  state_.hands.erase(std::remove_if(state_.hands.begin(), state_.hands.end(),
                                    [&](const Hand& h) {
                                      return h.task.id == task &&
                                             h.task.state == care::TaskState::offered;
                                    }),
                     state_.hands.end());
  api_.decline(task, [this](Reply<Hand> declined) {
    if (declined) {
      state_.clear_work_error(ErrorSource::Offer);
    } else {
      work_failed(ErrorSource::Offer, declined.error());
    }
    load_tasks();
  });
}

void Desktop::save_request() {
  RequestEdit& edit = state_.request_edit;
  if (edit.undecided()) return;  // nothing is saved over theirs before the agent chose
  for (care::Status checked :
       {care::check_request_title(edit.title), care::check_text("description", edit.description)}) {
    if (!checked) {
      edit.error = words(checked.error());
      return;
    }
  }
  edit.saving = true;
  care::RequestPatch patch;
  patch.version = edit.version;
  patch.title = edit.title;
  patch.description = edit.description;
  api_.save_request(edit.request, patch, [this](Reply<Saved<care::Request>> saved) {
    RequestEdit& e = state_.request_edit;
    e.saving = false;
    if (!saved) {
      e.error = words(saved.error());
    } else if (const auto* conflict = std::get_if<care::Conflict<care::Request>>(&*saved)) {
      // R-E1: nothing was overwritten; their version is merged into the edit.
      update_request(conflict->current);
      if (e.request == conflict->current.id && conflict->current.version > e.version) {
        rebase_request_edit(conflict->current);
      }
    } else {
      update_request(std::get<care::Request>(*saved));
      e.dirty = false;
      sync_request_edit();
      e.saved = true;
      e.saved_at = now_;
    }
  });
}

void Desktop::add_tag(const std::string& raw) {
  Hand* hand = state_.hand(state_.selected_task);
  if (!hand) return;
  // The rules run here first, so a duplicate or a 51-character tag is refused at once.
  auto tags = care::add_tag(hand->activity.tags, raw);
  if (!tags) {
    state_.tag_error = words(tags.error());
    return;
  }
  state_.tag_error.clear();
  care::Id activity = hand->activity.id;
  api_.add_tag(activity, care::TagDraft{raw, hand->activity.version},
               [this, activity](Reply<care::Activity> saved) { tags_saved(activity, saved); });
}

void Desktop::remove_tag(const std::string& tag) {
  Hand* hand = state_.hand(state_.selected_task);
  if (!hand) return;
  care::Id activity = hand->activity.id;
  api_.remove_tag(activity, tag, hand->activity.version,
                  [this, activity](Reply<care::Activity> saved) { tags_saved(activity, saved); });
}

// The activity as saved with its tags; on a refusal, the message and the tags as they are.
void Desktop::tags_saved(care::Id activity, const Reply<care::Activity>& saved) {
  if (saved) {
    state_.tag_error.clear();
    replace_activity(state_.hands, *saved);
  } else {
    state_.tag_error = words(saved.error());
    load_activity(activity);
  }
}

void Desktop::add_comment() {
  Hand* hand = state_.hand(state_.selected_task);
  if (!hand || care::trim(state_.comment_input).empty()) return;
  // Like the composer: the field empties at once, and gets the words back on failure.
  std::string text = std::move(state_.comment_input);
  state_.comment_input.clear();
  state_.comment_sending = true;
  care::Id activity = hand->activity.id;
  api_.add_comment(activity, care::TextDraft{text, {}, {}},
                   [this, activity, text](Reply<care::Comment> comment) {
                     state_.comment_sending = false;
                     if (comment) {
                       state_.clear_work_error(ErrorSource::Comment);
                       load_activity(activity);
                     } else {
                       work_failed(ErrorSource::Comment, comment.error());
                       if (state_.comment_input.empty()) state_.comment_input = text;
                     }
                   });
}

void Desktop::create_customer() {
  CustomerForm& form = state_.customer_form;
  care::CustomerDraft draft;
  draft.kind = form.account ? care::CustomerKind::account : care::CustomerKind::contact;
  draft.name = form.name;
  draft.email = form.email;
  draft.phone = form.phone;
  // The same checks the server makes, so mistakes show before sending (R-D2).
  if (auto checked = care::check_customer(care::apply(care::Customer{}, draft)); !checked) {
    form.error = words(checked.error());
    return;
  }
  form.error.clear();
  form.saving = true;
  api_.create_customer(draft, form.activity, [this](Reply<care::Customer> created) {
    state_.customer_form.saving = false;
    if (created) {
      load_tasks();
    } else {
      state_.customer_form.error = words(created.error());
    }
  });
}

void Desktop::control_call(care::Id activity, care::CallEventKind control) {
  api_.control_call(activity, care::CallControl{control},
                    [this, activity](Reply<care::Activity> saved) {
                      if (!saved) {
                        work_failed(ErrorSource::Call, saved.error());
                        return;
                      }
                      state_.clear_work_error(ErrorSource::Call);
                      for (Hand& h : state_.hands) {
                        if (h.activity.id == activity) h.activity.call_events = saved->call_events;
                      }
                    });
}

// R-J5: what the agent typed for the task is sent and saved first, or dropped because
// they said so. True when the close may go on now; false while it is on its way
// (continue_close() goes on once it landed) or when there is a question to answer.
bool Desktop::settle_unsent(Closing& closing) {
  const Hand* hand = state_.hand(closing.task);
  if (!hand) return true;
  panels::UnsentWork unsent = panels::unsent_work(state_, *hand);
  if (!unsent.any()) return !closing.settling;
  if (closing.unsent == 1) {
    state_.composer.clear();
    state_.comment_input.clear();
    if (unsent.request_fields) {
      state_.request_edit.dirty = false;
      sync_request_edit();  // back to what is saved
    }
    return true;
  }
  if (closing.unsent != 0) return false;
  closing.settling = true;
  if (!unsent.line.empty()) send_message();
  if (!unsent.comment.empty()) add_comment();
  if (unsent.request_fields) save_request();
  return false;
}

// Called every frame: a close that waited for what was typed goes on once all of it
// arrived, and stops (the words back in their fields, the reason shown) if any was
// refused.
void Desktop::continue_close() {
  if (!state_.closing || !state_.closing->settling) return;
  Closing& closing = *state_.closing;
  const Hand* hand = state_.hand(closing.task);
  if (!hand) return;
  if (state_.outbox.waiting_for(hand->activity.id) || state_.comment_sending ||
      state_.request_edit.saving) {
    return;
  }
  closing.settling = false;
  if (panels::unsent_work(state_, *hand).any()) {
    closing.unsent = -1;
    closing.error = i18n::tr(i18n::Text::NotSentBeforeClose);
    return;
  }
  close_task();
}

void Desktop::close_task() {
  if (!state_.closing) return;
  Closing& closing = *state_.closing;
  if (!settle_unsent(closing)) return;
  care::CloseTask close;
  if (closing.wrap_up >= 0 && closing.wrap_up < static_cast<int>(state_.wrap_up_codes.size())) {
    close.answers.wrap_up = state_.wrap_up_codes[static_cast<size_t>(closing.wrap_up)].code;
  }
  if (const Hand* hand = state_.hand(closing.task);
      hand && panels::customer_form_unsaved(state_, *hand)) {
    close.unsaved_customer_changes = true;
    if (closing.unsaved == 0 && state_.customer->undecided()) {
      // Saving would drop a field both changed before the agent chose for it (R-E1).
      closing.error = i18n::tr(i18n::Text::ChooseEachField);
      return;
    }
    if (closing.unsaved == 0) {
      close.answers.unsaved = care::UnsavedChoice::save;
      save_customer();
    } else if (closing.unsaved == 1) {
      close.answers.unsaved = care::UnsavedChoice::discard;
      load_customer_edit();  // back to what is saved
    }
  }
  if (closing.unknown_contact == 1) {
    close.answers.unknown_contact = care::UnknownContactChoice::leave_without;
  }
  if (closing.unknown_contact == 0)
    close.answers.unknown_contact = care::UnknownContactChoice::create;
  care::Id task = closing.task;
  api_.close_task(task, close, [this, task](Reply<Hand> closed) {
    if (closed) {
      state_.closing.reset();
      state_.hands.erase(std::remove_if(state_.hands.begin(), state_.hands.end(),
                                        [&](const Hand& h) { return h.task.id == task; }),
                         state_.hands.end());
      if (state_.selected_task == task) state_.selected_task = 0;
      load_tasks();
      load_closed();
    } else if (state_.closing) {
      state_.closing->error = words(closed.error());
    }
  });
}

}  // namespace care::client
