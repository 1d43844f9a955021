#include "panels/mentions.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "care/rules/mentions.hpp"
#include "panels/labels.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace care::client::panels {
namespace {

using i18n::Text;
using i18n::tr;

constexpr std::size_t kNone = std::string::npos;
constexpr std::size_t kMostOffered = 6;

// What the field's callback needs: the completion, and the names offered this frame.
struct Completing {
  MentionCompletion* completion = nullptr;
  const std::vector<std::string>* names = nullptr;
};

// "@Name " in place of the "@word" before the caret; the caret after it.
std::size_t take(std::string& text, const MentionCompletion& completion, const std::string& name) {
  std::size_t end = std::min(completion.caret, text.size());
  std::string inserted = "@" + name + " ";
  text.replace(completion.at, end - completion.at, inserted);
  return completion.at + inserted.size();
}

int on_field(ImGuiInputTextCallbackData* data) {
  auto* call = static_cast<Completing*>(data->UserData);
  MentionCompletion& completion = *call->completion;
  const bool offering = completion.at != kNone && !call->names->empty();
  if (data->EventFlag == ImGuiInputTextFlags_CallbackAlways && completion.caret_to != kNone) {
    int caret = static_cast<int>(std::min<std::size_t>(completion.caret_to, data->BufTextLen));
    data->CursorPos = data->SelectionStart = data->SelectionEnd = caret;
    completion.caret_to = kNone;
  } else if (data->EventFlag == ImGuiInputTextFlags_CallbackHistory && offering) {
    int count = static_cast<int>(std::min(call->names->size(), kMostOffered));
    int step = data->EventKey == ImGuiKey_UpArrow ? -1 : 1;
    completion.pick = (completion.pick + step + count) % count;
  } else if (data->EventFlag == ImGuiInputTextFlags_CallbackCompletion && offering) {
    std::string text(data->Buf, static_cast<std::size_t>(data->BufTextLen));
    completion.caret = static_cast<std::size_t>(data->CursorPos);
    std::size_t caret = take(text, completion, (*call->names)[completion.pick]);
    data->DeleteChars(0, data->BufTextLen);
    data->InsertChars(0, text.c_str());
    data->CursorPos = data->SelectionStart = data->SelectionEnd = static_cast<int>(caret);
    completion.at = kNone;
  }
  completion.caret = static_cast<std::size_t>(data->CursorPos);
  return 0;
}

// The agents offered for `word`: display names with a word starting so, not mine.
std::vector<std::string> offered(const DesktopState& state, const std::string& word) {
  std::vector<std::string> names;
  for (const care::DirectoryAgent& agent : state.directory.agents) {
    if (agent.id == state.agent.id || !care::mention_matches(agent.display_name, word)) continue;
    names.push_back(agent.display_name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

bool note_field(Frame& frame, const char* id, const char* hint, std::string& text) {
  DesktopState& state = frame.state;
  MentionCompletion& completion = state.mention_completion;
  const bool mine = completion.field == id;
  std::vector<std::string> names;
  if (mine && completion.at != kNone) names = offered(state, completion.word);
  const bool offering = !names.empty();
  if (offering)
    completion.pick =
        std::min(completion.pick, static_cast<int>(std::min(names.size(), kMostOffered)) - 1);

  // From the completion until the field holds the keyboard again with its caret in
  // place (two frames), what the agent types on goes after the name.
  if (mine && completion.refocus && completion.caret_to == kNone) completion.caret_to = text.size();
  if (mine && completion.caret_to != kNone) ui::keep_typed_characters(text, completion.caret_to);
  if (mine && completion.refocus) {
    ImGui::SetKeyboardFocusHere();
    completion.refocus = false;
  }
  const std::string before = text;
  const bool escape = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
  Completing call{&completion, &names};
  ImGui::SetNextItemWidth(-1.0f);
  bool entered = ImGui::InputTextWithHint(
      id, hint, &text,
      ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackAlways |
          ImGuiInputTextFlags_CallbackHistory | ImGuiInputTextFlags_CallbackCompletion,
      on_field, &call);
  const bool active = ImGui::IsItemActive();
  ui::field_note(hint, text);
  const ImVec2 below(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y);
  const float width = ImGui::GetItemRectSize().x;
  if (active) completion.field = id;

  bool submit = false;
  if (offering && mine && escape && !active) {
    // Esc closes the list, not the note: ImGui put back the text the field began with.
    text = before;
    completion.dismissed_at = completion.at;
    completion.at = kNone;
    completion.refocus = true;
    completion.caret_to = completion.caret;
  } else if (entered && offering && mine) {
    completion.caret_to = take(text, completion, names[completion.pick]);
    completion.at = kNone;
    completion.refocus = true;
  } else if (entered) {
    submit = !text.empty();
  }

  if (active || (mine && completion.refocus)) {
    auto query = active ? care::mention_query(text, completion.caret) : std::nullopt;
    if (query && query->at != completion.dismissed_at) {
      if (completion.at != query->at || completion.word != query->word) completion.pick = 0;
      completion.at = query->at;
      completion.word = query->word;
    } else if (active) {
      completion.at = kNone;
      if (!query) completion.dismissed_at = kNone;
    }
  } else if (mine && !completion.refocus && !completion.list_hovered) {
    completion.at = kNone;
  }

  if (offering && mine && completion.at != kNone) {
    ImGui::SetNextWindowPos(below);
    ImGui::SetNextWindowSizeConstraints(ImVec2(std::min(width, ImGui::GetFontSize() * 18.0f), 0),
                                        ImVec2(width, ImGui::GetFontSize() * 20.0f));
    ImGui::Begin("##mention-list", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize |
                     ImGuiWindowFlags_NoNav);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    completion.list_hovered = ImGui::IsWindowHovered();
    for (std::size_t i = 0; i < names.size() && i < kMostOffered; ++i) {
      std::string row = "@" + names[i] + "###mention-" + std::to_string(i);
      if (ui::selectable(row.c_str(), static_cast<int>(i) == completion.pick)) {
        completion.caret_to = take(text, completion, names[i]);
        completion.at = kNone;
        completion.refocus = true;
      }
    }
    ui::text_disabled(tr(Text::MentionHint));
    ImGui::End();
  } else if (mine) {
    completion.list_hovered = false;
  }
  return submit;
}

void draw_note_line(const care::Comment& note, const std::string& when) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float bar = std::max(2.0f, ImGui::GetFontSize() * 0.2f);
  const float indent = bar + ImGui::GetStyle().ItemSpacing.x;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  ImGui::Indent(indent);
  std::string who = std::string(tr(Text::InternalNote)) + " · " + note.author_name + "  " + when;
  ui::text_tone(ui::Tone::Note, who.c_str());
  ui::text_wrapped(note.text.c_str());
  ImGui::Unindent(indent);
  const float bottom = ImGui::GetItemRectMax().y;
  ImVec4 tint = ui::tone(ui::Tone::Note);
  draw->AddRectFilled(top, ImVec2(top.x + bar, bottom), ImGui::GetColorU32(tint));
  tint.w = 0.08f;
  draw->AddRectFilled(ImVec2(top.x + bar, top.y),
                      ImVec2(top.x + ImGui::GetContentRegionAvail().x, bottom),
                      ImGui::GetColorU32(tint));
  ImGui::Spacing();
}

void draw_mentions_menu(Frame& frame) {
  const Mentions& mentions = frame.state.mentions;
  std::string title = "@ " + std::string(tr(Text::Mentions));
  if (mentions.unread > 0) title += " (" + std::to_string(mentions.unread) + ")";
  title += "###menu-mentions";
  if (mentions.unread > 0) ImGui::PushStyleColor(ImGuiCol_Text, ui::tone(ui::Tone::Warning));
  bool open = ImGui::BeginMenu(title.c_str());
  if (mentions.unread > 0) ImGui::PopStyleColor();
  if (!open) return;
  if (mentions.list.empty()) ui::text_disabled(tr(Text::NoMentions));
  int shown = 0;
  for (const care::Mention& mention : mentions.list) {
    if (++shown > 20) break;
    std::string preview = mention.note.text.substr(0, 60);
    if (preview.size() < mention.note.text.size()) preview += "…";
    std::string row = std::string(mention.read ? "  " : "● ") + mention.note.author_name + " · " +
                      moment(mention.note.at, frame.now) + ": " + preview + "###mention-" +
                      std::to_string(mention.id);
    if (ImGui::MenuItem(row.c_str())) frame.ask(action::OpenMention{mention.id});
  }
  if (mentions.unread > 0) {
    ImGui::Separator();
    if (ImGui::MenuItem(label(Text::MarkAllRead, "mentions-read").c_str())) {
      frame.ask(action::ReadAllMentions{});
    }
  }
  ImGui::EndMenu();
}

}  // namespace care::client::panels
