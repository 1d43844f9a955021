// The desktop's work: the event stream, tasks in hand, offers, the conversation and
// the records beside it. Rules come from shared/ (limits, tags, close questions) so
// the agent is told before anything is sent; the server decides again.
#include <algorithm>

#include "care/codec/json.hpp"
#include "care/rules/contact.hpp"
#include "care/rules/tags.hpp"
#include "care/text.hpp"
#include "desktop.hpp"
#include "panels/close_dialog.hpp"
#include "panels/labels.hpp"

namespace care::client {
namespace {

std::string error_message(const HttpResponse& response) {
  auto body = care::parse_json(response.body);
  if (body && body->is_object() && body->contains("error") && (*body)["error"].is_object()) {
    return (*body)["error"].value("message", "");
  }
  return "HTTP " + std::to_string(response.status);
}

template <class T>
std::optional<T> decoded(const care::Json& json, const char* key) {
  if (!json.is_object() || !json.contains(key) || json[key].is_null()) return std::nullopt;
  auto value = care::decode<T>(json[key]);
  if (!value) return std::nullopt;
  return std::move(*value);
}

std::optional<Hand> read_hand(const care::Json& json) {
  auto task = decoded<care::Task>(json, "task");
  auto activity = decoded<care::Activity>(json, "activity");
  if (!task || !activity) return std::nullopt;
  return Hand{*task,
              *activity,
              decoded<care::Customer>(json, "customer"),
              decoded<care::Request>(json, "request"),
              {},
              false};
}

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

std::string path_of(const char* base, care::Id id, const char* tail = "") {
  return std::string(base) + std::to_string(id) + tail;
}

}  // namespace

void Desktop::start_work() {
  transport_.open_events("/api/events", [this](const StreamEvent& event) { on_event(event); });
  load_recent();
  load_closed();
  // Supervisors watch the floor first; admins and agents start with their own work.
  show_pane(state_.agent.role == "supervisor" ? Pane::Floor : Pane::InProgress);
  load_tasks();
  call("GET", "/api/wrap-up-codes", {}, [this](const HttpResponse& response) {
    auto body = care::parse_json(response.body);
    if (response.status != 200 || !body || !body->contains("codes")) return;
    state_.wrap_up_codes.clear();
    for (const auto& code : (*body)["codes"]) {
      if (auto decoded_code = care::decode<care::WrapUpCode>(code)) {
        if (decoded_code->active) state_.wrap_up_codes.push_back(*decoded_code);
      }
    }
  });
}

void Desktop::stop_work() {
  transport_.close_events();
  state_.hands.clear();
  state_.queue.clear();
  state_.closed.clear();
  state_.customer.reset();
  state_.customers = CustomerPane{};
  state_.floor = Floor{};
  state_.pane = Pane::InProgress;
  state_.request_presence = Presence{};
  state_.customer_presence = Presence{};
  state_.selected_task = 0;
  state_.request_edit = RequestEdit{};
  state_.closing.reset();
}

void Desktop::load_tasks() {
  call("GET", "/api/tasks", {}, [this](const HttpResponse& response) {
    auto body = care::parse_json(response.body);
    if (response.status != 200 || !body || !body->contains("tasks")) return;
    std::vector<Hand> hands;
    for (const auto& item : (*body)["tasks"]) {
      auto hand = read_hand(item);
      if (!hand) continue;
      // Keep what only the desktop knows (comments loaded, typing) across reloads.
      if (const Hand* old = state_.hand(hand->task.id)) {
        keep_newer_messages(hand->activity, old->activity);
        hand->comments = old->comments;
        hand->customer_typing = old->customer_typing;
      }
      hands.push_back(std::move(*hand));
    }
    state_.hands = std::move(hands);
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
                         panels::contact_name(h));
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
  call("GET", "/api/tasks/closed?limit=20", {}, [this](const HttpResponse& response) {
    auto body = care::parse_json(response.body);
    if (response.status != 200 || !body || !body->contains("tasks")) return;
    state_.closed.clear();
    for (const auto& item : (*body)["tasks"]) {
      if (auto hand = read_hand(item)) state_.closed.push_back(std::move(*hand));
    }
  });
}

void Desktop::select_task(care::Id task) {
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
  state_.work_error.clear();
  state_.request_edit = RequestEdit{};
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
  if (edit.dirty) return;  // never under the agent's fingers; a change shows a caution
  edit.request = shown->id;
  edit.version = shown->version;
  edit.title = shown->title;
  edit.description = shown->description;
  edit.changed_by = 0;
  edit.error.clear();
}

// The task's request in the work pane; in the customer pane, the request of the
// activity selected in the journey.
const care::Request* Desktop::request_on_screen() const {
  if (state_.pane == Pane::Customers && state_.customer) {
    const CustomerView& view = *state_.customer;
    for (const care::Activity& activity : view.activities) {
      if (activity.id != view.selected_activity || !activity.request) continue;
      for (const care::Request& request : view.requests) {
        if (request.id == *activity.request) return &request;
      }
    }
    return nullptr;
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
  call("GET", path_of("/api/activities/", activity), {}, [this, activity](const HttpResponse& r) {
    auto body = care::parse_json(r.body);
    if (r.status != 200 || !body) return;
    auto fresh = decoded<care::Activity>(*body, "activity");
    for (Hand& hand : state_.hands) {
      if (hand.activity.id != activity) continue;
      if (fresh) {
        keep_newer_messages(*fresh, hand.activity);
        hand.activity = *fresh;
      }
      hand.comments.clear();
      for (const auto& c : (*body)["comments"]) {
        if (auto comment = care::decode<care::Comment>(c)) hand.comments.push_back(*comment);
      }
    }
  });
}

void Desktop::load_request(care::Id request) {
  call("GET", path_of("/api/requests/", request), {}, [this](const HttpResponse& r) {
    auto body = care::parse_json(r.body);
    if (r.status != 200 || !body) return;
    auto fresh = decoded<care::Request>(*body, "request");
    if (!fresh) return;
    update_request(*fresh);
    sync_request_edit();
  });
}

void Desktop::on_event(const StreamEvent& event) {
  auto data = care::parse_json(event.data);
  if (!data || !data->is_object()) return;
  const std::string& type = event.type;
  if (type == "stream.open" || type == "resync") {
    // (Re)connected, or too much was missed: reload what is on screen (R-J5).
    load_session();
    load_tasks();
  } else if (type == "task.offered" || type == "task.assigned") {
    if (type == "task.offered") notify_offer_ = true;  // said once its details are in
    load_tasks();
  } else if (type == "task.withdrawn") {
    if (data->value("reason", "") == care::kMissedOfferReason) {
      state_.notice = i18n::tr(i18n::Text::MissedOfferNotice);
    }
    load_tasks();
  } else if (type == "presence.changed") {
    on_presence(*data);
  } else if (type == "queue.changed") {
    if (state_.pane == Pane::Queue) load_queue();
    if (state_.pane == Pane::Floor) load_floor();
  } else if (type == "agent.state") {
    if (state_.pane == Pane::Floor) load_floor();
    if (data->value("agent", care::Id{0}) == state_.agent.id && data->contains("state")) {
      const auto& s = (*data)["state"];
      state_.agent.state = s.value("state", state_.agent.state);
      state_.agent.reason = s.value("reason", "");
      if (state_.agent.state == "ready") state_.notice.clear();
    }
  } else if (type == "chat.message") {
    auto message = decoded<care::Message>(*data, "message");
    care::Id activity = data->value("activity", care::Id{0});
    for (Hand& hand : state_.hands) {
      if (hand.activity.id != activity || !message) continue;
      bool known = std::any_of(hand.activity.messages.begin(), hand.activity.messages.end(),
                               [&](const care::Message& m) { return m.id == message->id; });
      if (!known) hand.activity.messages.push_back(*message);
      if (message->author == care::AuthorKind::customer) hand.customer_typing = false;
    }
  } else if (type == "chat.typing") {
    care::Id activity = data->value("activity", care::Id{0});
    for (Hand& hand : state_.hands) {
      if (hand.activity.id == activity) hand.customer_typing = data->value("typing", false);
    }
  } else if (type == "call.event") {
    load_tasks();
  } else if (type == "record.changed") {
    std::string record = data->value("type", "");
    care::Id id = data->value("id", care::Id{0});
    care::Version version = data->value("version", care::Version{0});
    care::Id by = data->value("updated_by", care::Id{0});
    RequestEdit& edit = state_.request_edit;
    if (record == "request" && edit.request == id && version > edit.version && edit.dirty &&
        by != state_.agent.id) {
      // R-E1: tell the agent now, before they save over it.
      edit.changed_by = by;
      edit.changed_at = data->value("updated_at", "");
      return;
    }
    if (state_.customer) on_customer_change(record, id, version, by, data->value("updated_at", ""));
    for (Hand& hand : state_.hands) {
      if (record == "activity" && hand.activity.id == id && version > hand.activity.version) {
        load_activity(id);
      }
      if (record == "request" && hand.request && hand.request->id == id &&
          version > hand.request->version) {
        load_request(id);
      }
    }
  }
}

void Desktop::accept(care::Id task) {
  call("POST", path_of("/api/tasks/", task, "/accept"), "{}", [this](const HttpResponse& r) {
    auto body = care::parse_json(r.body);
    if (r.status == 200 && body) {
      if (auto hand = read_hand(*body)) {
        care::Id id = hand->task.id;
        if (Hand* existing = state_.hand(id)) {
          *existing = *hand;
        } else {
          state_.hands.push_back(*hand);
        }
        state_.pane = Pane::InProgress;
        state_.previewed_task = 0;
        select_task(id);
      }
    } else {
      state_.work_error = error_message(r);
    }
    load_tasks();
  });
}

void Desktop::send_message() {
  Hand* hand = state_.hand(state_.selected_task);
  if (!hand || care::trim(state_.composer).empty()) return;
  if (auto checked = care::check_text("text", state_.composer); !checked) {
    state_.work_error = checked.error().message;
    return;
  }
  // The composer empties as the line leaves (the field may be focused again before
  // the answer comes); if the server refuses it, the words come back.
  std::string text = std::move(state_.composer);
  state_.composer.clear();
  care::Json body{{"text", text}};
  care::Id activity = hand->activity.id;
  call("POST", path_of("/api/activities/", activity, "/messages"), body.dump(),
       [this, activity, text](const HttpResponse& r) {
         auto answer = care::parse_json(r.body);
         if (r.status != 201 || !answer) {
           state_.work_error = error_message(r);
           if (state_.composer.empty()) state_.composer = text;
           return;
         }
         auto message = decoded<care::Message>(*answer, "message");
         for (Hand& h : state_.hands) {
           if (h.activity.id != activity || !message) continue;
           bool known = std::any_of(h.activity.messages.begin(), h.activity.messages.end(),
                                    [&](const care::Message& m) { return m.id == message->id; });
           if (!known) h.activity.messages.push_back(*message);
         }
       });
}

void Desktop::save_request() {
  RequestEdit& edit = state_.request_edit;
  for (const auto& [field, value] :
       {std::pair{"title", &edit.title}, std::pair{"description", &edit.description}}) {
    if (auto checked = care::check_text(field, *value); !checked) {
      edit.error = checked.error().message;
      return;
    }
  }
  edit.saving = true;
  care::Json body{
      {"version", edit.version}, {"title", edit.title}, {"description", edit.description}};
  call("PATCH", path_of("/api/requests/", edit.request), body.dump(),
       [this](const HttpResponse& r) {
         RequestEdit& e = state_.request_edit;
         e.saving = false;
         auto answer = care::parse_json(r.body);
         if (r.status == 200 && answer) {
           if (auto saved = decoded<care::Request>(*answer, "request")) {
             update_request(*saved);
             e.dirty = false;
             sync_request_edit();
           }
         } else if (r.status == 409 && answer) {
           // R-E1: nothing was overwritten; say who changed it and when, offer Load.
           e.changed_by = answer->value("changed_by", care::Id{0});
           e.changed_at = answer->value("changed_at", "");
           e.error.clear();
         } else {
           e.error = error_message(r);
         }
       });
}

void Desktop::load_request_edit() {
  state_.request_edit.dirty = false;
  state_.request_edit.changed_by = 0;
  if (state_.request_edit.request != 0) load_request(state_.request_edit.request);
}

void Desktop::add_tag(const std::string& raw) {
  Hand* hand = state_.hand(state_.selected_task);
  if (!hand) return;
  // The rules run here first, so a duplicate or a 51-character tag is refused at once.
  auto tags = care::add_tag(hand->activity.tags, raw);
  if (!tags) {
    state_.tag_error = tags.error().message;
    return;
  }
  state_.tag_error.clear();
  care::Json body{{"tag", raw}, {"version", hand->activity.version}};
  care::Id activity = hand->activity.id;
  call("POST", path_of("/api/activities/", activity, "/tags"), body.dump(),
       [this, activity](const HttpResponse& r) {
         auto answer = care::parse_json(r.body);
         auto saved = answer ? decoded<care::Activity>(*answer, "activity") : std::nullopt;
         if (r.status == 200 && saved) {
           for (Hand& h : state_.hands) {
             if (h.activity.id == activity) h.activity = *saved;
           }
         } else {
           state_.tag_error = error_message(r);
           load_activity(activity);
         }
       });
}

void Desktop::remove_tag(const std::string& tag) {
  Hand* hand = state_.hand(state_.selected_task);
  if (!hand) return;
  care::Id activity = hand->activity.id;
  std::string encoded;
  for (unsigned char c : tag) {
    static const char* hex = "0123456789ABCDEF";
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  std::string path = path_of("/api/activities/", activity, "/tags/") + encoded +
                     "?version=" + std::to_string(hand->activity.version);
  call("DELETE", path, {}, [this, activity](const HttpResponse& r) {
    auto answer = care::parse_json(r.body);
    auto saved = answer ? decoded<care::Activity>(*answer, "activity") : std::nullopt;
    if (r.status == 200 && saved) {
      for (Hand& h : state_.hands) {
        if (h.activity.id == activity) h.activity = *saved;
      }
    } else {
      state_.tag_error = error_message(r);
      load_activity(activity);
    }
  });
}

void Desktop::add_comment() {
  Hand* hand = state_.hand(state_.selected_task);
  if (!hand || care::trim(state_.comment_input).empty()) return;
  // Like the composer: the field empties at once, and gets the words back on failure.
  std::string text = std::move(state_.comment_input);
  state_.comment_input.clear();
  care::Json body{{"text", text}};
  care::Id activity = hand->activity.id;
  call("POST", path_of("/api/activities/", activity, "/comments"), body.dump(),
       [this, activity, text](const HttpResponse& r) {
         if (r.status == 201) {
           load_activity(activity);
         } else {
           state_.work_error = error_message(r);
           if (state_.comment_input.empty()) state_.comment_input = text;
         }
       });
}

void Desktop::create_customer() {
  CustomerForm& form = state_.customer_form;
  care::Customer draft;
  draft.kind = form.account ? care::CustomerKind::account : care::CustomerKind::contact;
  draft.name = form.name;
  draft.email = form.email;
  draft.phone = form.phone;
  // The same checks the server makes, so mistakes show before sending (R-D2).
  if (auto checked = care::check_customer(draft); !checked) {
    form.error = checked.error().message;
    return;
  }
  form.error.clear();
  form.saving = true;
  care::Json body{{"kind", form.account ? "account" : "contact"},
                  {"name", form.name},
                  {"email", form.email},
                  {"phone", form.phone}};
  call("POST", "/api/customers?activity=" + std::to_string(form.activity), body.dump(),
       [this](const HttpResponse& r) {
         state_.customer_form.saving = false;
         if (r.status == 201) {
           load_tasks();
         } else {
           state_.customer_form.error = error_message(r);
         }
       });
}

void Desktop::control_call(care::Id activity, const std::string& control) {
  care::Json body{{"action", control}};
  call("POST", path_of("/api/activities/", activity, "/call"), body.dump(),
       [this, activity](const HttpResponse& r) {
         auto answer = care::parse_json(r.body);
         auto saved = answer ? decoded<care::Activity>(*answer, "activity") : std::nullopt;
         if (r.status != 200 || !saved) {
           state_.work_error = error_message(r);
           return;
         }
         for (Hand& h : state_.hands) {
           if (h.activity.id == activity) h.activity.call_events = saved->call_events;
         }
       });
}

void Desktop::close_task() {
  if (!state_.closing) return;
  Closing& closing = *state_.closing;
  care::Json body = care::Json::object();
  if (closing.wrap_up >= 0 && closing.wrap_up < static_cast<int>(state_.wrap_up_codes.size())) {
    body["wrap_up"] = state_.wrap_up_codes[static_cast<size_t>(closing.wrap_up)].code;
  }
  if (const Hand* hand = state_.hand(closing.task);
      hand && panels::customer_form_unsaved(state_, *hand)) {
    body["unsaved_customer_changes"] = true;
    if (closing.unsaved == 0) {
      body["unsaved"] = "save";
      save_customer();
    } else if (closing.unsaved == 1) {
      body["unsaved"] = "discard";
      load_customer_edit();  // back to what is saved
    }
  }
  if (closing.unknown_contact == 1) body["unknown_contact"] = "leave_without";
  if (closing.unknown_contact == 0) body["unknown_contact"] = "create";
  care::Id task = closing.task;
  call("POST", path_of("/api/tasks/", task, "/close"), body.dump(),
       [this, task](const HttpResponse& r) {
         if (r.status == 200) {
           state_.closing.reset();
           state_.hands.erase(std::remove_if(state_.hands.begin(), state_.hands.end(),
                                             [&](const Hand& h) { return h.task.id == task; }),
                              state_.hands.end());
           if (state_.selected_task == task) state_.selected_task = 0;
           load_tasks();
           load_closed();
         } else if (state_.closing) {
           state_.closing->error = error_message(r);
         }
       });
}

}  // namespace care::client
