// The desktop's records beside the work in hand: the queue list with its preview
// (R-A5), customers with Search and Recent (R-D4), a customer's details and journey
// (R-D2, R-D5), requests added and activities moved (R-C6), the supervisor's floor
// (R-H3) and canned responses (R-F9).
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

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
  api_.queue([this](Reply<std::vector<Waiting>> waiting) {
    queue_pending_ = false;
    if (waiting) state_.queue = std::move(*waiting);
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
  for (const RecentCustomer& r : recent)
    saved.push_back({{"id", r.id}, {"name", r.name}});
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
  api_.search_customers(trimmed, [this, trimmed](Reply<std::vector<care::Customer>> found) {
    if (!found) {
      work_failed(ErrorSource::Records, found.error());
      return;
    }
    state_.clear_work_error(ErrorSource::Records);
    state_.customers.results = std::move(*found);
    state_.customers.searched = trimmed;
  });
}

// Rows a page brings; a reload of the customer on screen keeps as many as were in
// (up to the server's page limit), so a change elsewhere does not shorten the list.
constexpr int kJourneyPage = 100;

void Desktop::open_customer(care::Id id) {
  int limit = kJourneyPage;
  if (state_.customer && state_.customer->customer.id == id) {
    limit = std::clamp(static_cast<int>(state_.customer->activities.size()), kJourneyPage,
                       care::kJourneyPageMax);
    ++state_.customer->journey_loads;
  }
  api_.journey(id, "", limit, [this, id](Reply<JourneyPage> journey) {
    bool same = state_.customer && state_.customer->customer.id == id;
    if (same && state_.customer->journey_loads > 0) --state_.customer->journey_loads;
    if (!journey) {
      work_failed(ErrorSource::Records, journey.error());
      return;
    }
    state_.clear_work_error(ErrorSource::Records);
    const care::Customer& customer = *journey->customer;
    CustomerView view = same ? std::move(*state_.customer) : CustomerView{};
    // Never under the agent's fingers: a newer version is merged field by field (R-E1).
    if (view.dirty && customer.version > view.customer.version) {
      rebase_customer_edit(view, customer);
    }
    view.customer = customer;
    view.requests = std::move(journey->requests);
    view.activities = std::move(journey->activities);
    view.total = journey->total;
    view.next_cursor = std::move(journey->next_cursor);
    if (!view.dirty) {
      start_edit(view.name, view.name_base, customer.name);
      start_edit(view.email, view.email_base, customer.email);
      start_edit(view.phone, view.phone_base, customer.phone);
      view.changed_by = 0;
    }
    care::Id focus = journey_focus_;
    journey_focus_ = 0;
    if (focus != 0) view.selected_activity = focus;
    care::Id selected = view.selected_activity;
    state_.customer = std::move(view);
    build_journey_rows();
    // The selected activity is read again: the change may be its own (a new message).
    if (selected != 0) load_journey_activity(selected);
    remember_recent(customer);
    sync_request_edit();
  });
}

// The next page of the journey, asked for as the agent scrolls near the end of it.
void Desktop::load_more_journey() {
  if (!state_.customer || !state_.customer->more_to_load()) return;
  CustomerView& view = *state_.customer;
  care::Id id = view.customer.id;
  std::string cursor = view.next_cursor;
  ++view.journey_loads;
  api_.journey(id, cursor, kJourneyPage, [this, id, cursor](Reply<JourneyPage> page) {
    if (!state_.customer || state_.customer->customer.id != id) return;
    CustomerView& v = *state_.customer;
    if (v.journey_loads > 0) --v.journey_loads;
    if (!page) {
      work_failed(ErrorSource::Records, page.error());
      return;
    }
    // A reload since asking replaced the rows: this page may no longer follow them.
    if (v.next_cursor != cursor) return;
    std::unordered_set<care::Id> shown;
    for (const care::JourneyEntry& entry : v.activities)
      shown.insert(entry.id);
    for (care::JourneyEntry& entry : page->activities) {
      if (shown.insert(entry.id).second) v.activities.push_back(std::move(entry));
    }
    v.next_cursor = std::move(page->next_cursor);
    build_journey_rows();
  });
}

// The journey lists activities without their messages; the one selected is read in
// full, transcript included (closed work items open here too, R-F7).
void Desktop::load_journey_activity(care::Id id) {
  api_.activity(id, [this, id](Reply<ActivityDetails> details) {
    if (!details || !state_.customer || state_.customer->selected_activity != id) return;
    state_.customer->selected = std::move(details->activity);
    state_.customer->selected_rating = std::move(details->rating);
    state_.customer->selected_notes = std::move(details->comments);
    state_.customer->selected_handoffs = std::move(details->handoffs);
    sync_request_edit();
  });
}

// Newest first, grouped by request (R-D5): each request's heading, then its
// activities loaded so far; built once per load or filter, so a frame only walks
// visible rows.
void Desktop::build_journey_rows() {
  if (!state_.customer) return;
  CustomerView& view = *state_.customer;
  auto newest_first = [](care::Time a, care::Time b) { return a > b; };
  std::stable_sort(view.requests.begin(), view.requests.end(),
                   [&](const care::Request& a, const care::Request& b) {
                     return newest_first(a.created_at, b.created_at);
                   });
  std::unordered_map<care::Id, size_t> request_at;
  for (size_t q = 0; q < view.requests.size(); ++q)
    request_at.emplace(view.requests[q].id, q);
  std::vector<std::vector<int>> by_request(view.requests.size());
  std::vector<int> loose;
  // The pages come newest first, so each request's activities stay in that order.
  for (size_t i = 0; i < view.activities.size(); ++i) {
    const care::JourneyEntry& activity = view.activities[i];
    if (view.channel_filter >= 0 && static_cast<int>(activity.media) != view.channel_filter) {
      continue;
    }
    auto at = activity.request ? request_at.find(*activity.request) : request_at.end();
    if (at == request_at.end()) {
      loose.push_back(static_cast<int>(i));
    } else {
      by_request[at->second].push_back(static_cast<int>(i));
    }
  }
  view.rows.clear();
  ++view.rows_built;
  for (size_t q = 0; q < view.requests.size(); ++q) {
    if (view.channel_filter >= 0 && by_request[q].empty()) continue;
    view.rows.push_back({view.requests[q].id, -1});
    for (int i : by_request[q])
      view.rows.push_back({view.requests[q].id, i});
  }
  for (int i : loose)
    view.rows.push_back({0, i});
}

void Desktop::save_customer() {
  if (!state_.customer || state_.customer->undecided()) return;
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
    view.error = words(checked.error());
    return;
  }
  view.error.clear();
  view.saving = true;
  care::Id id = view.customer.id;
  api_.save_customer(id, update, [this, id](Reply<Saved<care::Customer>> saved) {
    if (!state_.customer || state_.customer->customer.id != id) return;
    CustomerView& v = *state_.customer;
    v.saving = false;
    if (!saved) {
      v.error = words(saved.error());
    } else if (const auto* conflict = std::get_if<care::Conflict<care::Customer>>(&*saved)) {
      // R-E1: nothing was overwritten; their version is merged into the edit.
      if (conflict->current.version > v.customer.version) {
        rebase_customer_edit(v, conflict->current);
        v.customer = conflict->current;
      }
    } else {
      const auto& customer = std::get<care::Customer>(*saved);
      v.customer = customer;
      v.dirty = false;
      v.saved = true;
      v.saved_at = now_;
      v.changed_by = 0;
      start_edit(v.name, v.name_base, customer.name);
      start_edit(v.email, v.email_base, customer.email);
      start_edit(v.phone, v.phone_base, customer.phone);
      for (Hand& hand : state_.hands) {
        if (hand.customer && hand.customer->id == id) hand.customer = customer;
      }
      remember_recent(customer);
    }
  });
}

void Desktop::load_customer_edit() {
  if (!state_.customer) return;
  state_.customer->dirty = false;
  state_.customer->changed_by = 0;
  open_customer(state_.customer->customer.id);
}

// As the request edit's: the newer version read again is merged into the edit.
void Desktop::rebase_customer_edit(CustomerView& view, const care::Customer& theirs) {
  rebase_field(view.name, view.name_base, theirs.name);
  rebase_field(view.email, view.email_base, theirs.email);
  rebase_field(view.phone, view.phone_base, theirs.phone);
  note_change(view.changed_by, view.changed_at, theirs.updated);
  view.dirty = edited(view.name, view.name_base) || edited(view.email, view.email_base) ||
               edited(view.phone, view.phone_base);
  view.saved = false;
  view.error.clear();
}

void Desktop::resolve_customer_field(const action::ResolveCustomerField& resolved) {
  if (!state_.customer) return;
  CustomerView& view = *state_.customer;
  const Choice choice = resolved.choice;
  switch (resolved.field) {
    case action::CustomerField::name:
      resolve_field(view.name, view.name_base, choice, false);
      break;
    case action::CustomerField::email:
      resolve_field(view.email, view.email_base, choice, false);
      break;
    case action::CustomerField::phone:
      resolve_field(view.phone, view.phone_base, choice, false);
      break;
  }
  view.dirty = edited(view.name, view.name_base) || edited(view.email, view.email_base) ||
               edited(view.phone, view.phone_base);
  view.saved = false;
}

void Desktop::on_customer_change(const care::RecordChanged& change) {
  CustomerView& view = *state_.customer;
  if (change.type == care::RecordType::customer && change.id == view.customer.id &&
      change.version > view.customer.version) {
    open_customer(change.id);  // R-E1: merged into an edit now, before the agent saves
    return;
  }
  bool ours = false;
  if (change.type == care::RecordType::request) {
    for (const care::Request& q : view.requests) {
      ours |= q.id == change.id && change.version > q.version;
    }
  } else if (change.type == care::RecordType::activity) {
    for (const care::JourneyEntry& a : view.activities) {
      ours |= a.id == change.id && change.version > a.version;
    }
    ours |=
        view.selected && view.selected->id == change.id && change.version > view.selected->version;
  }
  if (ours) open_customer(view.customer.id);
}

// ---- requests and activities (R-C6) -------------------------------------------

void Desktop::add_request(const std::string& title) {
  if (!state_.customer) return;
  CustomerView& view = *state_.customer;
  if (auto checked = care::check_text("title", title); !checked) {
    view.error = words(checked.error());
    return;
  }
  care::Id id = view.customer.id;
  care::RequestDraft draft;
  draft.title = title;
  api_.add_request(id, draft, [this, id](Reply<care::Request> added) {
    if (!added) {
      if (state_.customer) state_.customer->error = words(added.error());
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
  std::optional<care::Version> version;
  if (shown) version = shown->version;
  if (state_.customer && !version) {
    for (const care::JourneyEntry& a : state_.customer->activities) {
      if (a.id == activity) version = a.version;
    }
  }
  if (!version) return;
  api_.move_activity(activity, care::MoveActivity{request, *version},
                     [this, activity, request](Reply<care::Activity> moved) {
                       if (!moved) {
                         work_failed(ErrorSource::Records, moved.error());
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

// Until the server says how often it samples the queues.
constexpr double kFloorRefreshSeconds = 30.0;

void Desktop::load_floor() {
  if (state_.agent.role != "supervisor" && state_.agent.role != "admin") return;
  if (floor_pending_) {
    floor_stale_ = true;
    return;
  }
  floor_pending_ = true;
  floor_stale_ = false;
  floor_refresh_at_ = now_ + kFloorRefreshSeconds;
  api_.overview([this](Reply<Floor> floor) {
    floor_pending_ = false;
    if (floor) {
      state_.floor = std::move(*floor);
      const auto every = state_.floor.view.sample_every.count();
      if (every > 0) floor_refresh_at_ = now_ + static_cast<double>(every) / 1000.0;
    }
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
  care::Id activity = hand->activity.id;
  api_.set_skills(activity, care::SkillsUpdate{skills, hand->activity.version},
                  [this, activity, add](Reply<care::Activity> saved) {
                    if (!saved) {
                      work_failed(ErrorSource::Records, saved.error());
                      return;
                    }
                    for (Hand& h : state_.hands) {
                      if (h.activity.id == activity) h.activity = *saved;
                    }
                    state_.clear_work_error(ErrorSource::Records);
                    if (add) state_.skill_input.clear();
                  });
}

void Desktop::search_knowledge(const std::string& query) {
  std::string trimmed = care::trim(query);
  api_.search_knowledge(trimmed, [this, trimmed](Reply<std::vector<KbHit>> hits) {
    if (!hits) {
      work_failed(ErrorSource::Records, hits.error());
      return;
    }
    state_.clear_work_error(ErrorSource::Records);
    state_.kb_hits = std::move(*hits);
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
  api_.canned_responses(query, [this, query](Reply<std::vector<CannedResponse>> found) {
    if (state_.canned_query != query) return;  // typed on meanwhile
    if (found) state_.canned = std::move(*found);
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
