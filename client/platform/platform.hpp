#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace care::client {

// What the desktop needs from where it runs: a window with a GL context and ImGui's
// backends, the main loop, the screen's pixel density and a little storage for
// preferences. One file per platform.
//
// Frames are drawn on demand (R-J4): input, a wake_ui() from a reply or an event, or
// a wake_after() timer starts a few frames; with nothing happening, nothing is drawn.
// Pending wakes are one timer, the earliest: a frame that asks again adds none.
class Platform {
 public:
  virtual ~Platform() = default;

  virtual bool open(const char* title) = 0;
  // Runs `frame` for each drawn frame; never returns in the browser.
  virtual void run(std::function<void()> frame) = 0;
  virtual void begin_frame() = 0;
  virtual bool end_frame() = 0;
  // Device pixels per CSS pixel (browser) or per screen coordinate (native).
  virtual float pixel_ratio() const = 0;
  // Draw again in `seconds` (countdowns, reconnect back-off). Only the earliest pending
  // wake is kept, so whoever needs a later frame asks again in every frame drawn.
  virtual void wake_after(double seconds) = 0;
  virtual std::string load_setting(const char* key) const = 0;
  virtual void save_setting(const char* key, const std::string& value) = 0;
  // Tells the agent something arrived while the desktop is not looked at (R-A3): a
  // short tone and a system notification when the tab is in the background. A new
  // notification replaces a shown one with the same `tag` (a later offer the earlier
  // one), and only that one: a mention never hides an offer.
  virtual void notify(const std::string& /*title*/, const std::string& /*body*/,
                      const std::string& /*tag*/) {}
  // Asks, from a click, whether notifications may be shown (browsers want a gesture).
  virtual void ask_to_notify() {}
  // Where customers reach this server (the page's origin in the browser), for links
  // the agent shares; empty where unknown.
  virtual std::string page_origin() const { return {}; }
  // Minutes east of UTC of the agent's time zone at the instant `unix_ms` (daylight
  // saving included): the browser's zone, or the machine's in the native build.
  virtual int utc_offset_minutes(long long /*unix_ms*/) const { return 0; }
  // Opens an http(s) link the agent clicked in a conversation: a new tab in the
  // browser (no opener, so the page cannot reach back); natively, to the clipboard.
  virtual void open_link(const std::string& /*url*/) {}
  // Attachments (issue 18). Files the agent drops on the page, pastes, or picks after
  // choose_files() are posted, each as it is, to `path` (POST …/attachments of the
  // conversation on screen); "" takes none. The browser does the sending; natively
  // nothing is sent.
  virtual void set_upload_target(const std::string& /*path*/) {}
  virtual void choose_files() {}
  struct Uploaded {
    std::string path;  // where it went
    std::string name;
    int status = 0;  // 0: no answer
    std::string body;
  };
  // Uploads answered since the last call.
  virtual std::vector<Uploaded> take_uploads() { return {}; }
  // An image the server has at `path` (same origin), decoded by the browser into a GL
  // texture for ImGui::Image. The first call starts loading it and answers nothing;
  // once it is ready (a frame is woken) the texture, or failed. Natively: nothing.
  struct Image {
    unsigned texture = 0;
    int width = 0, height = 0;
    bool failed = false;
  };
  virtual std::optional<Image> image(const std::string& /*path*/) { return std::nullopt; }
  // Ends run() after the current frame (native; the browser tab just stays).
  virtual void quit() {}
  // Saves the frame that end_frame() is about to show as a PNG (native debug runs and
  // their tests); end_frame() returns false if that failed.
  virtual void capture_frame(const std::string& /*path*/) {}
};

std::unique_ptr<Platform> make_platform();

// Something changed outside input (a reply arrived, an event came): draw soon, this
// many frames (input settles over four; a state change shows in two; a timer's tick
// in one). The native loop draws until it is idle whatever the count.
inline constexpr int kInputFrames = 4, kChangeFrames = 2, kTickFrames = 1;
void wake_ui(int frames = kChangeFrames);

}  // namespace care::client
