#include "panels/conversation.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/rules/call.hpp"
#include "care/rules/email.hpp"
#include "panels/conversation_context.hpp"
#include "panels/labels.hpp"
#include "panels/mentions.hpp"
#include "platform/platform.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;

bool is_link(std::string_view word) {
  return (word.starts_with("https://") && word.size() > 8) ||
         (word.starts_with("http://") && word.size() > 7);
}

// A line with links, laid out word by word so that each link is an item of its own
// that opens on a click; a plain line stays one wrapped text.
void draw_words(Frame& frame, std::string_view text, care::Id message) {
  if (std::string_view(text).find("http") == std::string_view::npos) {
    ui::text_wrapped(std::string(text).c_str());
    return;
  }
  float left = ImGui::GetCursorPosX();
  float width = ImGui::GetContentRegionAvail().x;
  float space = ImGui::CalcTextSize(" ").x;
  int links = 0;
  auto place = [&](std::string_view piece, bool first_on_line, bool joined) {
    if (first_on_line) return;
    ImGui::SameLine(0.0f, joined ? 0.0f : space);
    float w = ImGui::CalcTextSize(piece.data(), piece.data() + piece.size()).x;
    if (!joined && ImGui::GetCursorPosX() - left + w > width) ImGui::NewLine();
  };
  size_t line_start = 0;
  while (line_start <= text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(line_start, line_end - line_start);
    bool first = true;
    size_t at = 0;
    while (at < line.size()) {
      size_t end = line.find(' ', at);
      if (end == std::string_view::npos) end = line.size();
      std::string_view word = line.substr(at, end - at);
      at = end + 1;
      if (word.empty()) continue;
      // "see https://x.dk/a." : the full stop is the sentence's, not the link's.
      std::string_view tail;
      if (is_link(word)) {
        size_t keep = word.find_last_not_of(".,;:!?)\"'");
        tail = word.substr(keep + 1);
        word = word.substr(0, keep + 1);
      }
      place(word, first, false);
      first = false;
      if (is_link(word)) {
        std::string url(word);
        ImGui::PushStyleColor(ImGuiCol_Text, ui::tone(ui::Tone::Link));
        std::string id = url + "##link-" + std::to_string(message) + "-" + std::to_string(links++);
        // No side spacing: a Selectable widens itself by it, past the column's edge.
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing,
                            ImVec2(0.0f, ImGui::GetStyle().ItemSpacing.y));
        bool opened = ImGui::Selectable(id.c_str(), false, 0, ImGui::CalcTextSize(url.c_str()));
        ImGui::PopStyleVar();
        if (opened) frame.ask(action::OpenLink{url});
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) {
          ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
          ImGui::SetTooltip("%s", tr(Text::OpenLink));
        }
      } else {
        ui::text(std::string(word).c_str());
      }
      if (!tail.empty()) {
        place(tail, false, true);
        ui::text(std::string(tail).c_str());
      }
    }
    if (first) ImGui::NewLine();  // an empty line keeps its place
    line_start = line_end + 1;
  }
}

// "12.3 KB": a file's size as people read it.
std::string file_size(std::int64_t bytes) {
  char text[32];
  if (bytes < 1024) {
    std::snprintf(text, sizeof text, "%lld B", static_cast<long long>(bytes));
  } else if (bytes < 1024 * 1024) {
    std::snprintf(text, sizeof text, "%.1f KB", static_cast<double>(bytes) / 1024.0);
  } else {
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  }
  return text;
}

// A file in the transcript (issue 18): its name and size, a click downloads it; an
// image shows its preview below once the browser has decoded it.
void draw_attachment(Frame& frame, const care::Attachment& file) {
  const std::string line = file.name + "  (" + file_size(file.size) + ")";
  const std::string id = std::to_string(file.id);
  ImGui::PushStyleColor(ImGuiCol_Text, ui::tone(ui::Tone::Link));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0.0f, ImGui::GetStyle().ItemSpacing.y));
  bool open = ImGui::Selectable((line + "##file-" + id).c_str(), false, 0,
                                ImGui::CalcTextSize(line.c_str()));
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::SetTooltip("%s", tr(Text::OpenAttachment));
  }
  auto preview = frame.state.previews.find(file.id);
  if (preview != frame.state.previews.end() && preview->second.texture != 0 &&
      preview->second.width > 0 && preview->second.height > 0) {
    // At most 12 lines high and the column's width; never larger than the image.
    const float most_high = ImGui::GetFontSize() * 12.0f;
    const float most_wide = std::max(1.0f, ImGui::GetContentRegionAvail().x);
    const float w = static_cast<float>(preview->second.width);
    const float h = static_cast<float>(preview->second.height);
    const float scale = std::min({1.0f, most_high / h, most_wide / w});
    const ImVec2 size(w * scale, h * scale);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    // The preview is an item of its own (the automation hook finds "##preview-<id>"),
    // a selectable with no words under the image: it lights up under the pointer.
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0.0f, ImGui::GetStyle().ItemSpacing.y));
    if (ImGui::Selectable(("##preview-" + id).c_str(), false, 0, size)) open = true;
    ImGui::PopStyleVar();
    ImGui::GetWindowDrawList()->AddImage(
        reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(preview->second.texture)), at,
        ImVec2(at.x + size.x, at.y + size.y));
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  }
  if (open) frame.ask(action::OpenAttachment{file.id});
}
}  // namespace

void draw_message(Frame& frame, const care::Message& message) {
  bool mine = message.author == care::AuthorKind::agent;
  // Today's lines by their time alone, as chat tools show them; older ones dated.
  std::string who = message.author_name + "  " + moment(message.at, frame.now);
  if (mine) {
    ui::text_tone(ui::Tone::Link, who.c_str());
  } else {
    ui::text_tone(ui::Tone::Customer, who.c_str());
  }
  // An email says whom it went to and under which subject (R-B3).
  if (message.email) {
    std::string to =
        std::string(tr(Text::EmailTo)) + ": " + care::join_addresses(message.email->to);
    if (!message.email->cc.empty()) {
      to += "   " + std::string(tr(Text::EmailCc)) + ": " + care::join_addresses(message.email->cc);
    }
    std::string subject = std::string(tr(Text::Subject)) + ": " + message.email->subject;
    // Wrapped: long address lists and subjects stay inside the transcript.
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ui::text_wrapped(to.c_str());
    ui::text_wrapped(subject.c_str());
    ImGui::PopStyleColor();
  }
  // A chat line that carries a file says only the file's name: the file's line says it.
  if (message.attachments.empty() || message.text != message.attachments.front().name) {
    draw_words(frame, message.text, message.id);
  }
  for (const care::Attachment& file : message.attachments)
    draw_attachment(frame, file);
  ImGui::Spacing();
}

namespace {

// Whether To and Cc go one under the other: side by side each would be too narrow
// to read an address (a 1024-pixel screen).
bool reply_fields_stacked() {
  return ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 36.0f;
}

// A line of the call's history, in the agent's language.
Text call_event_words(care::CallEventKind kind) {
  switch (kind) {
    case care::CallEventKind::ringing:
      return Text::CallRinging;
    case care::CallEventKind::answered:
      return Text::CallAnswered;
    case care::CallEventKind::held:
      return Text::CallPutOnHold;
    case care::CallEventKind::resumed:
      return Text::CallResumed;
    case care::CallEventKind::ended:
      break;
  }
  return Text::CallEnded;
}

// R-B2: where the call stands, its running timer, and hold / resume / end, each
// offered only when the shared rule allows it.
void draw_call_controls(Frame& frame, const Hand& hand) {
  const auto& events = hand.activity.call_events;
  care::CallStage stage = care::call_stage(events);
  Text stage_words = stage == care::CallStage::ringing     ? Text::CallRinging
                     : stage == care::CallStage::connected ? Text::CallConnected
                     : stage == care::CallStage::on_hold   ? Text::CallOnHold
                                                           : Text::CallEnded;
  std::string timer = std::string(tr(stage_words)) + "  " +
                      duration_text(care::call_duration(events, frame.now).count());
  // Each stage its own colour: an ended call must not look like a live one.
  switch (stage) {
    case care::CallStage::on_hold:
      ui::text_tone(ui::Tone::Warning, timer.c_str());
      break;
    case care::CallStage::ended:
      ui::text_disabled(timer.c_str());
      return;  // nothing left to control
    case care::CallStage::ringing:
      ui::text_tone(ui::Tone::Link, timer.c_str());
      break;
    case care::CallStage::connected:
      ui::text_tone(ui::Tone::Good, timer.c_str());
      break;
  }
  struct Control {
    care::CallEventKind kind;
    Text words;
    const char* id;
  };
  const Control controls[] = {{care::CallEventKind::held, Text::Hold, "call-hold"},
                              {care::CallEventKind::resumed, Text::Resume, "call-resume"},
                              {care::CallEventKind::ended, Text::EndCall, "call-end"}};
  for (const Control& control : controls) {
    bool allowed = care::check_call_control(events, control.kind).ok();
    ImGui::BeginDisabled(!allowed);
    if (ImGui::Button(label(control.words, control.id).c_str())) {
      frame.ask(action::ControlCall{hand.activity.id, control.kind});
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
  }
  ImGui::NewLine();
}

// Puts the caret after a canned response once it is in the field (the field keeps
// the caret where the "/" search ended otherwise, mid-word in the new text).
int caret_to_end(ImGuiInputTextCallbackData* data) {
  auto* pending = static_cast<std::optional<std::string>*>(data->UserData);
  if (*pending && std::string_view(data->Buf, static_cast<size_t>(data->BufTextLen)) != **pending) {
    data->CursorPos = data->SelectionStart = data->SelectionEnd = data->BufTextLen;
    pending->reset();
  }
  return 0;
}

}  // namespace

void Conversation::draw(Frame& frame, const Hand& hand) {
  const ImGuiStyle& style = ImGui::GetStyle();
  // A consulted guest leaves; only the holder closes, transfers or invites (issue 18).
  const std::string close = hand.guest ? label(Text::LeaveConsult, "leave-consult")
                                       : label(Text::CloseInteraction, "close-task");
  const std::string transfer = label(Text::Transfer, "transfer-task");
  const std::string consult = label(Text::Consult, "consult-task");
  const bool hands_on = !hand.guest;
  const bool consults = hands_on && hand.activity.media == care::MediaType::chat;
  // Close keeps the right end at its width in any language and scale; the title
  // takes the rest, cut with "…" before it would run under the button.
  const float close_width =
      std::max(100.0f * ImGui::GetFontSize() / 16.0f,
               ImGui::CalcTextSize(close.c_str(), nullptr, true).x + style.FramePadding.x * 2);
  const float width = ImGui::GetContentRegionAvail().x;
  const float start = ImGui::GetCursorPosX();
  std::string title = std::string(channel_name(hand.task.channel)) + " · " + contact_name(hand);
  // The mood keeps its room beside the title, which is cut first; only when the pane
  // is too narrow for both does it live in the Conversation tab alone.
  float mood = ImGui::CalcTextSize(tr(Text::Sentiment)).x + ImGui::CalcTextSize("● ").x +
               style.ItemSpacing.x * 5 +
               std::max({ImGui::CalcTextSize(tr(Text::Positive)).x,
                         ImGui::CalcTextSize(tr(Text::Negative)).x,
                         ImGui::CalcTextSize(tr(Text::Neutral)).x});
  float title_room = width - close_width - style.ItemSpacing.x;
  bool with_mood = title_room - mood > ImGui::GetFontSize() * 8.0f;
  ui::text_fitted(title.c_str(), with_mood ? title_room - mood : title_room);
  if (with_mood) {
    ImGui::SameLine(0, style.ItemSpacing.x * 4);
    draw_sentiment(hand);
  }
  ImGui::SameLine(start + width - close_width);
  if (ImGui::Button(close.c_str(), ImVec2(close_width, 0.0f))) {
    if (hand.guest) {
      frame.ask(action::LeaveConsult{hand.task.id});
    } else {
      frame.ask(action::StartClose{hand.task.id});
    }
  }
  // Handing on has its own row, so the title and the mood keep theirs (issue 18).
  if (hands_on && ImGui::SmallButton(transfer.c_str())) {
    frame.ask(action::StartHanding{hand.task.id, false});
  }
  if (consults) ImGui::SameLine();
  if (consults && ImGui::SmallButton(consult.c_str())) {
    frame.ask(action::StartHanding{hand.task.id, true});
  }
  if (hand.guest && hand.task.agent) {
    const care::DirectoryAgent* holder = frame.state.directory.find(*hand.task.agent);
    std::string name =
        holder ? holder->display_name : std::string("#") + std::to_string(*hand.task.agent);
    std::vector<char> notice(name.size() + 160);
    std::snprintf(notice.data(), notice.size(), tr(Text::GuestNotice), name.c_str());
    ui::text_tone(ui::Tone::Warning, notice.data());
  }
  ImGui::Separator();
  bool writes =
      hand.activity.media == care::MediaType::chat || hand.activity.media == care::MediaType::email;
  bool email = hand.activity.media == care::MediaType::email;
  float rows = !writes ? 0.0f : !email ? 3.2f : frame.state.reply.error.empty() ? 5.3f : 6.3f;
  if (email && reply_fields_stacked()) rows += 1.0f;
  float composer_height = ImGui::GetFrameHeightWithSpacing() * rows;
  // Flattened: Tab and the arrows go on into the transcript's links as if it were not a child.
  ImGui::BeginChild("##transcript", ImVec2(0, -composer_height), false,
                    ImGuiWindowFlags_NavFlattened);
  draw_transcript(frame, hand);
  // Follow new lines while the agent is at the bottom.
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4.0f) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
  if (email) draw_reply_fields(frame);
  if (writes) draw_composer(frame, email);
}

// R-B3: To, Cc and subject of the reply, prefilled and editable, above its text.
void Conversation::draw_reply_fields(Frame& frame) {
  ReplyFields& reply = frame.state.reply;
  const ImGuiStyle& style = ImGui::GetStyle();
  float label_width =
      std::max({ImGui::CalcTextSize(tr(Text::EmailTo)).x, ImGui::CalcTextSize(tr(Text::EmailCc)).x,
                ImGui::CalcTextSize(tr(Text::Subject)).x}) +
      style.ItemSpacing.x;
  float left = ImGui::GetCursorPosX();
  float half = (ImGui::GetContentRegionAvail().x - style.ItemSpacing.x) / 2.0f;
  bool edited = false;
  auto field = [&](Text words, const char* id, std::string& value, float width) {
    ImGui::AlignTextToFramePadding();
    ui::text(tr(words));
    ImGui::SameLine(left + label_width);
    ImGui::SetNextItemWidth(std::max(40.0f, width - label_width));
    edited |= ImGui::InputText(id, &value);
  };
  const float whole = half * 2.0f + style.ItemSpacing.x;
  if (reply_fields_stacked()) {
    // A narrow pane: To and Cc each get a line of their own, wide enough to read.
    field(Text::EmailTo, "##reply-to", reply.to, whole);
    field(Text::EmailCc, "##reply-cc", reply.cc, whole);
  } else {
    field(Text::EmailTo, "##reply-to", reply.to, half);
    ImGui::SameLine(left + half + style.ItemSpacing.x);
    float cc_left = ImGui::GetCursorPosX();
    ImGui::AlignTextToFramePadding();
    ui::text(tr(Text::EmailCc));
    ImGui::SameLine(cc_left + ImGui::CalcTextSize(tr(Text::EmailCc)).x + style.ItemSpacing.x);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    edited |= ImGui::InputText("##reply-cc", &reply.cc);
  }
  field(Text::Subject, "##reply-subject", reply.subject, whole);
  if (edited) reply.error.clear();  // the agent is putting it right
  if (!reply.error.empty()) ui::text_tone(ui::Tone::Error, reply.error.c_str());
}

void Conversation::draw_transcript(Frame& frame, const Hand& hand) {
  const care::Activity& activity = hand.activity;
  if (activity.media == care::MediaType::email && !activity.subject.empty()) {
    ui::text_wrapped((std::string(tr(Text::Subject)) + ": " + activity.subject).c_str());
    ImGui::Separator();
  }
  if (activity.media == care::MediaType::call) {
    std::string from = activity.from + " → " + activity.to;
    ui::text(from.c_str());
    draw_call_controls(frame, hand);
    for (const care::CallEvent& event : activity.call_events) {
      std::string line = short_time(event.at) + "  " + tr(call_event_words(event.kind));
      ui::text_disabled(line.c_str());
    }
    for (const care::Field& field : activity.context.variables) {
      ui::text((field.name + ": " + field.value).c_str());
    }
  }
  draw_messages(frame, activity, hand.comments);
  // Sent, not yet confirmed (R-J5): in the transcript, marked, until the server has it.
  for (const OutgoingLine& line : frame.state.outbox.lines()) {
    if (line.activity != activity.id) continue;
    std::string who = frame.state.agent.display_name + "  " + tr(Text::Sending);
    ui::text_disabled(who.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ui::text_wrapped(line.text.c_str());
    ImGui::PopStyleColor();
    ImGui::Spacing();
  }
  if (hand.customer_typing) ui::text_disabled(tr(Text::CustomerTyping));
}

void Conversation::draw_messages(Frame& frame, const care::Activity& activity,
                                 const std::vector<care::Comment>& notes) {
  const auto& messages = activity.messages;
  // One line per message or note, in time order (a message first at the same instant).
  struct Line {
    const care::Message* message = nullptr;
    const care::Comment* note = nullptr;
  };
  std::vector<Line> lines;
  lines.reserve(messages.size() + notes.size());
  std::size_t next_note = 0;
  for (const care::Message& message : messages) {
    while (next_note < notes.size() && notes[next_note].at < message.at)
      lines.push_back({nullptr, &notes[next_note++]});
    lines.push_back({&message, nullptr});
  }
  while (next_note < notes.size())
    lines.push_back({nullptr, &notes[next_note++]});
  float width = ImGui::GetContentRegionAvail().x;
  if (laid_out_ != activity.id || laid_out_width_ != width || heights_.size() > lines.size() ||
      laid_out_notes_ != notes.size()) {
    laid_out_ = activity.id;
    laid_out_width_ = width;
    laid_out_notes_ = notes.size();
    heights_.clear();
  }
  float line = ImGui::GetTextLineHeightWithSpacing();
  while (heights_.size() < lines.size()) {
    const Line& next = lines[heights_.size()];
    const std::string& text = next.message ? next.message->text : next.note->text;
    float chars_per_line = std::max(1.0f, width / (ImGui::GetFontSize() * 0.5f));
    float rows =
        1.0f + std::floor(static_cast<float>(text.size()) / chars_per_line) +
        (next.message && next.message->email ? 2.0f : 0.0f) +
        (next.message ? static_cast<float>(next.message->attachments.size()) * 12.0f : 0.0f);
    heights_.push_back(-(line * (1.0f + rows) + ImGui::GetStyle().ItemSpacing.y));
  }
  bool settled = true;
  float top = ImGui::GetScrollY();
  float bottom = top + ImGui::GetWindowHeight();
  float y = ImGui::GetCursorPosY();
  float skipped = 0.0f;
  for (size_t i = 0; i < lines.size(); ++i) {
    float height = std::fabs(heights_[i]);
    if (y + height < top || y > bottom) {
      skipped += height;
    } else {
      if (skipped > 0.0f) ImGui::Dummy(ImVec2(0.0f, skipped - ImGui::GetStyle().ItemSpacing.y));
      skipped = 0.0f;
      float before = ImGui::GetCursorPosY();
      if (lines[i].message) {
        draw_message(frame, *lines[i].message);
      } else {
        draw_note_line(*lines[i].note, moment(lines[i].note->at, frame.now));
      }
      height = ImGui::GetCursorPosY() - before;
      // A line drawn for the first time (its height was a guess), or drawn otherwise
      // than before (a preview decoded): the lines around it, the scroll and the cut
      // move with it, so draw again until it holds. A frame or two after a change
      // were not always enough, and a line could stay undrawn on an idle desktop.
      if (heights_[i] != height) settled = false;
      heights_[i] = height;
    }
    y += height;
  }
  if (skipped > 0.0f) ImGui::Dummy(ImVec2(0.0f, skipped - ImGui::GetStyle().ItemSpacing.y));
  if (!settled) wake_ui(kChangeFrames);
}

void Conversation::draw_composer(Frame& frame, bool email) {
  DesktopState& state = frame.state;
  // A chat line: Enter sends, Ctrl+Enter adds a line (ImGui 1.86 has no Shift+Enter
  // newline). An email is written in lines and paragraphs, so there Enter adds a line
  // and only Ctrl+Enter (or Send) sends: half an email is one slip away otherwise.
  // What the agent types on right after Enter (until the composer holds the keyboard
  // again, two frames) stays, and the caret goes after it.
  if (keep_typing_ || caret_after_) {
    const std::string before = state.composer;
    std::size_t caret = state.composer.size();
    if (ui::keep_typed_characters(state.composer, caret) && !caret_after_) caret_after_ = before;
  }
  if (keep_typing_) ImGui::SetKeyboardFocusHere();
  keep_typing_ = false;
  ImGuiInputTextFlags keys = ImGuiInputTextFlags_EnterReturnsTrue;
  if (!email) keys |= ImGuiInputTextFlags_CtrlEnterForNewLine;
  // Send is as wide as its word in the agent's language at this scale (a fixed 80 px
  // cut "Küld" at DPR 2), never narrower than 80.
  const std::string send_label = label(Text::Send, "send");
  const float send_width = std::max(80.0f, button_width(send_label));
  // Attach (issue 18) sits under Send, as wide: the text keeps its width.
  const std::string attach_label = label(Text::AttachFile, "attach");
  const float buttons_width = std::max(send_width, button_width(attach_label));
  bool send = ImGui::InputTextMultiline(
      "##composer", &state.composer,
      ImVec2(ImGui::GetContentRegionAvail().x - buttons_width - ImGui::GetStyle().ItemSpacing.x,
             ImGui::GetFrameHeight() * 2.2f),
      keys | ImGuiInputTextFlags_CallbackAlways, caret_to_end, &caret_after_);
  ui::field_note(tr(Text::MessageField), state.composer);
  // The agent is rewriting what was refused: its line has done its work.
  if (ImGui::IsItemEdited()) state.clear_work_error(ErrorSource::Composer);
  const ImVec2 after_text = ImGui::GetCursorPos();
  ImGui::SameLine();
  const float buttons_x = ImGui::GetCursorPosX();
  const float buttons_y = ImGui::GetCursorPosY();
  send |= ImGui::Button(send_label.c_str(), ImVec2(buttons_width, 0.0f));
  ImGui::SetCursorPos(ImVec2(buttons_x, buttons_y + ImGui::GetFrameHeightWithSpacing()));
  if (ImGui::Button(attach_label.c_str(), ImVec2(buttons_width, 0.0f))) {
    frame.ask(action::AttachFiles{});
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(Text::AttachHint));
  ImGui::SetCursorPos(after_text);
  // An email's files wait for the reply: listed above the hint, they go with it.
  if (email) {
    const Hand* hand = state.hand(state.selected_task);
    auto files = hand ? state.reply_files.find(hand->activity.id) : state.reply_files.end();
    if (files != state.reply_files.end() && !files->second.empty()) {
      ui::text_disabled(tr(Text::FilesForReply));
      for (const care::Attachment& file : files->second)
        draw_attachment(frame, file);
    }
  }
  // "/" starts a canned response search (R-F9): Enter takes the first match.
  bool canned = !state.composer.empty() && state.composer[0] == '/' &&
                state.composer.find('\n') == std::string::npos;
  if (canned && state.composer.substr(1) != state.canned_query) {
    frame.ask(action::FindCanned{state.composer.substr(1)});
  }
  if (send && canned && !state.canned.empty()) {
    frame.ask(action::UseCanned{state.canned.front().id});
    caret_after_ = state.composer;
    keep_typing_ = true;
  } else if (send) {
    frame.ask(action::SendMessage{});
    keep_typing_ = true;
  }
  if (canned && !state.canned.empty()) {
    float top = ImGui::GetItemRectMin().y;
    float height = ImGui::GetTextLineHeightWithSpacing() *
                   (static_cast<float>(std::min<size_t>(state.canned.size(), 6)) + 1.5f);
    ImGui::SetNextWindowPos(
        ImVec2(ImGui::GetWindowPos().x + ImGui::GetStyle().WindowPadding.x, top - height - 8.0f));
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetWindowWidth() * 0.8f, height));
    ImGui::Begin("##canned", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoSavedSettings);
    ui::text_disabled(tr(Text::CannedHint));
    for (const CannedResponse& response : state.canned) {
      std::string line = "/" + response.name + "  " + response.body.substr(0, 60) + "###canned-" +
                         std::to_string(response.id);
      if (ui::selectable(line.c_str())) {
        frame.ask(action::UseCanned{response.id});
        caret_after_ = state.composer;
        keep_typing_ = true;  // back into the composer, after the inserted text
      }
    }
    ImGui::End();
  }
  ui::text_disabled(tr(email ? Text::EmailComposerHint : Text::ComposerHint));
}

}  // namespace care::client::panels
