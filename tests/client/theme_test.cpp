// Text contrast (WCAG 2.1 AA, issue 16): every text colour on every background it is
// drawn on, in both themes, at 4.5:1 or more; and the zoom steps and their setting.
#include "ui/theme.hpp"

#include <gtest/gtest.h>
#include <imgui_internal.h>

// ImGui's own theme comes with imgui.cpp, which calls the test-engine hooks the build
// turns on; the client's recorder of them (automation/) is not what is tested here.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, const ImRect&, ImGuiID) {}
void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID, const char*, ImGuiItemStatusFlags) {}
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) {
  return nullptr;
}

namespace care::client::ui {
namespace {

TEST(Contrast, KnownPairsMatchTheWcagFormula) {
  EXPECT_NEAR(contrast_ratio(ImVec4(0, 0, 0, 1), ImVec4(1, 1, 1, 1)), 21.0, 1e-9);
  EXPECT_NEAR(contrast_ratio(ImVec4(1, 1, 1, 1), ImVec4(1, 1, 1, 1)), 1.0, 1e-9);
  // #777777 on white is the well-known 4.48:1, just short of AA.
  float grey = 0x77 / 255.0f;
  EXPECT_NEAR(contrast_ratio(ImVec4(grey, grey, grey, 1), ImVec4(1, 1, 1, 1)), 4.48, 0.01);
  // Half-transparent black on white blends to mid grey first.
  EXPECT_LT(contrast_ratio(ImVec4(0, 0, 0, 0.5f), ImVec4(1, 1, 1, 1)), 5.0);
}

void expect_readable(Theme theme, double at_least) {
  std::vector<TextOn> pairs = text_pairs(theme);
  ASSERT_GT(pairs.size(), 40u);
  for (const TextOn& pair : pairs) {
    EXPECT_GE(contrast_ratio(pair.text, pair.background), at_least) << pair.what;
  }
}

TEST(Contrast, EveryTextInTheDarkThemeIsAtLeastAa) {
  expect_readable(Theme::Dark, 4.5);
}

TEST(Contrast, EveryTextInTheHighContrastThemeIsAtLeastAaa) {
  expect_readable(Theme::HighContrast, 7.0);
}

TEST(Contrast, ImGuisOwnDarkThemeWouldFailOnItsHoverBlue) {
  // Why the theme changes ImGui's colours: white on its hovered button is 3.1:1.
  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  EXPECT_LT(contrast_ratio(style.Colors[ImGuiCol_Text], style.Colors[ImGuiCol_ButtonHovered]), 4.5);
}

TEST(Look, ZoomStepsStayBetween75And200Percent) {
  float zoom = 1.0f;
  for (int i = 0; i < 20; ++i)
    zoom = next_zoom(zoom, +1);
  EXPECT_FLOAT_EQ(zoom, kZoomMax);
  for (int i = 0; i < 20; ++i)
    zoom = next_zoom(zoom, -1);
  EXPECT_FLOAT_EQ(zoom, kZoomMin);
  EXPECT_FLOAT_EQ(next_zoom(1.0f, +1), 1.1f);
  EXPECT_FLOAT_EQ(next_zoom(1.0f, -1), 0.9f);
}

TEST(Look, IsRememberedAndBadSettingsFallBackToTheDefault) {
  Look look{1.5f, Theme::HighContrast};
  EXPECT_EQ(decode_look(encode_look(look)), look);
  EXPECT_EQ(decode_look(""), Look{});
  EXPECT_EQ(decode_look("900 dark"), Look{});  // beyond 200 %: not taken
  EXPECT_EQ(decode_look("garbage").zoom, 1.0f);
}

}  // namespace
}  // namespace care::client::ui
