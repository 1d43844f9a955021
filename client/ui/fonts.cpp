#include "ui/fonts.hpp"

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>

#include "ui/theme.hpp"

namespace care::client::ui {
namespace {

constexpr float kBaseFontPixels = 16.0f;

// What the seed languages and the UI's own symbols need; the web build ships the
// same ranges cut from DejaVu Sans (web/CMakeLists.txt).
const ImWchar kGlyphRanges[] = {
    0x0020, 0x024F,  // Basic Latin, Latin-1, Latin Extended-A and -B
    0x0300, 0x036F,  // combining marks
    0x0400, 0x052F,  // Cyrillic and its supplement
    0x1E00, 0x1EFF,  // Latin Extended Additional
    0x2000, 0x206F,  // punctuation: dashes, quotes, ellipsis
    0x20A0, 0x20BF,  // currency
    0x2190, 0x21FF,  // arrows
    0x25A0, 0x25FF,  // geometric shapes
    0x2713, 0x2717,  // check marks
    0,
};

bool file_exists(const char* path) {
  if (std::FILE* file = std::fopen(path, "rb")) {
    std::fclose(file);
    return true;
  }
  return false;
}

}  // namespace

void apply_look(const char* font_path, float pixel_ratio, const Look& look) {
  const float scale = pixel_ratio * look.zoom;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;
  if (font_path && file_exists(font_path)) {
    io.Fonts->AddFontFromFileTTF(font_path, kBaseFontPixels * scale, &config, kGlyphRanges);
  } else {
    config.SizePixels = 13.0f * scale;
    io.Fonts->AddFontDefault(&config);
  }
  io.Fonts->Build();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();

  ImGuiStyle style;
  apply_colours(style, look.theme);
  set_theme(look.theme);
  style.WindowRounding = 6.0f;
  style.FrameRounding = 4.0f;
  style.PopupRounding = 4.0f;
  style.GrabRounding = 4.0f;
  style.WindowPadding = ImVec2(12, 10);
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(8, 6);
  if (look.theme == Theme::HighContrast) style.FrameBorderSize = 1.0f;  // every control outlined
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

}  // namespace care::client::ui
