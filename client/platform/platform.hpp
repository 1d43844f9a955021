#pragma once

#include <functional>
#include <memory>

namespace care::client {

// What the desktop needs from where it runs: a window with a GL context and ImGui's
// backends, the main loop, and the screen's pixel density. One file per platform.
class Platform {
 public:
  virtual ~Platform() = default;

  virtual bool open(const char* title) = 0;
  // Runs `frame` once per displayed frame; never returns in the browser.
  virtual void run(std::function<void()> frame) = 0;
  virtual void begin_frame() = 0;
  virtual void end_frame() = 0;
  // Device pixels per CSS pixel (browser) or per screen coordinate (native).
  virtual float pixel_ratio() const = 0;
};

std::unique_ptr<Platform> make_platform();

}  // namespace care::client
