#include "desktop.hpp"

#include <imgui.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "care/rules/close.hpp"
#include "panels/close_dialog.hpp"
#include "panels/command_palette.hpp"
#include "panels/connection_banner.hpp"
#include "panels/offer_card.hpp"
#include "panels/shell.hpp"
#include "panels/work_area.hpp"

namespace care::client {
namespace {

using nlohmann::json;

constexpr const char* kLanguageSetting = "care.language";

std::string string_field(const json& object, const char* name) {
  auto found = object.find(name);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

bool read_agent(const std::string& body, Agent& agent) {
  json parsed = json::parse(body, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("agent") || !parsed["agent"].is_object())
    return false;
  const json& a = parsed["agent"];
  if (!a.contains("id") || !a["id"].is_number_integer()) return false;
  agent.id = a["id"].get<std::int64_t>();
  agent.username = string_field(a, "username");
  agent.display_name = string_field(a, "display_name");
  agent.role = string_field(a, "role");
  agent.state = string_field(a, "state");
  agent.reason = string_field(a, "state_reason");
  return true;
}

}  // namespace

Desktop::Desktop(Transport& transport, Platform& platform)
    : transport_(transport), platform_(platform) {}

void Desktop::start(const std::string& username, const std::string& password) {
  i18n::Language remembered;
  if (i18n::from_tag(platform_.load_setting(kLanguageSetting), remembered)) {
    i18n::set_language(remembered);
  }
  check_server();
  if (username.empty()) {
    load_session();
  } else {
    sign_in(username, password);
  }
}

void Desktop::call(const std::string& method, const std::string& path, const std::string& body,
                   ResponseHandler handler) {
  transport_.request(method, path, body,
                     [this, handler = std::move(handler)](const HttpResponse& response) {
                       if (response.status == 0) connection_lost();
                       handler(response);
                     });
}

void Desktop::connection_lost() {
  if (state_.connection == Connection::Unreachable) return;
  state_.connection = Connection::Unreachable;
  state_.reconnect_at = now_ + retry_delay_;
  platform_.wake_after(retry_delay_);
}

void Desktop::check_server() {
  if (version_pending_) return;
  version_pending_ = true;
  transport_.get("/api/version", [this](const HttpResponse& response) {
    version_pending_ = false;
    auto body = json::parse(response.body, nullptr, false);
    if (response.status == 200 && body.is_object() && body.contains("version") &&
        body["version"].is_string()) {
      bool was_lost = state_.connection == Connection::Unreachable;
      state_.connection = Connection::Connected;
      state_.server_version = body["version"].get<std::string>();
      retry_delay_ = 1.0;
      if (was_lost) load_session();  // resync what may have changed meanwhile
      return;
    }
    // Back off, doubling up to half a minute, so a restarting server is not flooded.
    state_.connection = Connection::Unreachable;
    state_.reconnect_at = now_ + retry_delay_;
    platform_.wake_after(retry_delay_);
    retry_delay_ = std::min(retry_delay_ * 2.0, 30.0);
  });
}

void Desktop::load_session() {
  call("GET", "/api/me", {}, [this](const HttpResponse& response) {
    if (response.status == 200 && read_agent(response.body, state_.agent)) {
      signed_in();
    } else if (state_.phase == SessionPhase::Checking) {
      state_.phase = SessionPhase::SignedOut;
    } else if (response.status == 401 && state_.phase == SessionPhase::SignedIn) {
      state_.phase = SessionPhase::SignedOut;  // the session ended elsewhere
      stop_work();
      work_started_ = false;
    }
  });
}

void Desktop::signed_in() {
  state_.phase = SessionPhase::SignedIn;
  if (work_started_) return;  // a reload of /api/me after reconnecting
  work_started_ = true;
  start_work();
}

void Desktop::sign_in(const std::string& username, const std::string& password) {
  state_.phase = SessionPhase::SigningIn;
  state_.sign_in_problem = SignInProblem::None;
  json body = {{"username", username}, {"password", password}};
  call("POST", "/api/session", body.dump(), [this](const HttpResponse& response) {
    if (response.status == 200 && read_agent(response.body, state_.agent)) {
      signed_in();
      return;
    }
    state_.phase = SessionPhase::SignedOut;
    state_.sign_in_problem = response.status == 401   ? SignInProblem::WrongCredentials
                             : response.status == 429 ? SignInProblem::TooManyAttempts
                                                      : SignInProblem::Failed;
    sign_in_form_.focus_requested = true;
  });
}

void Desktop::sign_out() {
  call("DELETE", "/api/session", {}, [this](const HttpResponse& response) {
    if (response.status == 0) return;  // still signed in on the server; try again later
    state_.phase = SessionPhase::SignedOut;
    state_.agent = Agent{};
    stop_work();
    work_started_ = false;
    sign_in_form_.focus_requested = true;
  });
}

void Desktop::change_state(const std::string& agent_state, const std::string& reason) {
  state_.state_change_pending = true;
  json body = {{"state", agent_state}};
  if (!reason.empty()) body["reason"] = reason;
  call("PUT", "/api/me/state", body.dump(), [this](const HttpResponse& response) {
    state_.state_change_pending = false;
    json answer = json::parse(response.body, nullptr, false);
    if (response.status == 200 && answer.is_object()) {
      state_.agent.state = string_field(answer, "state");
      state_.agent.reason = string_field(answer, "reason");
    } else if (response.status == 401) {
      state_.phase = SessionPhase::SignedOut;
    }
  });
}

void Desktop::apply(const Action& action) {
  switch (action.kind) {
    case Action::Kind::None:
      break;
    case Action::Kind::SetLanguage:
      i18n::set_language(action.language);
      platform_.save_setting(kLanguageSetting, i18n::tag(action.language));
      break;
    case Action::Kind::Reconnect:
      check_server();
      break;
    case Action::Kind::SignIn:
      sign_in(action.username, action.password);
      break;
    case Action::Kind::SignOut:
      sign_out();
      break;
    case Action::Kind::GoReady:
      platform_.ask_to_notify();  // offers may come while the agent is in another tab
      change_state("ready", "");
      break;
    case Action::Kind::GoNotReady:
      change_state("not_ready", action.reason);
      break;
    case Action::Kind::Accept:
      accept(action.task);
      break;
    case Action::Kind::Select:
      state_.pane = Pane::InProgress;
      select_task(action.task);
      break;
    case Action::Kind::SendMessage:
      send_message();
      break;
    case Action::Kind::SaveRequest:
      save_request();
      break;
    case Action::Kind::LoadRequest:
      load_request_edit();
      break;
    case Action::Kind::AddTag:
      add_tag(action.text);
      break;
    case Action::Kind::RemoveTag:
      remove_tag(action.text);
      break;
    case Action::Kind::AddComment:
      add_comment();
      break;
    case Action::Kind::StartClose:
      state_.closing = Closing{action.task, -1, -1, -1, {}};
      break;
    case Action::Kind::Close:
      close_task();
      break;
    case Action::Kind::CancelClose:
      state_.closing.reset();
      break;
    case Action::Kind::CreateCustomer:
      create_customer();
      break;
    case Action::Kind::ShowPane:
      show_pane(static_cast<Pane>(action.number));
      if (!state_.request_edit.dirty) state_.request_edit = RequestEdit{};
      sync_request_edit();
      break;
    case Action::Kind::Preview:
      state_.previewed_task = action.task;
      break;
    case Action::Kind::SearchCustomers:
      state_.customers.query = action.text;
      show_pane(Pane::Customers);
      search_customers(action.text);
      break;
    case Action::Kind::OpenCustomer:
      show_pane(Pane::Customers);
      open_customer(action.id);
      break;
    case Action::Kind::SaveCustomer:
      save_customer();
      break;
    case Action::Kind::LoadCustomer:
      load_customer_edit();
      break;
    case Action::Kind::FilterJourney:
      if (state_.customer) {
        state_.customer->channel_filter = action.number;
        build_journey_rows();
      }
      break;
    case Action::Kind::SelectJourneyActivity:
      if (state_.customer) state_.customer->selected_activity = action.id;
      load_journey_activity(action.id);
      if (!state_.request_edit.dirty) state_.request_edit = RequestEdit{};
      sync_request_edit();
      break;
    case Action::Kind::AddRequest:
      add_request(action.text);
      break;
    case Action::Kind::MoveActivity:
      move_activity(action.id, action.task);
      break;
    case Action::Kind::FindCanned:
      find_canned(action.text);
      break;
    case Action::Kind::UseCanned:
      use_canned(action.id);
      break;
    case Action::Kind::ShowDetailsTab:
      state_.details_tab = static_cast<DetailsTab>(action.number);
      if (state_.details_tab == DetailsTab::Knowledge && state_.kb_searched.empty()) {
        search_knowledge("");  // the newest articles until the agent searches
      }
      break;
    case Action::Kind::AddSkill:
      change_skill(action.text, true);
      break;
    case Action::Kind::RemoveSkill:
      change_skill(action.text, false);
      break;
    case Action::Kind::SearchKnowledge:
      search_knowledge(action.text);
      break;
    case Action::Kind::ShareArticle:
      share_article(action.id);
      break;
    case Action::Kind::OpenClosed:
      show_pane(Pane::Customers);
      journey_focus_ = action.task;
      open_customer(action.id);
      break;
    case Action::Kind::TimelineScope:
      state_.timeline_whole_customer = action.number == 1;
      break;
    case Action::Kind::ControlCall:
      control_call(action.id, action.text);
      break;
  }
}

void Desktop::draw(double now) {
  now_ = now;
  if (state_.connection == Connection::Unreachable) {
    if (now >= state_.reconnect_at) check_server();
    // One frame a second keeps the banner's countdown true, and only while offline.
    if (now >= countdown_wake_at_) {
      countdown_wake_at_ = now + 1.0;
      platform_.wake_after(1.0);
    }
  }
  Action action = panels::draw_shell(state_);
  if (Action retry = panels::draw_connection_banner(state_, now);
      retry.kind != Action::Kind::None) {
    action = retry;
  }
  switch (state_.phase) {
    case SessionPhase::Checking:
      break;
    case SessionPhase::SignedOut:
    case SessionPhase::SigningIn: {
      Action signing = panels::draw_sign_in(state_, sign_in_form_);
      if (signing.kind != Action::Kind::None) action = signing;
      break;
    }
    case SessionPhase::SignedIn: {
      Action work = panels::draw_work_area(state_, now);
      if (Action offer = panels::draw_offer_card(state_, now); offer.kind != Action::Kind::None) {
        work = offer;
      }
      if (Action closing = panels::draw_close_dialog(state_); closing.kind != Action::Kind::None) {
        work = closing;
      }
      // Ctrl+K opens the command palette from anywhere (R-J8).
      const ImGuiIO& io = ImGui::GetIO();
      // ImGui 1.86 names only A, C, V, X, Y, Z; both builds use GLFW key codes, where K is 'K'.
      if (io.KeyCtrl && ImGui::IsKeyPressed('K', false)) {
        state_.palette_open = true;
      }
      if (Action command = panels::draw_command_palette(state_);
          command.kind != Action::Kind::None) {
        work = command;
      }
      if (work.kind != Action::Kind::None) action = work;
      // Offers count down and calls time themselves: a frame a second while shown.
      bool ticking = std::any_of(state_.hands.begin(), state_.hands.end(), [](const Hand& h) {
        return h.task.state == care::TaskState::offered ||
               h.activity.media == care::MediaType::call;
      });
      // The floor's and the queue list's waits run on screen too.
      if (state_.pane == Pane::Floor) ticking = true;
      if (state_.pane == Pane::Queue && !state_.queue.empty()) ticking = true;
      if (ticking) platform_.wake_after(0.5);
      break;
    }
  }
  apply(action);
  update_presence();
}

}  // namespace care::client
