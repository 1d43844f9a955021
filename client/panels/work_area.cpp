#include "panels/work_area.hpp"

#include <imgui.h>

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "automation/automation.hpp"
#include "panels/activity_details.hpp"
#include "panels/conversation_context.hpp"
#include "panels/customer_form.hpp"
#include "panels/customer_pane.hpp"
#include "panels/floor.hpp"
#include "panels/in_progress.hpp"
#include "panels/labels.hpp"
#include "panels/monitor.hpp"
#include "panels/offer_dock.hpp"
#include "panels/queue_list.hpp"
#include "panels/request_details.hpp"
#include "ui/keyboard.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;

// The pane switcher on top of the left column.
void draw_panes(Frame& frame) {
  const DesktopState& state = frame.state;
  struct Choice {
    Pane pane;
    Text words;
    const char* id;
  };
  bool supervises = state.agent.role == "supervisor" || state.agent.role == "admin";
  const Choice choices[] = {{Pane::InProgress, Text::InProgress, "pane-progress"},
                            {Pane::Queue, Text::PaneQueue, "pane-queue"},
                            {Pane::Customers, Text::PaneCustomers, "pane-customers"},
                            {Pane::Floor, Text::PaneFloor, "pane-floor"}};
  bool first = true;
  for (const Choice& choice : choices) {
    if (choice.pane == Pane::Floor && !supervises) continue;
    std::string text = label(choice.words, choice.id);
    // Side by side while they fit, else on the next line (long words in some languages).
    float width = ImGui::CalcTextSize(tr(choice.words)).x + ImGui::GetStyle().FramePadding.x * 2;
    if (!first) {
      ImGui::SameLine();
      if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
    }
    first = false;
    bool selected = state.pane == choice.pane;
    if (selected) {
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    }
    if (ImGui::SmallButton(text.c_str())) frame.ask(action::ShowPane{choice.pane});
    ui::tab_note(selected);
    if (selected) ImGui::PopStyleColor();
  }
  ImGui::Separator();
}

// A bar between two columns that the agent drags to resize them (remembered per
// browser when let go). `width` is the column on the side the bar belongs to; `sign`
// says whether dragging right widens it (the left column) or narrows it (details).
void draw_splitter(Frame& frame, const char* id, float& share, float width, float total,
                   float sign) {
  const float thickness = ImGui::GetStyle().ItemSpacing.x;
  ImGui::SameLine(0.0f, 0.0f);
  ImGui::InvisibleButton(id, ImVec2(thickness, ImGui::GetContentRegionAvail().y));
  ui::name_last_item(id);  // an invisible button reports no label to the automation hook
  bool active = ImGui::IsItemActive();
  if (active || ImGui::IsItemHovered()) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    float x = (min.x + max.x) * 0.5f;
    ImGui::GetWindowDrawList()->AddLine(ImVec2(x, min.y), ImVec2(x, max.y),
                                        ImGui::GetColorU32(ImGuiCol_SeparatorActive), 2.0f);
  }
  if (active && total > 0.0f) {
    float dragged = ImGui::GetIO().MouseDelta.x * sign;
    if (dragged != 0.0f) share = (width + dragged) / total;
  }
  if (ImGui::IsItemDeactivated()) frame.ask(action::SaveLayout{});
  if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
    share = 0.0f;  // back to the default share
    frame.ask(action::SaveLayout{});
  }
  ImGui::SameLine(0.0f, 0.0f);
}

constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoSavedSettings |
                                    ImGuiWindowFlags_NoBringToFrontOnFocus;

// While the pointer guard holds, the work area sees no click (layout.hpp, PointerGuard):
// ImGui's per-frame click flags are put aside for its draw and given back after it,
// so the menu bar and the status line, which did not move, still take theirs.
class HeldClicks {
 public:
  explicit HeldClicks(bool hold) : hold_(hold) {
    if (!hold_) return;
    ImGuiIO& io = ImGui::GetIO();
    std::copy(std::begin(io.MouseClicked), std::end(io.MouseClicked), clicked_);
    std::copy(std::begin(io.MouseDoubleClicked), std::end(io.MouseDoubleClicked), double_);
    std::copy(std::begin(io.MouseReleased), std::end(io.MouseReleased), released_);
    std::fill(std::begin(io.MouseClicked), std::end(io.MouseClicked), false);
    std::fill(std::begin(io.MouseDoubleClicked), std::end(io.MouseDoubleClicked), false);
    std::fill(std::begin(io.MouseReleased), std::end(io.MouseReleased), false);
  }
  ~HeldClicks() {
    if (!hold_) return;
    ImGuiIO& io = ImGui::GetIO();
    std::copy(std::begin(clicked_), std::end(clicked_), io.MouseClicked);
    std::copy(std::begin(double_), std::end(double_), io.MouseDoubleClicked);
    std::copy(std::begin(released_), std::end(released_), io.MouseReleased);
  }
  HeldClicks(const HeldClicks&) = delete;
  HeldClicks& operator=(const HeldClicks&) = delete;

 private:
  bool hold_;
  bool clicked_[IM_ARRAYSIZE(ImGuiIO::MouseClicked)] = {};
  bool double_[IM_ARRAYSIZE(ImGuiIO::MouseDoubleClicked)] = {};
  bool released_[IM_ARRAYSIZE(ImGuiIO::MouseReleased)] = {};
};

// A click this frame lands on another widget than the one under the pointer before the
// content jumped (`before`), as the last frame laid them out.
bool aimed_elsewhere(const std::vector<automation::WidgetSpot>& before) {
  const ImGuiIO& io = ImGui::GetIO();
  std::vector<automation::WidgetSpot> now;
  for (int button = 0; button < IM_ARRAYSIZE(io.MouseClicked); ++button) {
    if (!io.MouseClicked[button] && !io.MouseDoubleClicked[button]) continue;
    if (now.empty()) now = automation::widget_spots();
    const ImVec2 at = io.MouseClickedPos[button];
    if (automation::widget_at(before, at) != automation::widget_at(now, at)) return true;
  }
  return false;
}

}  // namespace

WorkArea::WorkArea() : Window("###work-area", kFlags) {}

void WorkArea::place(const Frame& frame) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const ImGuiStyle& style = ImGui::GetStyle();
  float status_height = ImGui::GetFrameHeight() + style.WindowPadding.y;
  // The connection banner takes its strip at the top rather than lying over the lists.
  float banner = frame.state.connection == Connection::Unreachable
                     ? ImGui::GetFrameHeight() + style.WindowPadding.y * 2
                     : 0.0f;
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x, viewport->WorkPos.y + banner));
  ImGui::SetNextWindowSize(
      ImVec2(viewport->WorkSize.x, viewport->WorkSize.y - status_height - banner));
}

void WorkArea::draw_content(Frame& frame) {
  DesktopState& state = frame.state;
  const bool docked = offer_docked(state);
  // Where the columns start, known before anything is drawn: a click on the frame the
  // offer docks must not land on what just slid under the pointer, Accept included.
  const double now = static_cast<double>(care::unix_ms(frame.now)) / 1000.0;
  const bool jumped =
      pointer_guard_.place(ImGui::GetWindowPos().y + (docked ? offer_dock_height() : 0.0f), now);
  if (jumped) before_jump_ = automation::widget_spots();  // what the agent saw
  const double held = pointer_guard_.holds_for(now);
  automation::note_pointer_held(care::unix_ms(frame.now) + static_cast<long long>(held * 1000.0));
  // On the jump's own frame nothing shows where things went yet: hold. After it, only a
  // click whose widget is not the one that was under the pointer before.
  HeldClicks clicks(held > 0.0 && (jumped || aimed_elsewhere(before_jump_)));
  if (docked) draw_offer_dock(frame);
  // Drawn from the state by reference: copying a 5,000-line chat every frame would
  // cost more than drawing the visible part of it. Panels change only the edit
  // buffers; the hands change after the frame, when the actions are applied.
  const Hand* hand = state.pane == Pane::InProgress ? state.hand(state.selected_task) : nullptr;
  bool details =
      hand != nullptr ||
      (state.pane == Pane::Customers && state.customer && state.customer->selected_activity != 0) ||
      (state.pane == Pane::Floor && state.monitor);
  const float total = ImGui::GetContentRegionAvail().x;
  const Columns widths = columns(state.layout, total, ImGui::GetStyle().ItemSpacing.x,
                                 ImGui::GetFontSize() / 16.0f, details);
  draw_left(frame, widths.left);
  draw_splitter(frame, "##split-left", state.layout.left, widths.left, total, 1.0f);
  draw_middle(frame, hand, widths.middle);
  if (details) {
    draw_splitter(frame, "##split-details", state.layout.details, widths.details, total, -1.0f);
    draw_details(frame, hand);
  }
}

void WorkArea::draw_left(Frame& frame, float width) {
  ImGui::BeginChild("##left", ImVec2(width, 0), true);
  ui::keyboard::pane(ui::keyboard::Pane::Left);
  draw_panes(frame);
  switch (frame.state.pane) {
    case Pane::InProgress:
    case Pane::Floor:
      draw_in_progress(frame);
      break;
    case Pane::Queue:
      draw_queue_list(frame);
      break;
    case Pane::Customers:
      draw_customer_list(frame);
      break;
  }
  ImGui::EndChild();
}

void WorkArea::draw_middle(Frame& frame, const Hand* hand, float width) {
  const DesktopState& state = frame.state;
  ImGui::BeginChild("##communication", ImVec2(width, 0), true);
  ui::keyboard::pane(ui::keyboard::Pane::Communication);
  // Said while it is so, in the agent's language now: it goes when the agent changes
  // state, by their own hand or a supervisor's.
  if (state.agent.state == "not_ready" && state.agent.reason == care::kMissedOfferReason) {
    ui::text_tone(ui::Tone::Warning, tr(Text::MissedOfferNotice));
  }
  if (!state.work_error.empty()) ui::text_tone(ui::Tone::Error, state.work_error.c_str());
  switch (state.pane) {
    case Pane::InProgress:
      if (hand) {
        conversation_.draw(frame, *hand);
      } else {
        std::string who = std::string(tr(Text::SignedInAs)) + " " + state.agent.display_name;
        ui::text(who.c_str());
        ui::text_disabled(state.agent.state == "ready" ? tr(Text::WaitingForOffers)
                                                       : tr(Text::GoReadyHint));
      }
      break;
    case Pane::Queue:
      draw_queue_preview(frame);
      break;
    case Pane::Customers:
      draw_customer_view(frame);
      break;
    case Pane::Floor:
      draw_floor(frame);
      break;
  }
  ImGui::EndChild();
}

void WorkArea::draw_details(Frame& frame, const Hand* hand) {
  const DesktopState& state = frame.state;
  ImGui::BeginChild("##details", ImVec2(0, 0), true);
  ui::keyboard::pane(ui::keyboard::Pane::Details);
  if (hand) {
    draw_details_tabs(frame);
    switch (state.details_tab) {
      case DetailsTab::Details:
        draw_customer_form(frame, *hand);
        draw_request_details(frame, hand->request ? &*hand->request : nullptr);
        draw_activity_details(frame, *hand);
        break;
      case DetailsTab::Conversation:
        draw_conversation_context(frame, *hand);
        break;
      case DetailsTab::Cases:
        draw_recent_cases(frame, *hand);
        break;
      case DetailsTab::Timeline:
        draw_timeline(frame, *hand);
        break;
      case DetailsTab::Knowledge:
        draw_knowledge(frame);
        break;
    }
  } else if (state.pane == Pane::Floor) {
    draw_monitor(frame);
  } else {
    // The request of the activity selected in the journey: edited like a task's (R-C1).
    draw_request_details(frame, state.customer->selected_request());
    ImGui::Spacing();
    draw_journey_details(state);
  }
  ImGui::EndChild();
}

}  // namespace care::client::panels
