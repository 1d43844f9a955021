// The desktop's records beside the work in hand: the queue list with its preview
// (R-A5), customers with Search and Recent (R-D4), a customer's details and journey
// (R-D2, R-D5), requests added and activities moved (R-C6), the supervisor's floor
// (R-H3) and canned responses (R-F9).
#include <algorithm>

#include "care/api.hpp"
#include "care/codec/json.hpp"
#include "care/rules/contact.hpp"
#include "care/text.hpp"
#include "care/time.hpp"
#include "desktop.hpp"

namespace care::client {
namespace {

constexpr const char* kRecentSetting = "care.recent-customers";
constexpr size_t kRecentKept = 12;

std::string error_message(const HttpResponse& response) {
  auto body = care::parse_json(response.body);
  if (body && body->is_object() && body->contains("error") && (*body)["error"].is_object()) {
    return (*body)["error"].value("message", "");
  }
  return "HTTP " + std::to_string(response.status);
}

template <class T>
std::vector<T> decode_all(const care::Json& json, const char* key) {
  std::vector<T> out;
  if (!json.is_object() || !json.contains(key) || !json[key].is_array()) return out;
  for (const auto& item : json[key]) {
    if (auto value = care::decode<T>(item)) out.push_back(std::move(*value));
  }
  return out;
}

template <class T>
std::optional<T> decoded(const care::Json& json, const char* key) {
  if (!json.is_object() || !json.contains(key) || json[key].is_null()) return std::nullopt;
  auto value = care::decode<T>(json[key]);
  if (!value) return std::nullopt;
  return std::move(*value);
}

std::string url_encoded(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::optional<care::Time> time_field(const care::Json& json, const char* key) {
  if (!json.contains(key) || !json[key].is_string()) return std::nullopt;
  auto parsed = care::parse_rfc3339(json[key].get<std::string>(), key);
  if (!parsed) return std::nullopt;
  return *parsed;
}

std::optional<std::int64_t> handle_ms(const care::Json& handled) {
  if (!handled.is_object() || !handled.contains("average_handle_ms") ||
      !handled["average_handle_ms"].is_number_integer()) {
    return std::nullopt;
  }
  return handled["average_handle_ms"].get<std::int64_t>();
}

}  // namespace

void Desktop::show_pane(Pane pane) {
  state_.pane = pane;
  if (pane == Pane::Queue) load_queue();
  if (pane == Pane::Floor) load_floor();
}

// ---- queue list (R-A5) ----------------------------------------------------------

void Desktop::load_queue() {
  if (queue_pending_) {
    queue_stale_ = true;  // once more when this answer is in
    return;
  }
  queue_pending_ = true;
  queue_stale_ = false;
  call("GET", "/api/queue", {}, [this](const HttpResponse& r) {
    queue_pending_ = false;
    auto body = care::parse_json(r.body);
    if (r.status != 200 || !body || !body->contains("tasks")) return;
    std::vector<Waiting> waiting;
    for (const auto& item : (*body)["tasks"]) {
      auto task = decoded<care::Task>(item, "task");
      auto activity = decoded<care::Activity>(item, "activity");
      if (!task || !activity) continue;
      waiting.push_back(Waiting{Hand{*task, *activity, decoded<care::Customer>(item, "customer"),
                                     decoded<care::Request>(item, "request"), {}, false},
                                item.value("queue_name", "")});
    }
    state_.queue = std::move(waiting);
    if (queue_stale_) load_queue();
  });
}

// ---- customers (R-D4) -----------------------------------------------------------

void Desktop::load_recent() {
  state_.customers.recent.clear();
  auto saved = care::parse_json(platform_.load_setting(kRecentSetting));
  if (!saved || !saved->is_array()) return;
  for (const auto& item : *saved) {
    if (!item.is_object() || !item.contains("id") || !item["id"].is_number_integer()) continue;
    state_.customers.recent.push_back({item["id"].get<care::Id>(), item.value("name", "")});
  }
}

void Desktop::remember_recent(const care::Customer& customer) {
  auto& recent = state_.customers.recent;
  recent.erase(std::remove_if(recent.begin(), recent.end(),
                              [&](const RecentCustomer& r) { return r.id == customer.id; }),
               recent.end());
  recent.insert(recent.begin(), RecentCustomer{customer.id, customer.name});
  if (recent.size() > kRecentKept) recent.resize(kRecentKept);
  care::Json saved = care::Json::array();
  for (const RecentCustomer& r : recent) saved.push_back({{"id", r.id}, {"name", r.name}});
  // Per browser and agent would be better; per browser is what a shared desk expects.
  platform_.save_setting(kRecentSetting, saved.dump());
}

void Desktop::search_customers(const std::string& query) {
  std::string trimmed = care::trim(query);
  if (trimmed.empty()) {
    state_.customers.results.clear();
    state_.customers.searched.clear();
    return;
  }
  call("GET", "/api/customers?q=" + url_encoded(trimmed), {},
       [this, trimmed](const HttpResponse& r) {
         auto body = care::parse_json(r.body);
         if (r.status != 200 || !body) {
           state_.work_error = error_message(r);
           return;
         }
         state_.customers.results = decode_all<care::Customer>(*body, "customers");
         state_.customers.searched = trimmed;
       });
}

void Desktop::open_customer(care::Id id) {
  call("GET", "/api/customers/" + std::to_string(id) + "/journey", {},
       [this, id](const HttpResponse& r) {
         auto body = care::parse_json(r.body);
         auto customer = body ? decoded<care::Customer>(*body, "customer") : std::nullopt;
         if (r.status != 200 || !customer) {
           state_.work_error = error_message(r);
           return;
         }
         bool same = state_.customer && state_.customer->customer.id == id;
         CustomerView view = same ? std::move(*state_.customer) : CustomerView{};
         view.customer = *customer;
         view.requests = decode_all<care::Request>(*body, "requests");
         view.activities = decode_all<care::Activity>(*body, "activities");
         if (!view.dirty) {
           view.name = customer->name;
           view.email = customer->email;
           view.phone = customer->phone;
           view.changed_by = 0;
         }
         care::Id focus = journey_focus_;
         journey_focus_ = 0;
         if (focus != 0) view.selected_activity = focus;
         state_.customer = std::move(view);
         build_journey_rows();
         if (focus != 0) load_journey_activity(focus);
         remember_recent(*customer);
         sync_request_edit();
       });
}

// The journey lists activities without their messages; the one selected is read in
// full, transcript included (closed work items open here too, R-F7).
void Desktop::load_journey_activity(care::Id id) {
  call("GET", "/api/activities/" + std::to_string(id), {}, [this, id](const HttpResponse& r) {
    auto body = care::parse_json(r.body);
    auto full = body ? decoded<care::Activity>(*body, "activity") : std::nullopt;
    if (r.status != 200 || !full || !state_.customer) return;
    for (care::Activity& shown : state_.customer->activities) {
      if (shown.id == id) shown = *full;
    }
  });
}

// Newest first, grouped by request (R-D5): each request's heading, then its
// activities; built once per load or filter, so a frame only walks visible rows.
void Desktop::build_journey_rows() {
  if (!state_.customer) return;
  CustomerView& view = *state_.customer;
  auto newest_first = [](care::Time a, care::Time b) { return a > b; };
  std::stable_sort(view.requests.begin(), view.requests.end(),
                   [&](const care::Request& a, const care::Request& b) {
                     return newest_first(a.created_at, b.created_at);
                   });
  std::stable_sort(view.activities.begin(), view.activities.end(),
                   [&](const care::Activity& a, const care::Activity& b) {
                     return newest_first(a.created_at, b.created_at);
                   });
  std::vector<std::vector<int>> by_request(view.requests.size());
  std::vector<int> loose;
  for (size_t i = 0; i < view.activities.size(); ++i) {
    const care::Activity& activity = view.activities[i];
    if (view.channel_filter >= 0 && static_cast<int>(activity.media) != view.channel_filter) {
      continue;
    }
    auto at = std::find_if(view.requests.begin(), view.requests.end(), [&](const care::Request& q) {
      return activity.request && q.id == *activity.request;
    });
    if (at == view.requests.end()) {
      loose.push_back(static_cast<int>(i));
    } else {
      by_request[static_cast<size_t>(at - view.requests.begin())].push_back(static_cast<int>(i));
    }
  }
  view.rows.clear();
  for (size_t q = 0; q < view.requests.size(); ++q) {
    if (view.channel_filter >= 0 && by_request[q].empty()) continue;
    view.rows.push_back({view.requests[q].id, -1});
    for (int i : by_request[q]) view.rows.push_back({view.requests[q].id, i});
  }
  for (int i : loose) view.rows.push_back({0, i});
}

void Desktop::save_customer() {
  if (!state_.customer) return;
  CustomerView& view = *state_.customer;
  care::CustomerUpdate update;
  update.version = view.customer.version;
  update.customer.kind = view.customer.kind;
  update.customer.name = view.name;
  update.customer.email = view.email;
  update.customer.phone = view.phone;
  update.customer.language = view.customer.language;
  update.customer.location = view.customer.location;
  update.customer.primary_contact = view.customer.primary_contact;
  update.customer.account = view.customer.account;
  // The server's own checks, here first (R-D2).
  if (auto checked = care::check_customer(care::apply(view.customer, update.customer)); !checked) {
    view.error = checked.error().message;
    return;
  }
  view.error.clear();
  view.saving = true;
  care::Id id = view.customer.id;
  care::Json body = update;
  call("PATCH", "/api/customers/" + std::to_string(id), body.dump(),
       [this, id](const HttpResponse& r) {
         if (!state_.customer || state_.customer->customer.id != id) return;
         CustomerView& v = *state_.customer;
         v.saving = false;
         auto answer = care::parse_json(r.body);
         if (r.status == 200 && answer) {
           if (auto saved = decoded<care::Customer>(*answer, "customer")) {
             v.customer = *saved;
             v.dirty = false;
             v.name = saved->name;
             v.email = saved->email;
             v.phone = saved->phone;
             for (Hand& hand : state_.hands) {
               if (hand.customer && hand.customer->id == id) hand.customer = *saved;
             }
             remember_recent(*saved);
           }
         } else if (r.status == 409 && answer) {
           v.changed_by = answer->value("changed_by", care::Id{0});
           v.changed_at = answer->value("changed_at", "");
         } else {
           v.error = error_message(r);
         }
       });
}

void Desktop::load_customer_edit() {
  if (!state_.customer) return;
  state_.customer->dirty = false;
  state_.customer->changed_by = 0;
  open_customer(state_.customer->customer.id);
}

void Desktop::on_customer_change(const std::string& record, care::Id id, care::Version version,
                                 care::Id by, const std::string& at) {
  CustomerView& view = *state_.customer;
  if (record == "customer" && id == view.customer.id && version > view.customer.version) {
    if (view.dirty && by != state_.agent.id) {
      view.changed_by = by;  // R-E1: said now, before the agent saves over it
      view.changed_at = at;
    } else {
      open_customer(id);
    }
    return;
  }
  bool ours = false;
  if (record == "request") {
    for (const care::Request& q : view.requests) ours |= q.id == id && version > q.version;
  } else if (record == "activity") {
    for (const care::Activity& a : view.activities) ours |= a.id == id && version > a.version;
  }
  if (ours) open_customer(view.customer.id);
}

// ---- requests and activities (R-C6) -------------------------------------------

void Desktop::add_request(const std::string& title) {
  if (!state_.customer) return;
  CustomerView& view = *state_.customer;
  if (auto checked = care::check_text("title", title); !checked) {
    view.error = checked.error().message;
    return;
  }
  care::Id id = view.customer.id;
  care::Json body{{"title", title}};
  call("POST", "/api/customers/" + std::to_string(id) + "/requests", body.dump(),
       [this, id](const HttpResponse& r) {
         if (r.status != 201) {
           if (state_.customer) state_.customer->error = error_message(r);
           return;
         }
         if (state_.customer) state_.customer->new_request_title.clear();
         open_customer(id);
       });
}

void Desktop::move_activity(care::Id activity, care::Id request) {
  const care::Activity* shown = nullptr;
  for (const Hand& hand : state_.hands) {
    if (hand.activity.id == activity) shown = &hand.activity;
  }
  if (state_.customer && !shown) {
    for (const care::Activity& a : state_.customer->activities) {
      if (a.id == activity) shown = &a;
    }
  }
  if (!shown) return;
  care::Json body{{"request", request}, {"version", shown->version}};
  call("POST", "/api/activities/" + std::to_string(activity) + "/move", body.dump(),
       [this, activity, request](const HttpResponse& r) {
         auto answer = care::parse_json(r.body);
         auto moved = answer ? decoded<care::Activity>(*answer, "activity") : std::nullopt;
         if (r.status != 200 || !moved) {
           state_.work_error = error_message(r);
           return;
         }
         for (Hand& hand : state_.hands) {
           if (hand.activity.id != activity) continue;
           hand.activity = *moved;
           if (state_.customer) {
             for (const care::Request& q : state_.customer->requests) {
               if (q.id == request) hand.request = q;
             }
           }
         }
         sync_request_edit();
         if (state_.customer) open_customer(state_.customer->customer.id);
       });
}

// ---- supervisor floor (R-H3) ----------------------------------------------------

void Desktop::load_floor() {
  if (state_.agent.role != "supervisor" && state_.agent.role != "admin") return;
  if (floor_pending_) {
    floor_stale_ = true;
    return;
  }
  floor_pending_ = true;
  floor_stale_ = false;
  call("GET", "/api/supervisor/overview", {}, [this](const HttpResponse& r) {
    floor_pending_ = false;
    auto body = care::parse_json(r.body);
    if (r.status != 200 || !body || !body->is_object()) return;
    Floor floor;
    for (const auto& q : body->value("queues", care::Json::array())) {
      FloorQueue queue;
      queue.name = q.value("name", "");
      queue.waiting = q.value("waiting", 0);
      queue.in_progress = q.value("in_progress", 0);
      queue.waiting_since = time_field(q, "waiting_since");
      if (q.contains("handled")) {
        queue.handled = q["handled"].value("count", 0);
        queue.average_handle_ms = handle_ms(q["handled"]);
      }
      floor.queues.push_back(std::move(queue));
    }
    for (const auto& a : body->value("agents", care::Json::array())) {
      FloorAgent agent;
      agent.name = a.value("display_name", "");
      agent.role = a.value("role", "");
      agent.state = a.value("state", "");
      agent.reason = a.value("reason", "");
      agent.since = time_field(a, "since").value_or(care::Time{});
      if (a.contains("tasks") && a["tasks"].is_object()) {
        agent.chats = a["tasks"].value("chat", 0);
        agent.calls = a["tasks"].value("call", 0);
        agent.emails = a["tasks"].value("email", 0);
      }
      agent.offered = a.value("offered", 0);
      if (a.contains("handled")) {
        agent.handled = a["handled"].value("count", 0);
        agent.average_handle_ms = handle_ms(a["handled"]);
      }
      floor.agents.push_back(std::move(agent));
    }
    floor.loaded = true;
    state_.floor = std::move(floor);
    if (floor_stale_) load_floor();
  });
}

// ---- conversation skills (R-F1) and knowledge (R-F5) --------------------------

void Desktop::change_skill(const std::string& skill, bool add) {
  Hand* hand = state_.hand(state_.selected_task);
  std::string wanted = care::trim(skill);
  if (!hand || wanted.empty()) return;
  std::vector<std::string> skills = hand->activity.context.skills;
  auto found = std::find(skills.begin(), skills.end(), wanted);
  if (add && found == skills.end()) skills.push_back(wanted);
  if (!add && found != skills.end()) skills.erase(found);
  care::Json body{{"skills", skills}, {"version", hand->activity.version}};
  care::Id activity = hand->activity.id;
  call("PUT", "/api/activities/" + std::to_string(activity) + "/skills", body.dump(),
       [this, activity, add](const HttpResponse& r) {
         auto answer = care::parse_json(r.body);
         auto saved = answer ? decoded<care::Activity>(*answer, "activity") : std::nullopt;
         if (r.status != 200 || !saved) {
           state_.work_error = error_message(r);
           return;
         }
         for (Hand& h : state_.hands) {
           if (h.activity.id == activity) h.activity = *saved;
         }
         if (add) state_.skill_input.clear();
       });
}

void Desktop::search_knowledge(const std::string& query) {
  std::string trimmed = care::trim(query);
  call("GET", "/api/kb?q=" + url_encoded(trimmed), {}, [this, trimmed](const HttpResponse& r) {
    auto body = care::parse_json(r.body);
    if (r.status != 200 || !body || !body->contains("articles")) {
      state_.work_error = error_message(r);
      return;
    }
    state_.kb_hits.clear();
    for (const auto& item : (*body)["articles"]) {
      state_.kb_hits.push_back(
          {item.value("id", care::Id{0}), item.value("title", ""), item.value("snippet", "")});
    }
    state_.kb_searched = trimmed.empty() ? " " : trimmed;
  });
}

// The article's title and its page on the help portal go into the composer; the
// agent reads it over and sends it (R-F5).
void Desktop::share_article(care::Id id) {
  for (const KbHit& hit : state_.kb_hits) {
    if (hit.id != id) continue;
    std::string link = platform_.page_origin();
    std::string text = hit.title;
    if (!link.empty()) text += ": " + link + "/help.html#article-" + std::to_string(id);
    if (!state_.composer.empty() && state_.composer.back() != '\n') state_.composer += "\n";
    state_.composer += text;
  }
}

// ---- canned responses (R-F9) ----------------------------------------------------

void Desktop::find_canned(const std::string& query) {
  state_.canned_query = query;
  call("GET", "/api/canned-responses?q=" + url_encoded(query), {},
       [this, query](const HttpResponse& r) {
         if (state_.canned_query != query) return;  // typed on meanwhile
         auto body = care::parse_json(r.body);
         if (r.status != 200 || !body || !body->contains("canned_responses")) return;
         state_.canned.clear();
         for (const auto& item : (*body)["canned_responses"]) {
           state_.canned.push_back({item.value("id", care::Id{0}), item.value("name", ""),
                                    item.value("body", "")});
         }
       });
}

void Desktop::use_canned(care::Id id) {
  const Hand* hand = state_.hand(state_.selected_task);
  for (const CannedResponse& canned : state_.canned) {
    if (canned.id != id) continue;
    // {customer} is the customer's name; the known one, else what the channel told.
    std::string name = hand && hand->customer ? hand->customer->name : "";
    if (name.empty() && hand) {
      for (const care::Field& field : hand->activity.context.pre_chat) {
        if (field.name == "Name") name = field.value;
      }
    }
    std::string text = canned.body;
    for (size_t at = text.find("{customer}"); at != std::string::npos;
         at = text.find("{customer}", at + name.size())) {
      text.replace(at, 10, name);
    }
    state_.composer = text;
  }
  state_.canned.clear();
  state_.canned_query.clear();
}

}  // namespace care::client
