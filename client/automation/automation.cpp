#include "automation/automation.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "automation/records.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

#include "i18n/i18n.hpp"
#endif

namespace care::client::automation {

Recorder& recorder() {
  static Recorder instance;
  return instance;
}

std::string display_text(const std::string& label) {
  size_t hidden = label.find("##");
  return hidden == std::string::npos ? label : label.substr(0, hidden);
}

namespace {

long long pointer_held_until = 0;  // unix ms (note_pointer_held)

std::string window_name(ImGuiContext* ctx) {
  return ctx && ctx->CurrentWindow ? ctx->CurrentWindow->Name : "";
}

// What the accessibility mirror needs of the item's window and of ImGui's item flags.
void note_context(ImGuiContext* ctx, Item& item) {
  if (!ctx || !ctx->CurrentWindow) return;
  const ImGuiWindow* window = ctx->CurrentWindow;
  item.window_id = window->ID;
  item.window_flags = window->Flags;
  item.window_hidden = window->Hidden;
  item.in_menu = (window->Flags & ImGuiWindowFlags_ChildMenu) != 0 ||
                 window->DC.NavLayerCurrent == ImGuiNavLayer_Menu;
  item.in_flags = ctx->LastItemData.InFlags;
}

bool on_screen(ImGuiContext* ctx, const ImRect& rect) {
  if (!ctx || !ctx->CurrentWindow) return false;
  // A window's first frame (a tooltip, a popup) is laid out unseen, to learn its size.
  if (ctx->CurrentWindow->Hidden) return false;
  return ctx->CurrentWindow->ClipRect.Overlaps(rect);
}

// Where the item may show, for the layout test: the clip rectangle, and whether the
// window shows a scrollbar on each axis (overflow without one is the fault it seeks).
void note_clip(ImGuiContext* ctx, Item& item) {
  if (!ctx || !ctx->CurrentWindow) return;
  const ImGuiWindow* window = ctx->CurrentWindow;
  item.clip = window->ClipRect;
  item.scrolls_x = window->ScrollbarX;
  item.scrolls_y = window->ScrollbarY;
}

}  // namespace

void begin_frame() {
  ImGui::GetCurrentContext()->TestEngineHookItems = true;
  recorder().building.clear();
  apply_mirror_requests();
}

void end_frame() {
  Recorder& r = recorder();
  r.last_frame.swap(r.building);
  ++r.frame;
}

void note_text(const char* text) {
  note_text_at(text, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

void note_text_at(const char* text, ImVec2 min, ImVec2 max) {
  ImGuiContext* ctx = ImGui::GetCurrentContext();
  Item item;
  item.label = text;
  item.window = window_name(ctx);
  item.rect = ImRect(min, max);
  item.visible = on_screen(ctx, item.rect);
  note_clip(ctx, item);
  note_context(ctx, item);
  item.in_flags = 0;
  item.is_text = true;
  recorder().building.push_back(std::move(item));
}

void announce_once(const std::string& key, const std::string& text, Urgency urgency) {
  static std::vector<std::string> said;
  if (std::find(said.begin(), said.end(), key) != said.end()) return;
  said.push_back(key);
  if (said.size() > 16) said.erase(said.begin());
  announce(text, urgency);
}

std::vector<WidgetSpot> widget_spots() {
  std::vector<WidgetSpot> spots;
  for (const Item& item : recorder().last_frame) {
    if (item.id == 0 || item.is_text || !item.visible) continue;
    ImRect area = item.rect;
    area.ClipWithFull(item.clip);
    if (area.GetWidth() > 0.0f && area.GetHeight() > 0.0f) spots.push_back({item.id, area});
  }
  return spots;
}

ImGuiID widget_at(const std::vector<WidgetSpot>& spots, ImVec2 point) {
  // The innermost: a child window is an item too (added as it ends, after its rows).
  ImGuiID found = 0;
  float smallest = 0.0f;
  for (const WidgetSpot& spot : spots) {
    const float area = spot.area.GetWidth() * spot.area.GetHeight();
    if (spot.area.Contains(point) && (found == 0 || area <= smallest)) {
      found = spot.id;
      smallest = area;
    }
  }
  return found;
}

void note_pointer_held(long long until_unix_ms) {
  pointer_held_until = until_unix_ms;
}

std::string items_json() {
  const Recorder& r = recorder();
  ImGuiContext* ctx = ImGui::GetCurrentContext();
  const ImGuiID focus = ctx ? ctx->NavId : 0;
  const bool ring = ctx && !ctx->NavDisableHighlight;
  const ImGuiID active = ctx ? ctx->ActiveId : 0;
  nlohmann::json items = nlohmann::json::array();
  for (const Item& item : r.last_frame) {
    if (item.label.empty()) continue;  // scrollbars, resize grips and the like
    items.push_back(
        {{"id", item.id},
         {"label", item.label},
         {"text", display_text(item.label)},
         {"kind", item.is_text ? "text" : "widget"},
         {"window", item.window},
         {"x", item.rect.Min.x},
         {"y", item.rect.Min.y},
         {"w", item.rect.GetWidth()},
         {"h", item.rect.GetHeight()},
         {"visible", item.visible},
         {"clip", {item.clip.Min.x, item.clip.Min.y, item.clip.GetWidth(), item.clip.GetHeight()}},
         {"scrolls", {item.scrolls_x, item.scrolls_y}},
         {"checked", (item.flags & ImGuiItemStatusFlags_Checked) != 0},
         {"chosen", item.chosen},  // a selected tab or row, a checked radio button
         // Where the keyboard is: the item ImGui's navigation is on, and whether the
         // focus ring shows it (issue 16).
         {"focused", item.id != 0 && item.id == focus},
         {"ring", item.id != 0 && item.id == focus && ring},
         {"active", item.id != 0 && item.id == active}});  // a field being edited
  }
  const long long now = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  return nlohmann::json{{"frame", r.frame},
                        {"pointer_held_ms", std::max(0LL, pointer_held_until - now)},
                        {"items", items}}
      .dump();
}

bool shows(const std::string& text) {
  for (const Item& item : recorder().last_frame) {
    if (item.visible && display_text(item.label) == text) return true;
  }
  return false;
}

}  // namespace care::client::automation

// ImGui's test-engine hooks (imgui_internal.h, IMGUI_ENABLE_TEST_ENGINE).
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
  using namespace care::client::automation;
  Item item;
  item.id = id;
  item.rect = bb;
  item.window = window_name(ctx);
  item.visible = on_screen(ctx, bb);
  note_clip(ctx, item);
  note_context(ctx, item);
  recorder().building.push_back(std::move(item));
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label,
                                  ImGuiItemStatusFlags flags) {
  using namespace care::client::automation;
  auto& items = recorder().building;
  // The info follows its ItemAdd closely; search backwards from the newest.
  for (auto it = items.rbegin(); it != items.rend(); ++it) {
    if (it->id == id && !it->is_text) {
      it->label = label ? label : "";
      it->flags = flags;
      return;
    }
  }
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID id) {
  using namespace care::client::automation;
  for (const auto& item : recorder().last_frame) {
    if (item.id == id) return item.label.c_str();
  }
  return nullptr;
}

#ifdef __EMSCRIPTEN__
// Read by window.careDesktop.catalogue(tag): every catalogue text in one language, by
// key order, so the language test can tell English words left on screen.
extern "C" EMSCRIPTEN_KEEPALIVE const char* care_catalogue(const char* language_tag) {
  using namespace care::client::i18n;
  static std::string json;
  Language language = Language::English;
  nlohmann::json words = nlohmann::json::array();
  if (from_tag(language_tag ? language_tag : "", language)) {
    for (size_t key = 0; key < static_cast<size_t>(Text::Count); ++key)
      words.push_back(tr_in(static_cast<Text>(key), language));
  }
  json = words.dump();
  return json.c_str();
}

// Read by window.careDesktop.items(); the string lives until the next call.
extern "C" EMSCRIPTEN_KEEPALIVE const char* care_automation_items() {
  static std::string json;
  json = care::client::automation::items_json();
  return json.c_str();
}
#endif
