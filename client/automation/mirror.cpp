// The accessibility mirror's C++ half (issue 16): each drawn frame's item records as
// roles, names and states for web/mirror.js, which keeps a hidden DOM beside the
// canvas; and the way back, from that DOM to ImGui (activate, focus, typed text).
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "automation/automation.hpp"
#include "automation/records.hpp"
#include "care/codec/json_text.hpp"
#include "i18n/i18n.hpp"
#include "platform/platform.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace care::client::automation {
namespace {

// A state bit per ARIA state the mirror sets; the same numbers in web/mirror.js.
constexpr unsigned kDisabled = 1, kChecked = 2, kCheckable = 4, kExpanded = 8, kExpandable = 16,
                   kSelected = 32, kSelectable = 64, kMultiline = 128, kPassword = 256,
                   kHasPopup = 512;

// Text typed into a mirror field, for ImGui's field once it holds the keyboard.
struct PendingText {
  ImGuiID id = 0;
  std::string text;
  int caret = 0;
  int frames_left = 0;
};
PendingText pending;

// One item as sent: its key (an ImGuiID, or a text's hash with bit 32 set) and where
// its "[key,role,name,bits(,value)]" is in its window's text.
struct Entry {
  std::uint64_t key = 0;
  std::uint32_t at = 0, size = 0;
};

// What the mirror was last sent: the frame's header and each window's items. A window
// sent unchanged goes as 0, and mirror.js keeps its nodes without walking them; a
// changed one goes as the changes to its last items (write_changes).
struct SentWindow {
  ImGuiID window = 0;
  std::uint64_t hash = 0;  // of the records its items were written from
  std::string name;
  std::string items;  // its entries back to back
  std::vector<Entry> entries;
};
std::string last_header;
std::vector<SentWindow> last_windows;

Item* last_item() {
  ImGuiID id = ImGui::GetItemID();
  auto& items = recorder().building;
  for (auto it = items.rbegin(); it != items.rend(); ++it) {
    if (!it->is_text && it->id == id) return &*it;
  }
  return nullptr;
}

// Used by the page's calls (below, web build only).
[[maybe_unused]] const Item* item_of_last_frame(ImGuiID id) {
  for (const Item& item : recorder().last_frame) {
    if (!item.is_text && item.id == id) return &item;
  }
  return nullptr;
}

// The visible words: the label before "##", without a leading status dot ("● Ready").
std::string name_of(const Item& item) {
  std::string name = item.is_text ? item.label : display_text(item.label);
  for (std::string_view dot : {"\u25cf ", "\u2022 "}) {
    if (name.rfind(dot, 0) == 0) name.erase(0, dot.size());
  }
  size_t start = name.find_first_not_of(' ');
  size_t end = name.find_last_not_of(' ');
  return start == std::string::npos ? std::string() : name.substr(start, end - start + 1);
}

// "##request-title" → "request title": the last resort for a field nobody named.
std::string name_from_id(const std::string& label) {
  size_t at = label.rfind('#');
  std::string words = at == std::string::npos ? label : label.substr(at + 1);
  std::replace(words.begin(), words.end(), '-', ' ');
  return words;
}

const char* role_of(const Item& item) {
  if (item.is_text) return "text";
  switch (item.role) {
    case Role::Tab:
      return "tab";
    case Role::Option:
      return "option";
    case Role::Radio:
      return "radio";
    case Role::Auto:
      break;
  }
  if (item.in_flags & ImGuiItemFlags_Inputable) return "textbox";
  if (item.in_menu) return "menuitem";
  if (item.flags & ImGuiItemStatusFlags_Checkable) return "checkbox";
  return "button";
}

unsigned bits_of(const Item& item, bool textbox) {
  unsigned bits = 0;
  if (item.in_flags & ImGuiItemFlags_Disabled) bits |= kDisabled;
  if (item.role == Role::Radio) bits |= kCheckable | (item.chosen ? kChecked : 0u);
  if (item.role == Role::Tab || item.role == Role::Option) {
    bits |= kSelectable | (item.chosen ? kSelected : 0u);
  }
  if (item.role == Role::Auto && (item.flags & ImGuiItemStatusFlags_Checkable)) {
    bits |= kCheckable | ((item.flags & ImGuiItemStatusFlags_Checked) ? kChecked : 0u);
  }
  if (item.flags & ImGuiItemStatusFlags_Openable) {
    bits |= kExpandable | ((item.flags & ImGuiItemStatusFlags_Opened) ? kExpanded : 0u);
    if (item.in_menu) bits |= kHasPopup;
  }
  if (textbox) {
    if (item.rect.GetHeight() > ImGui::GetFrameHeight() * 1.5f) bits |= kMultiline;
    if (item.password) bits |= kPassword;
  }
  return bits;
}

const char* window_role(const Item& item) {
  if (item.window_flags & ImGuiWindowFlags_Modal) return "dialog";
  if (item.window_flags & ImGuiWindowFlags_ChildMenu) return "menu";
  if (item.window_flags & ImGuiWindowFlags_Tooltip) return "tooltip";
  if (item.window == "##MainMenuBar") return "menubar";
  return "";
}

// A window's accessible name: the menu bar's in the desktop's language, a menu's the
// words of the item that opened it (ImGui names menus "##Menu_00"), else its title.
std::string window_name(const Item& item, std::string_view role, const std::vector<Item>& items) {
  if (role == "menubar") return i18n::tr(i18n::Text::MainMenu);
  if (role == "menu") {
    const ImGuiWindow* window = ImGui::FindWindowByID(item.window_id);
    const ImGuiID opener = window ? window->PopupId : 0;
    for (const Item& other : items) {
      if (opener != 0 && !other.is_text && other.id == opener) return name_of(other);
    }
  }
  return display_text(item.window);
}

// A multi-line field is recorded twice with one id: as it starts, and again as the child
// window it draws in ends; the second holds its label and notes.
bool continued(const std::vector<Item>& items, size_t at) {
  for (size_t next = at + 1; next < items.size() && next < at + 64; ++next) {
    if (items[next].id == items[at].id && !items[next].is_text &&
        (items[next].in_flags & ImGuiItemFlags_Inputable)) {
      return true;
    }
  }
  return false;
}

// FNV-1a over what a window's items are written from: a window whose records hash as
// last sent is not written again (most windows, most frames).
struct Hash {
  std::uint64_t value = 14695981039346656037ull;
  void bytes(const void* data, size_t size) {
    const auto* at = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < size; ++i) {
      value = (value ^ at[i]) * 1099511628211ull;
    }
  }
  template <typename T>
  void add(T number) {
    bytes(&number, sizeof number);
  }
  void add(std::string_view text) {
    add(text.size());
    bytes(text.data(), text.size());
  }
};

struct Group {
  ImGuiID window = 0;
  const char* role = "";
  std::string name;
  std::string json;  // its items' entries, back to back
  std::vector<Entry> entries;
  const Item* previous = nullptr;
  Hash hash;
  bool reused = false;  // json is last frame's: its items are not written again
};

std::string_view text_of(const std::string& json, const Entry& entry) {
  return std::string_view(json).substr(entry.at, entry.size);
}

// A window's items as changes to what it was last sent, for mirror.js to apply to its
// nodes in order: a positive number n keeps the next n items as they were, a negative
// -n drops the next n, and an entry comes in (new, moved or changed: mirror.js takes
// the element of an item dropped in this list under the same key). A scrolled list
// goes as its rows that left and came, not as every row again. Items are matched by
// key among the next 32 last sent (a row scrolled by more, or moved far, is dropped
// and comes again: more to send, nothing wrong).
void write_changes(std::string& out, const SentWindow& last, const Group& now) {
  size_t old = 0;
  int run = 0;  // kept (> 0) or dropped (< 0) items not yet written
  bool first = true;
  auto put = [&](std::string_view text) {
    if (!first) out += ',';
    first = false;
    out += text;
  };
  auto flush = [&] {
    if (run != 0) put(std::to_string(run));
    run = 0;
  };
  auto drop = [&](size_t count) {
    if (count == 0) return;
    if (run > 0) flush();
    run -= static_cast<int>(count);
  };
  for (const Entry& entry : now.entries) {
    size_t found = old;
    const size_t end = std::min(last.entries.size(), old + 32);
    while (found < end && last.entries[found].key != entry.key) {
      ++found;
    }
    if (found < end && text_of(last.items, last.entries[found]) == text_of(now.json, entry)) {
      drop(found - old);
      if (run < 0) flush();
      ++run;
      old = found + 1;
    } else {
      flush();
      put(text_of(now.json, entry));
    }
  }
  drop(last.entries.size() - old);
  flush();
}

// The state bits mirror_json reads from ImGui's flags.
constexpr ImGuiItemStatusFlags kStatusRead =
    ImGuiItemStatusFlags_Checkable | ImGuiItemStatusFlags_Checked | ImGuiItemStatusFlags_Openable |
    ImGuiItemStatusFlags_Opened;
constexpr ImGuiItemFlags kFlagsRead = ImGuiItemFlags_Inputable | ImGuiItemFlags_Disabled;

// Everything of an item that its part of the view is made from.
// `tall`: the height above which a text field is multi-line (bits_of).
void fold(Hash& hash, const Item& item, float tall) {
  const ImGuiContext& g = *GImGui;
  hash.add(item.id);
  hash.add(item.label);
  hash.add(static_cast<unsigned>(item.is_text) | static_cast<unsigned>(item.in_menu) << 1 |
           static_cast<unsigned>(item.chosen) << 2 | static_cast<unsigned>(item.has_name) << 3 |
           static_cast<unsigned>(item.has_value) << 4 | static_cast<unsigned>(item.password) << 5 |
           static_cast<unsigned>(item.rect.GetHeight() > tall) << 6);
  hash.add(static_cast<int>(item.role));
  hash.add(item.flags & kStatusRead);
  hash.add(item.in_flags & kFlagsRead);
  if (item.has_name) hash.add(item.name);
  if (item.has_value) hash.add(item.value);
  if (g.ActiveId == item.id && g.InputTextState.ID == item.id) {
    hash.add(std::string_view(g.InputTextState.TextAIsValid ? g.InputTextState.TextA.Data : ""));
  }
}

void apply_text(ImGuiInputTextState& state, const std::string& text, int caret) {
  const char* begin = text.c_str();
  const char* end = begin + text.size();
  int chars = ImTextCountCharsFromUtf8(begin, end);
  if (state.TextW.Size < chars + 1) state.TextW.resize(chars + 1);
  const char* used = begin;
  state.CurLenW = ImTextStrFromUtf8(state.TextW.Data, state.TextW.Size, begin, end, &used);
  state.CurLenA = static_cast<int>(used - begin);
  state.TextA.resize(state.CurLenA + 1);
  std::memcpy(state.TextA.Data, begin, static_cast<size_t>(state.CurLenA));
  state.TextA[state.CurLenA] = '\0';
  state.TextAIsValid = true;
  int at = std::clamp(caret, 0, state.CurLenW);
  state.Stb.cursor = state.Stb.select_start = state.Stb.select_end = at;
  state.CursorFollow = true;
  state.Edited = true;
}

// Asks ImGui to give the field the keyboard next frame, as Tab or a click would.
void activate_field(ImGuiID id) {
  ImGuiContext& g = *GImGui;
  if (g.ActiveId == id) return;
  g.NavNextActivateId = id;
  g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput | ImGuiActivateFlags_TryToPreserveState;
}

}  // namespace

void note_role(Role role, bool chosen) {
  if (Item* item = last_item()) {
    item->role = role;
    item->chosen = chosen;
  }
}

void note_field(const char* name, const std::string& value, bool password) {
  // A multi-line field ends in a group, which leaves ImGui's last item id elsewhere:
  // the newest text field recorded is the one just drawn.
  Item* item = last_item();
  if (!item || !(item->in_flags & ImGuiItemFlags_Inputable)) {
    item = nullptr;
    auto& items = recorder().building;
    for (auto it = items.rbegin(); it != items.rend() && !item; ++it) {
      if (!it->is_text && (it->in_flags & ImGuiItemFlags_Inputable)) item = &*it;
    }
  }
  if (item) {
    item->has_name = name && *name;
    if (item->has_name) item->name = name;
    item->password = password;
    item->has_value = !password;
    if (!password) item->value = value;
  }
}

// Called after NewFrame, before the panels: text typed into a mirror field reaches
// ImGui's field here once ImGui has made it active.
void apply_mirror_requests() {
  if (pending.id == 0) return;
  ImGuiContext& g = *GImGui;
  if (g.ActiveId == pending.id && g.InputTextState.ID == pending.id) {
    apply_text(g.InputTextState, pending.text, pending.caret);
    pending = {};
  } else if (--pending.frames_left <= 0) {
    pending = {};
  } else {
    activate_field(pending.id);
    wake_ui(kInputFrames);
  }
}

std::string mirror_json() {
  ImGuiContext& g = *GImGui;
  std::vector<Group> groups;
  const std::vector<Item>& items = recorder().last_frame;
  auto group_of = [&](const Item& item) {
    auto group = std::find_if(groups.rbegin(), groups.rend(),
                              [&](const Group& g2) { return g2.window == item.window_id; });
    if (group != groups.rend()) return &*group;
    const char* role = window_role(item);
    groups.push_back({item.window_id, role, window_name(item, role, items), {}, {}, nullptr, {}});
    return &groups.back();
  };
  // The windows and what their records hash to; those as last sent keep last frame's text.
  const float tall = ImGui::GetFrameHeight() * 1.5f;
  for (const Item& item : items) {
    if (!item.window_hidden) fold(group_of(item)->hash, item, tall);
  }
  for (Group& group : groups) {
    for (const SentWindow& sent : last_windows) {
      if (sent.window == group.window && sent.hash == group.hash.value) {
        group.json = sent.items;
        group.entries = sent.entries;
        group.reused = true;
      }
    }
  }
  for (size_t at = 0; at < items.size(); ++at) {
    const Item& item = items[at];
    if (item.window_hidden) continue;
    Group* group = group_of(item);
    if (group->reused) continue;
    const bool textbox =
        !item.is_text && item.role == Role::Auto && (item.in_flags & ImGuiItemFlags_Inputable);
    if (textbox && continued(items, at)) continue;
    std::string name = textbox && item.has_name ? item.name : name_of(item);
    if (textbox && name.empty() && group->previous && group->previous->is_text) {
      name = name_of(*group->previous);
    }
    if (textbox && name.empty()) {
      // A multi-line field's label went to the child window it ends with (same id).
      std::string label = item.label;
      for (size_t next = at + 1; label.empty() && next < items.size() && next < at + 64; ++next) {
        if (items[next].id == item.id) label = items[next].label;
      }
      name = name_from_id(label);
    }
    group->previous = &item;
    if (name.empty() && !textbox) continue;  // scrollbars, grips, an empty cell

    std::string& out = group->json;
    Entry entry;
    entry.at = static_cast<std::uint32_t>(out.size());
    out += '[';
    if (item.is_text) {
      const ImGuiID hash = ImHashStr(item.label.c_str(), 0, item.window_id);
      entry.key = std::uint64_t{1} << 32 | hash;
      out += "\"t";
      out += std::to_string(hash);
      out += '"';
    } else {
      entry.key = item.id;
      out += std::to_string(item.id);
    }
    out += ",\"";
    out += role_of(item);
    out += "\",";
    care::append_json_string(out, name);
    out += ',';
    out += std::to_string(item.is_text ? 0u : bits_of(item, textbox));
    if (textbox) {
      out += ',';
      if (g.ActiveId == item.id && g.InputTextState.ID == item.id && !item.password) {
        const ImGuiInputTextState& state = g.InputTextState;
        care::append_json_string(out, state.TextAIsValid ? state.TextA.Data : "");
      } else if (item.has_value) {
        care::append_json_string(out, item.value);
      } else {
        out += "null";
      }
    }
    out += ']';
    entry.size = static_cast<std::uint32_t>(out.size() - entry.at);
    group->entries.push_back(entry);
  }

  std::string header = "{\"lang\":\"";
  header += i18n::tag(i18n::language());
  header += "\",\"nav\":";
  header += std::to_string(g.NavId);
  header += ",\"active\":";
  header += std::to_string(g.ActiveId);
  header += ",\"caret\":";
  header += g.ActiveId != 0 && g.InputTextState.ID == g.ActiveId
                ? std::to_string(g.InputTextState.Stb.cursor)
                : std::string("-1");
  std::erase_if(groups, [](const Group& group) { return group.json.empty(); });
  bool same = header == last_header && groups.size() == last_windows.size();
  for (size_t i = 0; same && i < groups.size(); ++i) {
    same = groups[i].window == last_windows[i].window && groups[i].json == last_windows[i].items &&
           groups[i].name == last_windows[i].name;
  }
  if (same) return "";

  std::string json = header;
  json += ",\"windows\":[";
  std::vector<SentWindow> sent;
  sent.reserve(groups.size());
  const SentWindow none;  // what a window new to the mirror was last sent
  for (Group& group : groups) {
    if (!sent.empty()) json += ',';
    json += '[';
    json += std::to_string(group.window);
    json += ",\"";
    json += group.role;
    json += "\",";
    care::append_json_string(json, group.name);
    json += ',';
    auto last = std::find_if(last_windows.begin(), last_windows.end(),
                             [&](const SentWindow& w) { return w.window == group.window; });
    if (last != last_windows.end() && last->items == group.json) {
      json += '0';
    } else {
      json += '[';
      write_changes(json, last != last_windows.end() ? *last : none, group);
      json += ']';
    }
    json += ']';
    sent.push_back({group.window, group.hash.value, std::move(group.name), std::move(group.json),
                    std::move(group.entries)});
  }
  json += "]}";
  last_header = std::move(header);
  last_windows = std::move(sent);
  return json;
}

}  // namespace care::client::automation

#ifdef __EMSCRIPTEN__
// JavaScript below, which clang-format would mangle.
// clang-format off
EM_JS(void, care_announce, (const char* text, int urgency), {
  if (window.careMirror) window.careMirror.announce(UTF8ToString(text), urgency);
});
// clang-format on

namespace care::client::automation {
void announce(const std::string& text, Urgency urgency) {
  care_announce(text.c_str(), static_cast<int>(urgency));
}
}  // namespace care::client::automation

// Read by web/mirror.js after each drawn frame: "" when nothing changed for it.
extern "C" EMSCRIPTEN_KEEPALIVE const char* care_mirror_frame() {
  static std::string json;
  json = care::client::automation::mirror_json();
  return json.c_str();
}

// A mirror node was clicked (or Enter / Space on it): press the item next frame, as
// ImGui's own keyboard navigation does.
extern "C" EMSCRIPTEN_KEEPALIVE void care_mirror_activate(unsigned id) {
  using namespace care::client::automation;
  const Item* item = item_of_last_frame(id);
  if (!item) return;
  ImGuiContext& g = *GImGui;
  if (item->in_flags & ImGuiItemFlags_Inputable) {
    activate_field(id);
  } else {
    g.NavNextActivateId = id;
    g.NavNextActivateFlags = ImGuiActivateFlags_None;
  }
  care::client::wake_ui(care::client::kInputFrames);
}

// A mirror node got the DOM's focus: ImGui's navigation focus follows (a text field
// takes the keyboard, so what is typed there lands in ImGui's field).
extern "C" EMSCRIPTEN_KEEPALIVE void care_mirror_focus(unsigned id) {
  using namespace care::client::automation;
  const Item* item = item_of_last_frame(id);
  if (!item) return;
  ImGuiContext& g = *GImGui;
  if (item->in_flags & ImGuiItemFlags_Inputable) {
    activate_field(id);
  } else if (ImGuiWindow* window = ImGui::FindWindowByID(item->window_id)) {
    ImGui::SetFocusID(id, window);
    g.NavLayer = item->in_menu && !(item->window_flags & ImGuiWindowFlags_ChildMenu)
                     ? ImGuiNavLayer_Menu
                     : ImGuiNavLayer_Main;
    window->NavLastIds[g.NavLayer] = id;
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = true;
  }
  care::client::wake_ui(care::client::kInputFrames);
}

// The mirror field lost the DOM's focus: ImGui's field lets the keyboard go too.
extern "C" EMSCRIPTEN_KEEPALIVE void care_mirror_blur(unsigned id) {
  ImGuiContext& g = *GImGui;
  if (g.ActiveId == id) ImGui::ClearActiveID();
  care::client::wake_ui(care::client::kInputFrames);
}

// The mirror field's whole text and caret after the DOM edited it (typing, paste,
// dictation): ImGui's field takes it as if typed.
extern "C" EMSCRIPTEN_KEEPALIVE void care_mirror_set_text(unsigned id, const char* text,
                                                          int caret) {
  using namespace care::client::automation;
  ImGuiContext& g = *GImGui;
  if (g.ActiveId == id && g.InputTextState.ID == id) {
    apply_text(g.InputTextState, text ? text : "", caret);
    pending = {};
  } else {
    pending = {id, text ? text : "", caret, 8};
    activate_field(id);
  }
  care::client::wake_ui(care::client::kInputFrames);
}
#else
namespace care::client::automation {
void announce(const std::string&, Urgency) {}
}  // namespace care::client::automation
#endif
