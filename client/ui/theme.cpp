#include "ui/theme.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <iterator>

namespace care::client::ui {
namespace {

constexpr std::array<float, 9> kZoomSteps = {0.75f, 0.9f,  1.0f, 1.1f, 1.25f,
                                             1.5f,  1.75f, 1.9f, 2.0f};

Theme current_theme = Theme::Dark;

// The page behind every window (platform end_frame clears to it).
const ImVec4 kPage(0.11f, 0.12f, 0.14f, 1.0f);

ImVec4 over(ImVec4 top, ImVec4 under) {
  float a = top.w;
  return ImVec4(top.x * a + under.x * (1 - a), top.y * a + under.y * (1 - a),
                top.z * a + under.z * (1 - a), 1.0f);
}

double channel(float c) {
  double v = std::clamp(static_cast<double>(c), 0.0, 1.0);
  return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

double luminance(ImVec4 c) {
  return 0.2126 * channel(c.x) + 0.7152 * channel(c.y) + 0.0722 * channel(c.z);
}

}  // namespace

float next_zoom(float zoom, int direction) {
  if (direction > 0) {
    for (float step : kZoomSteps)
      if (step > zoom + 0.001f) return step;
    return kZoomMax;
  }
  for (auto it = kZoomSteps.rbegin(); it != kZoomSteps.rend(); ++it)
    if (*it < zoom - 0.001f) return *it;
  return kZoomMin;
}

std::string encode_look(const Look& look) {
  return std::to_string(static_cast<int>(std::lround(look.zoom * 100))) +
         (look.theme == Theme::HighContrast ? " high-contrast" : " dark");
}

Look decode_look(const std::string& text) {
  Look look;
  char* end = nullptr;
  long percent = std::strtol(text.c_str(), &end, 10);
  if (end != text.c_str() && percent >= 75 && percent <= 200) look.zoom = percent / 100.0f;
  if (text.find("high-contrast") != std::string::npos) look.theme = Theme::HighContrast;
  return look;
}

void apply_colours(ImGuiStyle& style, Theme theme) {
  ImGui::StyleColorsDark(&style);
  ImVec4* c = style.Colors;
  // ImGui's dark theme puts white on its bright hover blue at 3.1:1; these keep every
  // text at 4.5:1 or more (text_pairs, tested).
  c[ImGuiCol_TextDisabled] = ImVec4(0.64f, 0.64f, 0.66f, 1.0f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.20f, 0.45f, 0.78f, 1.0f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.10f, 0.36f, 0.70f, 1.0f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.20f, 0.45f, 0.78f, 1.0f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.10f, 0.36f, 0.70f, 1.0f);
  c[ImGuiCol_TabHovered] = ImVec4(0.20f, 0.45f, 0.78f, 1.0f);
  c[ImGuiCol_TabActive] = ImVec4(0.14f, 0.36f, 0.64f, 1.0f);
  c[ImGuiCol_NavHighlight] = ImVec4(1.0f, 0.80f, 0.25f, 1.0f);  // the focus ring
  if (theme == Theme::Dark) return;
  // High contrast: black ground, white text and borders, a yellow focus ring.
  const ImVec4 black(0, 0, 0, 1), white(1, 1, 1, 1);
  c[ImGuiCol_Text] = white;
  c[ImGuiCol_TextDisabled] = ImVec4(0.80f, 0.80f, 0.80f, 1.0f);
  c[ImGuiCol_WindowBg] = c[ImGuiCol_ChildBg] = c[ImGuiCol_PopupBg] = c[ImGuiCol_MenuBarBg] = black;
  c[ImGuiCol_Border] = white;
  c[ImGuiCol_FrameBg] = ImVec4(0.10f, 0.10f, 0.10f, 1.0f);
  c[ImGuiCol_FrameBgHovered] = c[ImGuiCol_FrameBgActive] = ImVec4(0.20f, 0.20f, 0.20f, 1.0f);
  c[ImGuiCol_Button] = c[ImGuiCol_Header] = c[ImGuiCol_Tab] = ImVec4(0.0f, 0.20f, 0.45f, 1.0f);
  c[ImGuiCol_ButtonHovered] = c[ImGuiCol_HeaderHovered] = c[ImGuiCol_TabHovered] =
      ImVec4(0.0f, 0.25f, 0.55f, 1.0f);
  c[ImGuiCol_ButtonActive] = c[ImGuiCol_HeaderActive] = c[ImGuiCol_TabActive] =
      ImVec4(0.0f, 0.32f, 0.66f, 1.0f);
  c[ImGuiCol_TitleBg] = c[ImGuiCol_TitleBgActive] = c[ImGuiCol_TitleBgCollapsed] = black;
  c[ImGuiCol_CheckMark] = c[ImGuiCol_SliderGrab] = ImVec4(1.0f, 1.0f, 0.0f, 1.0f);
  c[ImGuiCol_Separator] = white;
  c[ImGuiCol_NavHighlight] = ImVec4(1.0f, 1.0f, 0.0f, 1.0f);
  c[ImGuiCol_TextSelectedBg] = ImVec4(0.0f, 0.32f, 0.66f, 1.0f);
}

namespace {

// Each tone's name (for the contrast test) and its colour in each theme, in enum order.
struct ToneColours {
  const char* name;
  ImVec4 dark, high;
};
const ToneColours kTones[] = {
    {"error", ImVec4(0.95f, 0.45f, 0.40f, 1), ImVec4(1.0f, 0.60f, 0.55f, 1)},
    {"warning", ImVec4(0.95f, 0.75f, 0.30f, 1), ImVec4(1.0f, 0.88f, 0.35f, 1)},
    {"good", ImVec4(0.35f, 0.80f, 0.45f, 1), ImVec4(0.45f, 1.0f, 0.55f, 1)},
    {"link", ImVec4(0.55f, 0.75f, 1.0f, 1), ImVec4(0.60f, 0.85f, 1.0f, 1)},
    {"customer", ImVec4(0.95f, 0.80f, 0.45f, 1), ImVec4(1.0f, 0.88f, 0.55f, 1)},
    {"note", ImVec4(0.72f, 0.62f, 0.95f, 1), ImVec4(0.85f, 0.78f, 1.0f, 1)},
    {"muted", ImVec4(0.66f, 0.66f, 0.70f, 1), ImVec4(0.85f, 0.85f, 0.85f, 1)},
    {"countdown", ImVec4(1.0f, 0.80f, 0.35f, 1), ImVec4(1.0f, 0.90f, 0.40f, 1)},
    {"ready", ImVec4(0.35f, 0.80f, 0.45f, 1), ImVec4(0.45f, 1.0f, 0.55f, 1)},
    {"not ready", ImVec4(0.95f, 0.60f, 0.35f, 1), ImVec4(1.0f, 0.72f, 0.45f, 1)},
    {"offline", ImVec4(0.62f, 0.64f, 0.68f, 1), ImVec4(0.85f, 0.85f, 0.85f, 1)},
    {"chart waiting", ImVec4(0.98f, 0.62f, 0.30f, 1), ImVec4(1.0f, 0.70f, 0.35f, 1)},
    {"chart in progress", ImVec4(0.40f, 0.68f, 0.98f, 1), ImVec4(0.55f, 0.80f, 1.0f, 1)},
};
static_assert(std::size(kTones) == static_cast<size_t>(Tone::Count), "a colour for every tone");

}  // namespace

ImVec4 tone_in(Tone which, Theme theme) {
  const ToneColours& colours = kTones[static_cast<size_t>(which)];
  return theme == Theme::HighContrast ? colours.high : colours.dark;
}

ImVec4 tone(Tone which) {
  return tone_in(which, current_theme);
}

void set_theme(Theme theme) {
  current_theme = theme;
}

Theme theme() {
  return current_theme;
}

namespace {
ImVec4 offer_card_in(Theme theme) {
  return theme == Theme::HighContrast ? ImVec4(0.0f, 0.12f, 0.30f, 1.0f)
                                      : ImVec4(0.12f, 0.18f, 0.30f, 1.0f);
}
ImVec4 offline_banner_in(Theme theme) {
  return theme == Theme::HighContrast ? ImVec4(0.45f, 0.0f, 0.0f, 1.0f)
                                      : ImVec4(0.55f, 0.16f, 0.14f, 1.0f);
}
}  // namespace

ImVec4 offer_card() {
  return offer_card_in(current_theme);
}

ImVec4 offline_banner() {
  return offline_banner_in(current_theme);
}

double contrast_ratio(ImVec4 text, ImVec4 background) {
  double a = luminance(over(text, background)), b = luminance(background);
  return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
}

std::vector<TextOn> text_pairs(Theme theme) {
  ImGuiStyle style;
  apply_colours(style, theme);
  const ImVec4* c = style.Colors;
  const ImVec4 window = over(c[ImGuiCol_WindowBg], kPage);
  const ImVec4 popup = over(c[ImGuiCol_PopupBg], kPage);
  struct Ground {
    const char* name;
    ImVec4 colour;
  };
  // Where text is drawn: windows and panes, popups, and the controls inside them.
  const ImVec4 card = offer_card_in(theme);
  std::vector<Ground> grounds = {{"window", window},
                                 {"popup", popup},
                                 {"offer card", card},
                                 {"offline banner", offline_banner_in(theme)},
                                 {"button on the offer card", over(c[ImGuiCol_Button], card)}};
  const std::pair<const char*, ImGuiCol> controls[] = {{"field", ImGuiCol_FrameBg},
                                                       {"field hovered", ImGuiCol_FrameBgHovered},
                                                       {"button", ImGuiCol_Button},
                                                       {"button hovered", ImGuiCol_ButtonHovered},
                                                       {"button pressed", ImGuiCol_ButtonActive},
                                                       {"row selected", ImGuiCol_Header},
                                                       {"row hovered", ImGuiCol_HeaderHovered},
                                                       {"row pressed", ImGuiCol_HeaderActive},
                                                       {"tab", ImGuiCol_Tab},
                                                       {"tab hovered", ImGuiCol_TabHovered},
                                                       {"tab selected", ImGuiCol_TabActive},
                                                       {"menu bar", ImGuiCol_MenuBarBg},
                                                       {"text selection", ImGuiCol_TextSelectedBg}};
  for (const auto& [name, col] : controls) {
    grounds.push_back({name, over(c[col], window)});
    grounds.push_back({name, over(c[col], popup)});
  }
  std::vector<TextOn> pairs;
  for (const Ground& ground : grounds) {
    pairs.push_back({std::string("text on ") + ground.name, c[ImGuiCol_Text], ground.colour});
  }
  // Hints and disabled words sit on windows and in empty fields.
  pairs.push_back({"disabled text on window", c[ImGuiCol_TextDisabled], window});
  pairs.push_back({"disabled text on popup", c[ImGuiCol_TextDisabled], popup});
  pairs.push_back({"hint in a field", c[ImGuiCol_TextDisabled], over(c[ImGuiCol_FrameBg], window)});
  // The offer card: its words, the first line (disabled) and the countdown.
  pairs.push_back({"first line on the offer card", c[ImGuiCol_TextDisabled], card});
  pairs.push_back({"countdown on the offer card", tone_in(Tone::Countdown, theme), card});
  // Tones colour words in windows, popups and the Floor's striped rows, and the
  // Floor's chart lines on their field-coloured ground (held to the text bar too).
  const ImVec4 striped_row = over(c[ImGuiCol_TableRowBgAlt], window);
  const ImVec4 chart = over(c[ImGuiCol_FrameBg], window);
  for (int t = 0; t < static_cast<int>(Tone::Count); ++t) {
    ImVec4 colour = tone_in(static_cast<Tone>(t), theme);
    pairs.push_back({std::string(kTones[t].name) + " on window", colour, window});
    pairs.push_back({std::string(kTones[t].name) + " on popup", colour, popup});
    pairs.push_back({std::string(kTones[t].name) + " on a striped row", colour, striped_row});
  }
  for (Tone line : {Tone::ChartWaiting, Tone::ChartInProgress, Tone::Error}) {
    pairs.push_back({std::string(kTones[static_cast<int>(line)].name) + " line on a chart",
                     tone_in(line, theme), chart});
  }
  return pairs;
}

}  // namespace care::client::ui
