// What the panels ask for, applied in order after each frame: one small handler per
// action (actions.hpp), most of them a call into the desktop's other files.
#include "desktop.hpp"
#include "overloaded.hpp"

namespace care::client {

void Desktop::apply(const Action& action) {
  std::visit(Overloaded{
                 // The session and the shell.
                 [&](const action::SetLanguage& a) {
                   i18n::set_language(a.language);
                   platform_.save_setting(kLanguageSetting, i18n::tag(a.language));
                 },
                 [&](const action::Reconnect&) { check_server(); },
                 [&](const action::SignIn& a) { sign_in(a.username, a.password); },
                 [&](const action::SignOut&) { sign_out(); },
                 [&](const action::GoReady&) {
                   platform_.ask_to_notify();  // offers may come while the agent is in another tab
                   change_state("ready", "");
                 },
                 [&](const action::GoNotReady& a) { change_state("not_ready", a.reason); },
                 [&](const action::ShowAbout& a) { state_.about_open = a.open; },
                 [&](const action::OpenPalette& a) {
                   state_.palette_open = a.open;
                   state_.palette_query = a.query;
                   state_.palette_pick = 0;
                 },
                 [&](const action::ShowKeyboardHelp& a) { state_.keyboard_help_open = a.open; },
                 [&](const action::Zoom& a) {
                   state_.look.zoom =
                       a.direction == 0 ? 1.0f : ui::next_zoom(state_.look.zoom, a.direction);
                   platform_.save_setting(kLookSetting, ui::encode_look(state_.look));
                 },
                 [&](const action::SetTheme& a) {
                   state_.look.theme = a.theme;
                   platform_.save_setting(kLookSetting, ui::encode_look(state_.look));
                 },
                 [&](const action::StepTask& a) { step_task(a.direction); },
                 [&](const action::SaveLayout&) {
                   platform_.save_setting(kLayoutSetting, encode_layout(state_.layout));
                 },
                 // Offers and the work in hand.
                 [&](const action::Accept& a) { accept(a.task); },
                 [&](const action::Decline& a) { decline(a.task); },
                 [&](const action::SelectTask& a) {
                   state_.pane = Pane::InProgress;
                   select_task(a.task);
                 },
                 [&](const action::SendMessage&) { send_message(); },
                 [&](const action::SaveRequest&) { save_request(); },
                 [&](const action::ResolveRequestField& a) { resolve_request_field(a); },
                 [&](const action::AddTag& a) { add_tag(a.tag); },
                 [&](const action::RemoveTag& a) { remove_tag(a.tag); },
                 [&](const action::AddComment&) { add_comment(); },
                 [&](const action::ControlCall& a) { control_call(a.activity, a.control); },
                 [&](const action::CreateCustomer&) { create_customer(); },
                 [&](const action::SetAgentNotReady& a) { set_agent_not_ready(a.agent, a.reason); },
                 [&](const action::MonitorChat& a) { monitor_chat(a.activity, a.agent_name); },
                 [&](const action::StopMonitoring&) { stop_monitoring(); },
                 [&](const action::ReassignTask& a) { reassign_task(a.task, a.queue, a.agent); },
                 [&](const action::BargeIn&) { barge_in(); },
                 [&](const action::StartClose& a) {
                   // Closing ends the conversation: not while a line is on its way.
                   const Hand* hand = state_.hand(a.task);
                   if (hand && state_.outbox.waiting_for(hand->activity.id)) {
                     show_work_error(i18n::tr(i18n::Text::StillSending), ErrorSource::Composer);
                     return;
                   }
                   state_.closing = Closing{a.task, -1, -1, -1, {}};
                 },
                 [&](const action::Close&) { close_task(); },
                 [&](const action::CancelClose&) { state_.closing.reset(); },
                 [&](const action::FindCanned& a) { find_canned(a.query); },
                 [&](const action::UseCanned& a) { use_canned(a.canned); },
                 [&](const action::OpenLink& a) {
                   // Only web links: a line cannot make the desktop run anything else.
                   if (a.url.starts_with("https://") || a.url.starts_with("http://")) {
                     platform_.open_link(a.url);
                   }
                 },
                 [&](const action::AttachFiles&) { platform_.choose_files(); },
                 [&](const action::OpenAttachment& a) {
                   platform_.open_link(platform_.page_origin() + attachment_path(a.file));
                 },
                 [&](const action::ShowDetailsTab& a) {
                   state_.details_tab = a.tab;
                   if (a.tab == DetailsTab::Knowledge && state_.kb_searched.empty()) {
                     search_knowledge("");  // the newest articles until the agent searches
                   }
                 },
                 [&](const action::AddSkill& a) { change_skill(a.skill, true); },
                 [&](const action::RemoveSkill& a) { change_skill(a.skill, false); },
                 [&](const action::SearchKnowledge& a) { search_knowledge(a.query); },
                 [&](const action::ShareArticle& a) { share_article(a.article); },
                 [&](const action::TimelineScope& a) {
                   state_.timeline_whole_customer = a.whole_customer;
                 },
                 // The left column and the records beside the work.
                 [&](const action::ShowPane& a) {
                   show_pane(a.pane);
                   if (!state_.request_edit.dirty) state_.request_edit = RequestEdit{};
                   sync_request_edit();
                 },
                 [&](const action::Preview& a) { state_.previewed_task = a.task; },
                 [&](const action::SearchCustomers& a) {
                   state_.customers.query = a.query;
                   show_pane(Pane::Customers);
                   search_customers(a.query);
                 },
                 [&](const action::OpenCustomer& a) {
                   show_pane(Pane::Customers);
                   open_customer(a.customer);
                 },
                 [&](const action::OpenClosed& a) {
                   show_pane(Pane::Customers);
                   journey_focus_ = a.activity;
                   open_customer(a.customer);
                 },
                 [&](const action::OpenMention& a) { open_mention(a.mention); },
                 [&](const action::ReadAllMentions&) { read_all_mentions(); },
                 [&](const action::SaveCustomer&) { save_customer(); },
                 [&](const action::ResolveCustomerField& a) { resolve_customer_field(a); },
                 [&](const action::FilterJourney& a) {
                   if (!state_.customer) return;
                   state_.customer->channel_filter = a.channel;
                   build_journey_rows();
                 },
                 [&](const action::SelectJourneyActivity& a) {
                   if (state_.customer) state_.customer->selected_activity = a.activity;
                   load_journey_activity(a.activity);
                   if (!state_.request_edit.dirty) state_.request_edit = RequestEdit{};
                   sync_request_edit();
                 },
                 [&](const action::LoadMoreJourney&) { load_more_journey(); },
                 [&](const action::AddRequest& a) { add_request(a.title); },
                 [&](const action::MoveActivity& a) { move_activity(a.activity, a.request); },
                 // Transfer and consult (desktop_transfer.cpp).
                 [&](const action::StartHanding& a) { start_handing(a.task, a.consult); },
                 [&](const action::SendHanding&) { send_handing(); },
                 [&](const action::CancelHanding&) { state_.handing.reset(); },
                 [&](const action::LeaveConsult& a) { leave_consult(a.task); },
             },
             action);
}

}  // namespace care::client
