#include "panels/customer_pane.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // SetNextWindowScroll: in the same frame, unlike SetScrollY
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "panels/labels.hpp"
#include "panels/mentions.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;

void open_on_click(const std::string& line, care::Id id, bool selected, Frame& frame) {
  if (ui::selectable(line.c_str(), selected)) {
    frame.ask(action::OpenCustomer{id});
  }
}

const care::Request* request_of(const CustomerView& view, care::Id id) {
  for (const care::Request& request : view.requests) {
    if (request.id == id) return &request;
  }
  return nullptr;
}

const char* status_text(care::RequestStatus status) {
  return tr(status == care::RequestStatus::open ? Text::StatusOpen : Text::StatusClosed);
}

std::string first_line(const care::JourneyEntry& activity) {
  std::string text = activity.subject;
  size_t cut = text.find('\n');
  if (cut != std::string::npos) text.resize(cut);
  if (text.size() > 90) text = text.substr(0, 87) + "…";  // bytes; a split letter is rare
  return text;
}

void draw_activity_summary(const DesktopState& state, const care::JourneyEntry& activity) {
  ui::text(
      (std::string(media_name(activity.media)) + "  " + short_time(activity.created_at)).c_str());
  if (!activity.subject.empty()) ui::text(activity.subject.c_str());
  if (!activity.tags.empty()) {
    std::string tags = tr(Text::Tags);
    tags += ":";
    for (const std::string& tag : activity.tags)
      tags += " " + tag;
    ui::text_disabled(tags.c_str());
  }
  if (!activity.wrap_up.empty()) ui::text_disabled(wrap_up_label(state, activity.wrap_up).c_str());
}

// The selected activity, read in full, as its journey row shows it.
care::JourneyEntry entry_of(const care::Activity& a) {
  return care::JourneyEntry{a.id,         a.media,     a.request, "",        a.subject,
                            a.created_at, a.closed_at, a.tags,    a.wrap_up, a.version};
}

void draw_details_form(CustomerView& view, Frame& frame) {
  const char* kind =
      tr(view.customer.kind == care::CustomerKind::account ? Text::Account : Text::Contact);
  ui::text((view.customer.name + "  ·  " + kind).c_str());
  // R-E1: as in the request's details, merged field by field.
  if (view.changed_by != 0)
    draw_changed_by(frame.state, view.changed_by, view.changed_at, frame.now);
  float width = (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3.0f;
  ImGui::SetNextItemWidth(width);
  view.dirty |=
      ImGui::InputTextWithHint("##edit-customer-name", tr(Text::CustomerName), &view.name);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(width);
  view.dirty |= ImGui::InputTextWithHint("##edit-customer-email", tr(Text::Email), &view.email);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(width);
  view.dirty |= ImGui::InputTextWithHint("##edit-customer-phone", tr(Text::Phone), &view.phone);
  struct Clashing {
    const char* id;
    action::CustomerField field;
    Text name;
    const std::string& mine;
    const EditBase& base;
  };
  for (const Clashing& each :
       {Clashing{"name", action::CustomerField::name, Text::CustomerName, view.name,
                 view.name_base},
        Clashing{"email", action::CustomerField::email, Text::Email, view.email, view.email_base},
        Clashing{"phone", action::CustomerField::phone, Text::Phone, view.phone,
                 view.phone_base}}) {
    if (!each.base.clash) continue;
    ui::text(tr(each.name));
    if (auto choice = draw_clash(each.id, each.mine, each.base.value)) {
      frame.ask(action::ResolveCustomerField{each.field, *choice});
    }
  }
  ImGui::BeginDisabled(!view.dirty || view.saving || view.undecided());
  if (ImGui::Button(label(Text::Save, "save-customer").c_str())) {
    frame.ask(action::SaveCustomer{});
  }
  ImGui::EndDisabled();
  if (view.dirty) view.saved = false;
  if (view.saved) {
    ImGui::SameLine();
    view.saved = ui::fading_sign(ui::Tone::Good, tr(Text::Saved), frame.ui_seconds - view.saved_at);
  }
  if (view.undecided()) {
    ImGui::SameLine();
    ui::text_tone(ui::Tone::Warning, tr(Text::ChooseEachField));
  }
  if (!view.error.empty()) {
    ImGui::SameLine();
    ui::text_tone(ui::Tone::Error, view.error.c_str());
  }
}

void draw_add_request(CustomerView& view, Frame& frame) {
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - 140.0f);
  bool enter =
      ImGui::InputTextWithHint("##new-request-title", tr(Text::NewRequestHint),
                               &view.new_request_title, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  bool add = ImGui::Button(label(Text::AddRequest, "add-request").c_str(), ImVec2(130.0f, 0.0f));
  if ((enter || add) && !view.new_request_title.empty()) {
    frame.ask(action::AddRequest{view.new_request_title});
  }
}

void draw_channel_filter(const CustomerView& view, Frame& frame) {
  struct Choice {
    int value;
    const char* words;
    const char* id;
  };
  const Choice choices[] = {
      {-1, tr(Text::AllChannels), "all"},
      {static_cast<int>(care::MediaType::chat), tr(Text::ChannelChat), "chat"},
      {static_cast<int>(care::MediaType::call), tr(Text::ChannelCall), "call"},
      {static_cast<int>(care::MediaType::email), tr(Text::ChannelEmail), "email"},
      {static_cast<int>(care::MediaType::note), tr(Text::ChannelNote), "note"},
  };
  for (const Choice& choice : choices) {
    std::string text = std::string(choice.words) + "###filter-" + choice.id;
    if (ui::radio_button(text.c_str(), view.channel_filter == choice.value) &&
        view.channel_filter != choice.value) {
      frame.ask(action::FilterJourney{choice.value});
    }
    ImGui::SameLine();
  }
  ImGui::NewLine();
}

// Rows this close to the end of those loaded ask for the next page.
constexpr int kLoadAhead = 40;

// The activity's id on an activity row, 0 on a heading.
care::Id activity_on(const CustomerView& view, const JourneyRow& row) {
  return row.activity < 0 ? 0 : view.activities[static_cast<size_t>(row.activity)].id;
}

// Rows are one line each, so a row's place is its index times the line's height. When
// the rows were built again (a page came, a reload), the list opens scrolled so that
// the row at the top stays there; ImGui applies a next-window scroll in the same frame.
void keep_top_row(const CustomerView& view, float row_height) {
  if (view.top.built == view.rows_built || view.top.built == 0) return;
  for (size_t i = 0; i < view.rows.size(); ++i) {
    const JourneyRow& row = view.rows[i];
    bool same = view.top.activity != 0 ? activity_on(view, row) == view.top.activity
                                       : row.activity < 0 && row.request == view.top.request;
    if (!same) continue;
    ImGui::SetNextWindowScroll(ImVec2(-1.0f, static_cast<float>(i) * row_height + view.top.offset));
    return;
  }
}

void note_top_row(CustomerView& view, float row_height) {
  const float scrolled = ImGui::GetScrollY();
  const auto at = static_cast<size_t>(scrolled / row_height);
  view.top.built = view.rows_built;
  if (at >= view.rows.size()) return;
  view.top.request = view.rows[at].request;
  view.top.activity = activity_on(view, view.rows[at]);
  view.top.offset = scrolled - static_cast<float>(at) * row_height;
}

void draw_journey(CustomerView& view, Frame& frame) {
  const float row_height = ImGui::GetTextLineHeightWithSpacing();
  keep_top_row(view, row_height);
  ImGui::BeginChild("##journey", ImVec2(0, 0), true, ImGuiWindowFlags_NavFlattened);
  note_top_row(view, row_height);
  ImGuiListClipper clipper;
  const int rows = static_cast<int>(view.rows.size());
  clipper.Begin(rows);
  int shown_end = 0;
  while (clipper.Step()) {
    shown_end = std::max(shown_end, clipper.DisplayEnd);
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const JourneyRow& row = view.rows[static_cast<size_t>(i)];
      if (row.activity < 0) {
        const care::Request* request = request_of(view, row.request);
        if (!request) continue;
        ImGui::PushStyleColor(ImGuiCol_Text, ui::tone(priority_tone(request->priority)));
        ui::text("●");
        ImGui::PopStyleColor();
        ImGui::SameLine();
        // The title gives way to the status and date, which are read at a glance.
        std::string tail =
            std::string(status_text(request->status)) + "  ·  " + short_time(request->created_at);
        float room = ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(tail.c_str()).x -
                     ImGui::CalcTextSize("  ·  ").x;
        std::string heading_line = ui::fit(request->title.c_str(), room) + "  ·  " + tail;
        ui::text(heading_line.c_str());
        continue;
      }
      const care::JourneyEntry& activity = view.activities[static_cast<size_t>(row.activity)];
      std::string line =
          row_label("    " + std::string(media_name(activity.media)) + "  " +
                        short_time(activity.created_at) + "  " + first_line(activity),
                    "", "###journey-" + std::to_string(activity.id));
      if (ui::selectable(line.c_str(), view.selected_activity == activity.id)) {
        frame.ask(action::SelectJourneyActivity{activity.id});
      }
      if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        draw_activity_summary(frame.state, activity);
        ImGui::EndTooltip();
      }
    }
  }
  // Also when a filter leaves too few rows to scroll: the next page may have more.
  if (shown_end + kLoadAhead >= rows && view.more_to_load()) frame.ask(action::LoadMoreJourney{});
  ImGui::EndChild();
}

}  // namespace

void draw_customer_list(Frame& frame) {
  DesktopState& state = frame.state;
  CustomerPane& pane = state.customers;
  ImGui::SetNextItemWidth(-1.0f);
  if (ImGui::InputTextWithHint("##customer-search", tr(Text::SearchHint), &pane.query,
                               ImGuiInputTextFlags_EnterReturnsTrue)) {
    frame.ask(action::SearchCustomers{pane.query});
  }
  care::Id open = state.customer ? state.customer->customer.id : 0;
  if (!pane.searched.empty()) {
    heading(Text::Search);
    if (pane.results.empty()) ui::text_disabled(tr(Text::NoResults));
    for (const care::Customer& customer : pane.results) {
      std::string line =
          row_label(customer.name + (customer.email.empty() ? "" : "  " + customer.email), "",
                    "###found-" + std::to_string(customer.id));
      open_on_click(line, customer.id, open == customer.id, frame);
    }
    ImGui::Spacing();
  }
  bool any_open = false;
  for (const Hand& hand : state.hands) {
    if (!hand.customer || hand.task.state != care::TaskState::assigned) continue;
    if (!any_open) heading(Text::OpenNow);
    any_open = true;
    std::string line =
        row_label(hand.customer->name, "", "###open-" + std::to_string(hand.customer->id));
    open_on_click(line, hand.customer->id, open == hand.customer->id, frame);
  }
  if (any_open) ImGui::Spacing();
  heading(Text::Recent);
  for (const RecentCustomer& recent : pane.recent) {
    std::string line = row_label(recent.name, "", "###recent-" + std::to_string(recent.id));
    open_on_click(line, recent.id, open == recent.id, frame);
  }
}

void draw_customer_view(Frame& frame) {
  DesktopState& state = frame.state;
  if (!state.customer) {
    ui::text_disabled(tr(Text::NoCustomerOpen));
    return;
  }
  CustomerView& view = *state.customer;
  draw_details_form(view, frame);
  if (state.customer_presence.id == view.customer.id) draw_viewers(state.customer_presence);
  ImGui::Spacing();
  draw_add_request(view, frame);
  ImGui::Spacing();
  char title[160];
  std::snprintf(title, sizeof title, "%s  (%lld)", tr(Text::Journey),
                static_cast<long long>(view.total));
  ImGui::PushStyleColor(ImGuiCol_Text, ui::tone(ui::Tone::Link));
  ui::text(title);
  ImGui::PopStyleColor();
  draw_channel_filter(view, frame);
  draw_journey(view, frame);
}

void draw_journey_details(const DesktopState& state) {
  if (!state.customer) return;
  const CustomerView& view = *state.customer;
  if (view.selected_activity == 0) return;
  const care::Activity* full =
      view.selected && view.selected->id == view.selected_activity ? &*view.selected : nullptr;
  std::optional<care::JourneyEntry> row;
  for (const care::JourneyEntry& entry : view.activities) {
    if (entry.id == view.selected_activity) row = entry;
  }
  if (!row && full) row = entry_of(*full);
  if (!row) return;  // neither its page nor the activity itself is in yet
  heading(Text::ActivityDetails);
  draw_activity_summary(state, *row);
  if (const care::Request* request = view.selected_request()) {
    std::string about = std::string(tr(Text::RequestDetails)) + ": " + request->title;
    ui::text_fitted(about.c_str(), ImGui::GetContentRegionAvail().x, true);
  }
  if (full && view.selected_rating) {
    char said[96];
    std::snprintf(said, sizeof said, tr(Text::CustomerRating), view.selected_rating->score);
    ui::text(said);
    if (!view.selected_rating->comment.empty()) {
      ui::text_wrapped(view.selected_rating->comment.c_str());
    }
  }
  if (full) draw_handoffs(view.selected_handoffs);
  ImGui::Separator();
  if (!full) return;  // the transcript is on its way
  for (const care::Message& message : full->messages) {
    ui::text_tone(message.author == care::AuthorKind::agent ? ui::Tone::Link : ui::Tone::Customer,
                  (message.author_name + "  " + short_time(message.at)).c_str());
    ui::text_wrapped(message.text.c_str());
  }
  // The agents' internal notes on it (issue 18): what a mention opened this for.
  for (const care::Comment& note : view.selected_notes) {
    if (note.activity == full->id) draw_note_line(note, short_time(note.at));
  }
}

}  // namespace care::client::panels
