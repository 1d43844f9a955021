// The developer's debug build: a GLFW window with OpenGL 3.3, drawn only on change
// (glfwWaitEventsTimeout), against the same server as the browser (R-J6).
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "platform/platform.hpp"
#include "platform/png.hpp"

namespace care::client {
namespace {

constexpr int kSettleFrames = 4;
std::atomic<bool> woken{false};

std::filesystem::path settings_file() {
  const char* config = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  std::filesystem::path folder = config ? config : (home ? std::string(home) + "/.config" : ".");
  return folder / "care-desktop" / "settings.json";
}

class NativePlatform final : public Platform {
 public:
  ~NativePlatform() override {
    if (!window_) return;
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    glfwDestroyWindow(window_);
    glfwTerminate();
  }

  bool open(const char* title) override {
    if (!glfwInit()) return false;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    window_ = glfwCreateWindow(1280, 800, title, nullptr, nullptr);
    if (!window_) return false;
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(1);
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    ImGui::GetIO().ConfigInputTextCursorBlink = false;
    return true;
  }

  void run(std::function<void()> frame) override {
    while (!quit_ && !glfwWindowShouldClose(window_)) {
      if (frames_wanted_ > 0) {
        glfwPollEvents();
      } else {
        double timeout = wake_at_ > 0 ? std::max(0.0, wake_at_ - glfwGetTime()) : 3600.0;
        glfwWaitEventsTimeout(timeout);
        if (wake_at_ > 0 && glfwGetTime() >= wake_at_) wake_at_ = 0;
        frames_wanted_ = kSettleFrames;  // input, a reply, or a timer
      }
      if (woken.exchange(false)) frames_wanted_ = kSettleFrames;
      frame();
      --frames_wanted_;
    }
  }

  void begin_frame() override {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
  }

  bool end_frame() override {
    ImGui::Render();
    int width = 0, height = 0;
    glfwGetFramebufferSize(window_, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(0.11f, 0.12f, 0.14f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    bool ok = true;
    if (!capture_path_.empty()) {
      std::vector<unsigned char> pixels(static_cast<size_t>(width) * static_cast<size_t>(height) *
                                        4);
      glPixelStorei(GL_PACK_ALIGNMENT, 1);
      glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
      ok = write_png(capture_path_, width, height, pixels, true);
      capture_path_.clear();
    }
    glfwSwapBuffers(window_);
    return ok;
  }

  float pixel_ratio() const override {
    float x = 1.0f, y = 1.0f;
    glfwGetWindowContentScale(window_, &x, &y);
    return std::max(1.0f, x);
  }

  void wake_after(double seconds) override {
    double at = glfwGetTime() + std::max(0.0, seconds);
    wake_at_ = wake_at_ > 0 ? std::min(wake_at_, at) : at;
  }

  int utc_offset_minutes(long long unix_ms) const override {
    std::time_t at = static_cast<std::time_t>(unix_ms / 1000);
    std::tm local{};
    if (!localtime_r(&at, &local)) return 0;
    return static_cast<int>(local.tm_gmtoff / 60);  // the TZ environment's zone
  }

  std::string load_setting(const char* key) const override {
    std::ifstream file(settings_file());
    auto settings = nlohmann::json::parse(file, nullptr, false);
    if (!settings.is_object() || !settings.contains(key) || !settings[key].is_string()) return "";
    return settings[key].get<std::string>();
  }

  void save_setting(const char* key, const std::string& value) override {
    std::filesystem::path path = settings_file();
    nlohmann::json settings = nlohmann::json::object();
    if (std::ifstream file(path); file) {
      auto read = nlohmann::json::parse(file, nullptr, false);
      if (read.is_object()) settings = read;
    }
    settings[key] = value;
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    std::ofstream(path) << settings.dump(2);
  }

  void quit() override { quit_ = true; }
  // No browser to open it in: the link goes to the clipboard, to paste where wanted.
  void open_link(const std::string& url) override { ImGui::SetClipboardText(url.c_str()); }
  void capture_frame(const std::string& path) override { capture_path_ = path; }

 private:
  GLFWwindow* window_ = nullptr;
  int frames_wanted_ = kSettleFrames;
  double wake_at_ = 0;
  bool quit_ = false;
  std::string capture_path_;
};

}  // namespace

std::unique_ptr<Platform> make_platform() {
  return std::make_unique<NativePlatform>();
}

// May be called from the transport's worker thread.
void wake_ui(int) {
  woken = true;
  glfwPostEmptyEvent();
}

}  // namespace care::client
