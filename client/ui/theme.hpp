#pragma once
// How the desktop looks (issue 16): the theme's colours, the tones panels colour text
// with, the zoom steps, and the contrast of every text on its background (WCAG 2.1:
// at least 4.5:1, checked by a test for both themes).
#include <imgui.h>

#include <string>
#include <vector>

namespace care::client::ui {

enum class Theme { Dark, HighContrast };

// What the agent chose, remembered in the browser: a zoom of the whole UI and a theme.
struct Look {
  float zoom = 1.0f;
  Theme theme = Theme::Dark;
  bool operator==(const Look&) const = default;
};

// 75 % to 200 %, in the steps browsers use; `direction` +1 larger, -1 smaller.
inline constexpr float kZoomMin = 0.75f, kZoomMax = 2.0f;
float next_zoom(float zoom, int direction);
std::string encode_look(const Look& look);
Look decode_look(const std::string& text);  // what it cannot read stays the default

// Colours of the theme at scale 1 (shapes and padding are the caller's).
void apply_colours(ImGuiStyle& style, Theme theme);

// Text the panels colour by meaning, never by a literal colour, so each theme can make
// it readable on its own backgrounds.
// Agent states and the Floor's chart lines have their own, as the Floor shows them
// side by side with the rest.
enum class Tone {
  Error,
  Warning,
  Good,
  Link,
  Customer,
  Note,
  Muted,
  Countdown,
  Ready,
  NotReady,
  Offline,
  ChartWaiting,
  ChartInProgress,
  Count
};
ImVec4 tone(Tone which);  // in the current theme
// Grounds of their own: the offer card and the offline banner.
ImVec4 offer_card();
ImVec4 offline_banner();
ImVec4 tone_in(Tone which, Theme theme);
void set_theme(Theme theme);
Theme theme();

// WCAG 2.1 contrast ratio of `text` (alpha-blended over `background`) on `background`
// (opaque). 1 to 21.
double contrast_ratio(ImVec4 text, ImVec4 background);

// Every text colour on every background it is drawn on in `theme`, backgrounds with
// alpha already blended over what lies under them; for the contrast test.
struct TextOn {
  std::string what;
  ImVec4 text;
  ImVec4 background;
};
std::vector<TextOn> text_pairs(Theme theme);

}  // namespace care::client::ui
