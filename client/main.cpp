// Care Desktop's client: input → new frame → desktop → render, once per frame.
#include <imgui.h>

#include <chrono>
#include <cstdio>

#include "automation/automation.hpp"
#include "desktop.hpp"
#include "launch.hpp"
#include "platform/platform.hpp"
#include "transport/transport.hpp"
#include "ui/fonts.hpp"
#include "ui/keyboard.hpp"

namespace {

#ifdef __EMSCRIPTEN__
// desktop.js (loaded by index.html) writes the font here before main() runs.
constexpr const char* kDefaultFont = "/assets/ui-font.ttf";
#else
constexpr const char* kDefaultFont = CARE_DEFAULT_FONT;
#endif

// A debug run that waits for something to show gives up after this long.
constexpr double kScreenshotTimeoutSeconds = 30.0;

}  // namespace

int main(int argc, char** argv) {
  using namespace care::client;
  static LaunchOptions options = parse_launch_options(argc, argv);
  if (!options.error.empty()) {
    std::fprintf(stderr, "care-desktop: %s\n", options.error.c_str());
    return 2;
  }
  if (options.font_path.empty()) options.font_path = kDefaultFont;

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // layout comes from code, not a file
  ui::keyboard::enable();

  static std::unique_ptr<Platform> platform = make_platform();
  if (!platform->open("Care Desktop")) return 1;
  static std::unique_ptr<Transport> transport = make_transport(options.server_url);
  static Desktop desktop(*transport, *platform);

  desktop.start(options.sign_in_user, options.sign_in_password);
  static float pixel_ratio = platform->pixel_ratio();
  static ui::Look look = desktop.look();
  ui::apply_look(options.font_path.c_str(), pixel_ratio, look);

  static int exit_code = 0;
  platform->run([] {
    // Browser zoom or another screen changes the ratio; the agent's own zoom or theme
    // the look.
    if (float ratio = platform->pixel_ratio(); ratio != pixel_ratio || desktop.look() != look) {
      pixel_ratio = ratio;
      look = desktop.look();
      ui::apply_look(options.font_path.c_str(), pixel_ratio, look);
    }
    transport->deliver();
    platform->begin_frame();
    ImGui::NewFrame();
    ui::keyboard::begin_frame();
    automation::begin_frame();
    // The one read of the wall clock per frame; panels get it from the desktop.
    auto now = std::chrono::time_point_cast<care::Duration>(std::chrono::system_clock::now());
    desktop.draw(ImGui::GetTime(), now);
    automation::end_frame();

    bool capture = false;
    if (!options.screenshot.empty()) {
      bool ready = options.until_text.empty() ? ImGui::GetFrameCount() > 3
                                              : automation::shows(options.until_text);
      capture = ready || ImGui::GetTime() > kScreenshotTimeoutSeconds;
      if (capture && !ready) {
        std::fprintf(stderr, "care-desktop: \"%s\" never showed\n", options.until_text.c_str());
        exit_code = 1;
      }
      if (capture) platform->capture_frame(options.screenshot);
      platform->wake_after(0.05);  // keep looking until it shows
    }
    if (!platform->end_frame()) exit_code = 1;
    if (capture) platform->quit();
  });
  if (options.dump_items) std::printf("%s\n", automation::items_json().c_str());
  return exit_code;
}
