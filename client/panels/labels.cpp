#include "panels/labels.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include <imgui.h>

#include "automation/automation.hpp"
#include "care/text.hpp"
#include "care/time.hpp"
#include "i18n/i18n.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {

using i18n::Text;
using i18n::tr;

std::string label(Text text, const char* id) {
  return std::string(tr(text)) + "###" + id;
}

std::string row_label(const std::string& words, const std::string& tail, const std::string& id) {
  std::string end = tail.empty() ? std::string() : "  " + tail;
  float room = ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(end.c_str()).x;
  return ui::fit(words.c_str(), room) + end + id;
}

void same_line_if_fits(float width) {
  const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x;
  const float limit = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (right + width <= limit) ImGui::SameLine();
}

float button_width(const std::string& label) {
  return ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

float radio_width(const std::string& label) {
  const ImGuiStyle& style = ImGui::GetStyle();
  return ImGui::GetFrameHeight() + style.ItemInnerSpacing.x +
         ImGui::CalcTextSize(label.c_str(), nullptr, true).x;
}

void heading(Text text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ui::tone(ui::Tone::Link));
  ui::text(tr(text));
  ImGui::PopStyleColor();
  ImGui::Separator();
}

void counter(const std::string& text) {
  size_t count = care::count_characters(text).value_or(0);
  char line[48];
  std::snprintf(line, sizeof line, "%zu / %zu", count, care::kTextLimit);
  if (count > care::kTextLimit) {
    ui::text_tone(ui::Tone::Error, line);
  } else {
    ui::text_disabled(line);
  }
}

void draw_viewers(const Presence& presence) {
  if (presence.others.empty()) return;
  std::string line = tr(Text::AlsoHere);
  bool first = true;
  for (const Viewer& viewer : presence.others) {
    line += first ? " " : ", ";
    first = false;
    line += viewer.name;
    if (viewer.editing) line += std::string(" (") + tr(Text::EditingNow) + ")";
  }
  ui::text_tone(ui::Tone::Note, line.c_str());
}

void draw_changed_by(const DesktopState& state, care::Id by, care::Time at, care::Time now) {
  const care::DirectoryAgent* who = state.directory.find(by);
  std::string name = who ? who->display_name : tr(Text::AnotherAgent);
  char caution[512];
  std::snprintf(caution, sizeof caution, tr(Text::ChangedBy), name.c_str(),
                moment(at, now).c_str());
  ui::text_tone(ui::Tone::Warning, caution);
  // Read out once as an alert (issue 16).
  automation::announce_once(caution, caution, automation::Urgency::Alert);
}

std::optional<Choice> draw_clash(const char* id, const std::string& mine,
                                 const std::string& theirs) {
  std::optional<Choice> chosen;
  ImGui::PushID(id);
  if (ImGui::BeginTable("##clash", 2,
                        ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame)) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ui::text_wrapped((std::string(tr(Text::Yours)) + ": " + mine).c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::PushStyleColor(ImGuiCol_Text, ui::tone(ui::Tone::Warning));
    ui::text_wrapped((std::string(tr(Text::Theirs)) + ": " + theirs).c_str());
    ImGui::PopStyleColor();
    ImGui::EndTable();
  }
  ImGui::PopID();
  std::string suffix = std::string("-") + id;
  if (ImGui::SmallButton(label(Text::KeepMine, ("keep-mine" + suffix).c_str()).c_str())) {
    chosen = Choice::mine;
  }
  ImGui::SameLine();
  if (ImGui::SmallButton(label(Text::TakeTheirs, ("take-theirs" + suffix).c_str()).c_str())) {
    chosen = Choice::theirs;
  }
  ImGui::SameLine();
  if (ImGui::SmallButton(label(Text::EditBoth, ("edit-both" + suffix).c_str()).c_str())) {
    chosen = Choice::both;
  }
  return chosen;
}

std::string duration_text(long long ms) {
  long long seconds = ms < 0 ? 0 : ms / 1000;
  char text[32];
  if (seconds >= 3600) {
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60,
                  seconds % 60);
  } else {
    std::snprintf(text, sizeof text, "%02lld:%02lld", seconds / 60, seconds % 60);
  }
  return text;
}

ui::Tone priority_tone(care::Priority priority) {
  switch (priority) {
    case care::Priority::urgent:
      return ui::Tone::Error;
    case care::Priority::high:
      return ui::Tone::Warning;
    case care::Priority::low:
      return ui::Tone::Muted;
    case care::Priority::normal:
      break;
  }
  return ui::Tone::Link;
}

const char* channel_name(care::Channel channel) {
  switch (channel) {
    case care::Channel::call:
      return tr(Text::ChannelCall);
    case care::Channel::email:
      return tr(Text::ChannelEmail);
    case care::Channel::chat:
      break;
  }
  return tr(Text::ChannelChat);
}

const char* media_name(care::MediaType media) {
  if (media == care::MediaType::note) return tr(Text::ChannelNote);
  return channel_name(care::channel_of(media).value_or(care::Channel::chat));
}

std::string contact_name(const Hand& hand) {
  if (hand.customer) return hand.customer->name;
  std::string told;
  for (const care::Field& field : hand.activity.context.pre_chat) {
    if (field.name == "Name") told = field.value;
  }
  if (told.empty()) told = hand.activity.from;
  // The name leads: two unknown contacts must differ in a narrow list (the customer
  // tab says the contact is unknown).
  return told.empty() ? std::string(tr(Text::UnknownContact)) : told;
}

namespace {

std::string_view language_tag() {
  return i18n::tag(i18n::language());
}

int offset_at(care::Time time) {
  return i18n::utc_offset_minutes(care::unix_ms(time));
}
}  // namespace

std::string wrap_up_label(const care::WrapUpCode& code) {
  return std::string(care::label_in(code.labels, language_tag(), code.label, code.code));
}

std::string wrap_up_label(const DesktopState& state, const std::string& code) {
  for (const care::WrapUpCode& entry : state.wrap_up_codes) {
    if (entry.code == code) return wrap_up_label(entry);
  }
  return code;
}

std::string reason_label(const care::NotReadyReason& reason) {
  return std::string(care::label_in(reason.labels, language_tag(), reason.label, reason.code));
}

std::string reason_label(const DesktopState& state, const std::string& code) {
  if (code == care::kMissedOfferReason) return tr(Text::ReasonMissedOffer);
  for (const care::NotReadyReason& entry : state.not_ready_reasons) {
    if (entry.code == code) return reason_label(entry);
  }
  return code;
}

std::string queue_label(const DesktopState& state, care::Id queue, const std::string& name) {
  for (const care::Queue& entry : state.queues) {
    if (entry.id == queue) {
      return std::string(care::label_in(entry.labels, language_tag(), entry.name, name));
    }
  }
  return name;
}

std::string short_time(care::Time time) {
  return care::local_date_time(time, offset_at(time));
}

std::string moment(care::Time time, care::Time now) {
  return care::local_moment(time, offset_at(time), now, offset_at(now));
}

std::string elapsed(care::Time since, care::Time now) {
  return duration_text(care::unix_ms(now) - care::unix_ms(since));
}

std::string handoff_line(const care::Handoff& handoff) {
  std::vector<char> words(handoff.by_name.size() + handoff.to_agent_name.size() +
                          handoff.to_queue_name.size() + 160);
  const std::string& to = handoff.to_agent ? handoff.to_agent_name : handoff.to_queue_name;
  switch (handoff.kind) {
    case care::HandoffKind::transfer:
      std::snprintf(words.data(), words.size(), tr(Text::HandoffTransferred),
                    handoff.by_name.c_str(), to.c_str());
      break;
    case care::HandoffKind::consult:
      std::snprintf(words.data(), words.size(), tr(Text::HandoffConsulted), handoff.by_name.c_str(),
                    to.c_str());
      break;
    case care::HandoffKind::consult_left:
      std::snprintf(words.data(), words.size(), tr(Text::HandoffLeft), to.c_str());
      break;
  }
  return words.data();
}

void draw_handoffs(const std::vector<care::Handoff>& handoffs) {
  for (const care::Handoff& handoff : handoffs) {
    // The time above, the line wrapped below: a details column is narrow.
    ui::text_disabled(short_time(handoff.at).c_str());
    ui::text_wrapped(handoff_line(handoff).c_str());
    if (!handoff.note.empty()) ui::text_wrapped(("\u201c" + handoff.note + "\u201d").c_str());
  }
}

}  // namespace care::client::panels
