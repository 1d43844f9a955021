// The browser: Emscripten's GLFW on a WebGL2 canvas that fills the page.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "automation/automation.hpp"
#include "platform/platform.hpp"

namespace care::client {
namespace {

// High-DPI: the canvas backing store is CSS size × devicePixelRatio, ImGui works in
// those device pixels (Emscripten reports the mouse in them too) and the UI is
// scaled by the ratio, so text stays crisp instead of being stretched.
// JavaScript below, which clang-format would mangle (!== into != =).
// clang-format off
EM_JS(void, care_fit_canvas, (), {
  const canvas = Module.canvas;
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
});

EM_JS(double, care_device_pixel_ratio, (), { return window.devicePixelRatio || 1; });

EM_JS(void, care_frame_drawn, (), {
  if (window.careDesktop) window.careDesktop.frameDrawn();
});

// clang-format on

class WebPlatform final : public Platform {
 public:
  bool open(const char* title) override {
    if (!glfwInit()) return false;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    care_fit_canvas();
    int width = 0, height = 0;
    emscripten_get_canvas_element_size("#canvas", &width, &height);
    window_ = glfwCreateWindow(width, height, title, nullptr, nullptr);
    if (!window_) return false;
    glfwMakeContextCurrent(window_);
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    return true;
  }

  void run(std::function<void()> frame) override {
    frame_ = std::move(frame);
    emscripten_set_main_loop_arg([](void* self) { static_cast<WebPlatform*>(self)->frame_(); },
                                 this, 0, true);
  }

  void begin_frame() override {
    care_fit_canvas();
    emscripten_get_canvas_element_size("#canvas", &width_, &height_);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // GLFW's idea of the window size lags the CSS layout; the canvas is the truth.
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(width_), static_cast<float>(height_));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  }

  void end_frame() override {
    ImGui::Render();
    glViewport(0, 0, width_, height_);
    glClearColor(0.11f, 0.12f, 0.14f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    care_frame_drawn();
  }

  float pixel_ratio() const override { return static_cast<float>(care_device_pixel_ratio()); }

 private:
  GLFWwindow* window_ = nullptr;
  std::function<void()> frame_;
  int width_ = 1;
  int height_ = 1;
};

}  // namespace

std::unique_ptr<Platform> make_platform() {
  return std::make_unique<WebPlatform>();
}

}  // namespace care::client
