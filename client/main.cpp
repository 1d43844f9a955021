// Care Desktop's client: input → new frame → desktop → render, once per frame.
#include <imgui.h>

#include "automation/automation.hpp"
#include "desktop.hpp"
#include "platform/platform.hpp"
#include "transport/transport.hpp"
#include "ui/fonts.hpp"

namespace {
// index.html writes the font here before main() runs.
constexpr const char* kFontPath = "/assets/ui-font.ttf";
}  // namespace

int main() {
  using namespace care::client;
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // layout comes from code, not a file

  static std::unique_ptr<Platform> platform = make_platform();
  if (!platform->open("Care Desktop")) return 1;
  static std::unique_ptr<Transport> transport = make_transport();
  static Desktop desktop(*transport, *platform);

  static float pixel_ratio = platform->pixel_ratio();
  ui::apply_scale(kFontPath, pixel_ratio);
  desktop.start();

  platform->run([] {
    if (float ratio = platform->pixel_ratio(); ratio != pixel_ratio) {
      pixel_ratio = ratio;  // browser zoom, or the window moved to another screen
      ui::apply_scale(kFontPath, pixel_ratio);
    }
    platform->begin_frame();
    ImGui::NewFrame();
    automation::begin_frame();
    desktop.draw(ImGui::GetTime());
    automation::end_frame();
    platform->end_frame();
  });
  return 0;
}
