#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "care/model.hpp"
#include "i18n/i18n.hpp"
#include "state.hpp"

namespace care::client {

// What a panel asks the desktop to do, as values (STYLE: "panels as objects"). Panels
// append them to the frame's ActionQueue; the desktop applies them in order after the
// frame, so two clicks in one frame are two actions, and no panel talks HTTP.
namespace action {

// The session (R-A1, R-A2, R-J5) and the shell.
struct SetLanguage {
  i18n::Language language = i18n::Language::English;
};
struct Reconnect {};
struct SignIn {
  std::string username, password;
};
struct SignOut {};
struct GoReady {};
struct GoNotReady {
  std::string reason;
};
struct ShowAbout {
  bool open = true;
};
struct OpenPalette {
  bool open = true;
  std::string query;  // what it opens filtered by (Alt+N: the Not Ready lines)
};
struct SaveLayout {};  // the column widths in state.layout, after a drag
struct ShowKeyboardHelp {
  bool open = true;
};
// The whole UI larger (+1) or smaller (-1) by a step, or back to 100 % (0).
struct Zoom {
  int direction = 0;
};
struct SetTheme {
  ui::Theme theme = ui::Theme::Dark;
};
// The next (+1) or previous (-1) task in hand, in the list's order.
struct StepTask {
  int direction = +1;
};

// Offers and the work in hand (R-A3–A6, R-B, R-C).
struct Accept {
  care::Id task = 0;
};
struct Decline {
  care::Id task = 0;
};
struct SelectTask {
  care::Id task = 0;
};
struct SendMessage {};
struct SaveRequest {};
// A field both this agent and someone else changed (R-E1): the agent's choice.
enum class RequestField { title, description };
struct ResolveRequestField {
  RequestField field = RequestField::title;
  Choice choice = Choice::mine;
};
struct AddTag {
  std::string tag;
};
struct RemoveTag {
  std::string tag;
};
struct AddComment {};
struct ControlCall {
  care::Id activity = 0;
  care::CallEventKind control = care::CallEventKind::held;
};
struct CreateCustomer {};
struct StartClose {
  care::Id task = 0;
};
struct Close {};
struct CancelClose {};
struct FindCanned {
  std::string query;
};
struct UseCanned {
  care::Id canned = 0;
};
struct OpenLink {
  std::string url;
};
struct ShowDetailsTab {
  DetailsTab tab = DetailsTab::Details;
};
struct AddSkill {
  std::string skill;
};
struct RemoveSkill {
  std::string skill;
};
struct SearchKnowledge {
  std::string query;
};
struct ShareArticle {
  care::Id article = 0;
};
struct TimelineScope {
  bool whole_customer = false;
};

// The left column and the records beside the work (R-A5, R-C6, R-D, R-F7).
struct ShowPane {
  Pane pane = Pane::InProgress;
};
struct Preview {
  care::Id task = 0;
};
struct SearchCustomers {
  std::string query;
};
struct OpenCustomer {
  care::Id customer = 0;
};
struct OpenClosed {
  care::Id customer = 0, activity = 0;
};
struct SaveCustomer {};
enum class CustomerField { name, email, phone };
struct ResolveCustomerField {
  CustomerField field = CustomerField::name;
  Choice choice = Choice::mine;
};
struct FilterJourney {
  int channel = -1;
};  // -1 all, else a care::MediaType
struct SelectJourneyActivity {
  care::Id activity = 0;
};
struct LoadMoreJourney {};  // the agent scrolled near the end of the rows loaded
struct AddRequest {
  std::string title;
};
struct MoveActivity {
  care::Id activity = 0, request = 0;
};
// Attachments (issue 18): pick files to send in the conversation on screen; download one.
struct AttachFiles {};
struct OpenAttachment {
  care::Id file = 0;
};

// Supervisor actions on the floor (issue 18).
struct SetAgentNotReady {
  care::Id agent = 0;
  std::string reason;
};
struct MonitorChat {
  care::Id activity = 0;
  std::string agent_name;
};
struct StopMonitoring {};
struct ReassignTask {  // to a queue or to an agent
  care::Id task = 0;
  std::optional<care::Id> queue, agent;
};
struct BargeIn {};  // sends the monitor's line into the chat
// Internal notes' mentions (issue 18): open the record a mention is about (and mark it
// read), or mark them all read.
struct OpenMention {
  care::Id mention = 0;
};
struct ReadAllMentions {};
// Transfer and consult (issue 18, R-K1): open the dialog for a task in hand, send what
// it holds, close it; a consulted guest leaves the chat.
struct StartHanding {
  care::Id task = 0;
  bool consult = false;
};
struct SendHanding {};
struct CancelHanding {};
struct LeaveConsult {
  care::Id task = 0;
};

}  // namespace action

using Action = std::variant<
    action::SetLanguage, action::Reconnect, action::SignIn, action::SignOut, action::GoReady,
    action::GoNotReady, action::ShowAbout, action::OpenPalette, action::SaveLayout, action::Accept,
    action::Decline, action::SelectTask, action::SendMessage, action::SaveRequest,
    action::ResolveRequestField, action::AddTag, action::RemoveTag, action::AddComment,
    action::ControlCall, action::CreateCustomer, action::StartClose, action::Close,
    action::CancelClose, action::FindCanned, action::UseCanned, action::OpenLink,
    action::ShowDetailsTab, action::AddSkill, action::RemoveSkill, action::SearchKnowledge,
    action::ShareArticle, action::TimelineScope, action::ShowPane, action::Preview,
    action::SearchCustomers, action::OpenCustomer, action::OpenClosed, action::SaveCustomer,
    action::ResolveCustomerField, action::FilterJourney, action::SelectJourneyActivity,
    action::LoadMoreJourney, action::AddRequest, action::MoveActivity, action::ShowKeyboardHelp,
    action::Zoom, action::SetTheme, action::StepTask, action::SetAgentNotReady, action::MonitorChat,
    action::StopMonitoring, action::BargeIn, action::OpenMention, action::ReadAllMentions,
    action::AttachFiles, action::OpenAttachment, action::StartHanding, action::SendHanding,
    action::CancelHanding, action::LeaveConsult, action::ReassignTask>;

// The actions of one frame, in the order the panels asked for them.
class ActionQueue {
 public:
  void push(Action action) { pending_.push_back(std::move(action)); }
  bool empty() const { return pending_.empty(); }
  // Everything asked so far; the queue starts again empty, so an action applied now
  // that asks for another one lands in the next batch instead of being lost.
  std::vector<Action> take() { return std::exchange(pending_, {}); }

 private:
  std::vector<Action> pending_;
};

}  // namespace care::client
