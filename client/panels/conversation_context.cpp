#include "panels/conversation_context.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>
#include <vector>

#include "care/rules/sentiment.hpp"
#include "panels/labels.hpp"
#include "panels/mentions.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;

void field_line(Text name, const std::string& value) {
  if (value.empty()) return;
  ui::text_disabled(tr(name));
  ImGui::SameLine();
  ui::text(value.c_str());
}

const char* self_service_verb(care::SelfServiceKind kind) {
  switch (kind) {
    case care::SelfServiceKind::visited_page:
      return tr(Text::VisitedPage);
    case care::SelfServiceKind::searched:
      return tr(Text::Searched);
    case care::SelfServiceKind::article_viewed:
      return tr(Text::ArticleViewed);
    case care::SelfServiceKind::custom:
      break;
  }
  return "·";
}

}  // namespace

void draw_details_tabs(Frame& frame) {
  const DesktopState& state = frame.state;
  struct Choice {
    DetailsTab tab;
    Text words;
    const char* id;
  };
  const Choice choices[] = {{DetailsTab::Details, Text::TabDetails, "tab-details"},
                            {DetailsTab::Conversation, Text::TabConversation, "tab-conversation"},
                            {DetailsTab::Cases, Text::TabCases, "tab-cases"},
                            {DetailsTab::Timeline, Text::TabTimeline, "tab-timeline"},
                            {DetailsTab::Knowledge, Text::TabKnowledge, "tab-knowledge"}};
  bool first = true;
  for (const Choice& choice : choices) {
    float width = ImGui::CalcTextSize(tr(choice.words)).x + ImGui::GetStyle().FramePadding.x * 2;
    if (!first) {
      ImGui::SameLine();
      if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
    }
    first = false;
    bool selected = state.details_tab == choice.tab;
    if (selected) {
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    }
    if (ImGui::SmallButton(label(choice.words, choice.id).c_str())) {
      frame.ask(action::ShowDetailsTab{choice.tab});
    }
    ui::tab_note(selected);
    if (selected) ImGui::PopStyleColor();
  }
  ImGui::Separator();
}

void draw_conversation_context(Frame& frame, const Hand& hand) {
  DesktopState& state = frame.state;
  const care::ConversationContext& context = hand.activity.context;
  heading(Text::Summary);
  ui::text((std::string(media_name(hand.activity.media)) + " · " + contact_name(hand)).c_str());
  std::string queue_name;  // what the queue list said, until the queues are loaded
  for (const Waiting& waiting : state.queue) {
    if (waiting.hand.task.queue == hand.task.queue) queue_name = waiting.queue_name;
  }
  const std::string queue = queue_label(state, hand.task.queue, queue_name);
  if (!queue.empty()) field_line(Text::QueueLabel, queue);
  field_line(Text::WaitTime, duration_text(context.wait_time.count()));
  if (context.started_at) field_line(Text::StartTime, short_time(*context.started_at));
  draw_sentiment(hand);

  ui::text(tr(Text::Skills));
  for (const std::string& skill : context.skills) {
    std::string chip = skill + "  ×###skill-" + skill;
    if (ImGui::SmallButton(chip.c_str())) {
      frame.ask(action::RemoveSkill{skill});
    }
    ImGui::SameLine();
  }
  ImGui::NewLine();
  ImGui::SetNextItemWidth(-1.0f);
  if (ImGui::InputTextWithHint("##skill-input", tr(Text::SkillHint), &state.skill_input,
                               ImGuiInputTextFlags_EnterReturnsTrue) &&
      !state.skill_input.empty()) {
    frame.ask(action::AddSkill{state.skill_input});
  }

  if (!context.pre_chat.empty()) {
    ImGui::Spacing();
    heading(Text::PreChatSurvey);
    for (const care::Field& answer : context.pre_chat) {
      ui::text_disabled(answer.name.c_str());
      ui::text_wrapped(answer.value.c_str());
    }
  }
  if (!context.self_service.empty()) {
    ImGui::Spacing();
    heading(Text::SelfService);
    // Newest first: what the customer did last is the likeliest reason for the chat.
    for (auto it = context.self_service.rbegin(); it != context.self_service.rend(); ++it) {
      std::string line =
          short_time(it->at).substr(11) + "  " + self_service_verb(it->kind) + ": " + it->detail;
      ui::text_wrapped(line.c_str());
    }
  }
  const care::VisitorDetails& visitor = context.visitor;
  if (hand.activity.media == care::MediaType::chat) {
    ImGui::Spacing();
    heading(Text::VisitorDetails);
    ui::text(tr(visitor.authenticated ? Text::Authenticated : Text::Anonymous));
    field_line(Text::Browser, visitor.browser);
    field_line(Text::OperatingSystem, visitor.operating_system);
    field_line(Text::Location, visitor.location);
    field_line(Text::Language, visitor.language);
  }
  if (!context.variables.empty()) {
    ImGui::Spacing();
    heading(Text::AdditionalDetails);
    for (const care::Field& variable : context.variables) {
      ui::text((variable.name + ": " + variable.value).c_str());
    }
  }
}

void draw_recent_cases(Frame& frame, const Hand& hand) {
  const DesktopState& state = frame.state;
  heading(Text::RecentCases);
  if (!hand.customer || !state.customer || state.customer->customer.id != hand.customer->id) {
    ui::text_disabled(tr(Text::UnknownContact));
    return;
  }
  for (const care::Request& request : state.customer->requests) {
    bool here = hand.request && hand.request->id == request.id;
    ImGui::PushStyleColor(ImGuiCol_Text, ui::tone(priority_tone(request.priority)));
    ui::text("●");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ui::text(request.title.c_str());
    bool open = request.status == care::RequestStatus::open;
    std::string status = std::string(tr(open ? Text::StatusOpen : Text::StatusClosed)) + " · " +
                         short_time(request.updated.at);
    if (open) {
      ui::text_tone(ui::Tone::Good, status.c_str());
    } else {
      ui::text_disabled(status.c_str());
    }
    if (!here && open) {
      ImGui::SameLine();
      std::string link = std::string(tr(Text::LinkHere)) + "###link-" + std::to_string(request.id);
      if (ImGui::SmallButton(link.c_str())) {
        frame.ask(action::MoveActivity{hand.activity.id, request.id});
      }
    }
    ImGui::Spacing();
  }
}

void draw_timeline(Frame& frame, const Hand& hand) {
  DesktopState& state = frame.state;
  heading(Text::TabTimeline);
  if (ui::radio_button(label(Text::ThisCase, "timeline-case").c_str(),
                       !state.timeline_whole_customer) &&
      state.timeline_whole_customer) {
    frame.ask(action::TimelineScope{false});
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(!hand.customer);
  if (ui::radio_button(label(Text::ThisCustomer, "timeline-customer").c_str(),
                       state.timeline_whole_customer) &&
      !state.timeline_whole_customer) {
    frame.ask(action::TimelineScope{true});
  }
  ImGui::EndDisabled();
  // A note for agents only; "@name" completes from the directory (issue 18).
  if (note_field(frame, "##quick-note", tr(Text::QuickNoteHint), state.comment_input)) {
    frame.ask(action::AddComment{});
    ImGui::SetKeyboardFocusHere(-1);
  }
  struct Entry {
    care::Time at;
    std::string who;
    std::string text;
    bool note;
  };
  std::vector<Entry> entries;
  for (const care::Comment& comment : hand.comments) {
    entries.push_back({comment.at, comment.author_name, comment.text, true});
  }
  auto add_activity = [&](const care::Activity& activity) {
    std::string text = !activity.subject.empty()    ? activity.subject
                       : !activity.messages.empty() ? activity.messages.front().text
                                                    : std::string();
    entries.push_back({activity.created_at, media_name(activity.media), text, false});
  };
  bool known = hand.customer && state.customer && state.customer->customer.id == hand.customer->id;
  if (known) {
    // The journey's activities are newest first: the latest hundred are plenty here.
    int taken = 0;
    for (const care::JourneyEntry& activity : state.customer->activities) {
      if (taken >= 100) break;
      bool in_case = hand.request && activity.request && *activity.request == hand.request->id;
      if (!state.timeline_whole_customer && !in_case) continue;
      entries.push_back({activity.created_at, media_name(activity.media), activity.subject, false});
      ++taken;
    }
    // The customer's requests as they were opened (and closed), beside the activities.
    if (state.timeline_whole_customer) {
      for (const care::Request& request : state.customer->requests) {
        entries.push_back({request.created_at, tr(Text::RequestDetails), request.title, false});
        if (request.closed_at) {
          entries.push_back({*request.closed_at, tr(Text::StatusClosed), request.title, false});
        }
      }
    }
  } else {
    add_activity(hand.activity);
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.at > b.at; });
  for (const Entry& entry : entries) {
    std::string head = short_time(entry.at) + "  " + entry.who;
    if (entry.note) {
      ui::text_tone(ui::Tone::Note, head.c_str());
    } else {
      ui::text_disabled(head.c_str());
    }
    if (!entry.text.empty()) ui::text_wrapped(entry.text.c_str());
    ImGui::Spacing();
  }
}

void draw_knowledge(Frame& frame) {
  DesktopState& state = frame.state;
  heading(Text::TabKnowledge);
  ImGui::SetNextItemWidth(-1.0f);
  if (ImGui::InputTextWithHint("##kb-search", tr(Text::KnowledgeHint), &state.kb_query,
                               ImGuiInputTextFlags_EnterReturnsTrue)) {
    frame.ask(action::SearchKnowledge{state.kb_query});
  }
  if (!state.kb_searched.empty() && state.kb_hits.empty()) {
    ui::text_disabled(tr(Text::NoArticles));
  }
  for (const KbHit& hit : state.kb_hits) {
    ui::text(hit.title.c_str());
    ui::text_wrapped(hit.snippet.c_str());
    std::string share = std::string(tr(Text::Share)) + "###share-" + std::to_string(hit.id);
    if (ImGui::SmallButton(share.c_str())) {
      frame.ask(action::ShareArticle{hit.id});
    }
    ImGui::Separator();
  }
}

void draw_sentiment(const Hand& hand) {
  // Only the last few lines count, so a long chat costs no more than a short one.
  std::vector<std::string> lines;
  const auto& messages = hand.activity.messages;
  for (auto it = messages.rbegin(); it != messages.rend() && lines.size() < 5; ++it) {
    if (it->author == care::AuthorKind::customer) lines.insert(lines.begin(), it->text);
  }
  if (lines.empty()) return;
  care::Sentiment sentiment = care::read_sentiment(lines);
  ui::text_disabled(tr(Text::Sentiment));
  ImGui::SameLine();
  switch (sentiment) {
    case care::Sentiment::positive:
      ui::text_tone(ui::Tone::Good, (std::string("● ") + tr(Text::Positive)).c_str());
      break;
    case care::Sentiment::negative:
      ui::text_tone(ui::Tone::Error, (std::string("● ") + tr(Text::Negative)).c_str());
      break;
    case care::Sentiment::neutral:
      ui::text_tone(ui::Tone::Muted, (std::string("● ") + tr(Text::Neutral)).c_str());
      break;
  }
}

}  // namespace care::client::panels
