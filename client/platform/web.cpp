// The browser: Emscripten's GLFW on a WebGL2 canvas that fills the page, drawn only
// when something changes.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <vector>

#include "care/codec/json.hpp"
#include "platform/platform.hpp"

namespace care::client {
namespace {

// After input ImGui needs a few frames to settle (hover, closing popups).
constexpr int kSettleFrames = kInputFrames;

int frames_wanted = kSettleFrames;
bool paused = false;

// ImGui 1.86 reads key state once per frame, so a key pressed and released between
// two frames (a quick tap, or a test's keyboard.press) would never be seen, and a
// character typed while Ctrl's release waits would be dropped. Keys and characters
// go through one queue instead, in the order they came; each frame takes events
// up to the second change of one key, which waits for the next frame (ImGui 1.87
// trickles its input queue the same way).
// Mouse buttons join the queue too, with where the pointer was: a click must not
// overtake the typing before it (type, then click Save).
struct InputEvent {
  int key = 0, scancode = 0, action = 0, mods = 0;
  unsigned codepoint = 0;  // a character when non-zero
  int button = -1;         // a mouse button when not -1
  double x = 0, y = 0;
};
std::deque<InputEvent> input_queue;
bool pointer_fed = false;
double pointer_x = 0, pointer_y = 0;
bool buttons_down[5] = {};  // as the queue has it, not as the browser has it now

void on_mouse_button(GLFWwindow* window, int button, int action, int mods) {
  InputEvent event;
  event.button = button;
  event.action = action;
  event.mods = mods;
  glfwGetCursorPos(window, &event.x, &event.y);
  input_queue.push_back(event);
}

void on_key(GLFWwindow*, int key, int scancode, int action, int mods) {
  input_queue.push_back({key, scancode, action, mods, 0, -1, 0, 0});
}

void on_char(GLFWwindow*, unsigned codepoint) {
  input_queue.push_back({0, 0, 0, 0, codepoint, -1, 0, 0});
}

void feed_input(GLFWwindow* window) {
  // Keys this frame changed: a second change of one waits for the next frame, so a
  // tap is seen down and then up, and a second tap is seen as a second press.
  std::vector<int> changed;
  pointer_fed = false;
  while (!input_queue.empty()) {
    const InputEvent& event = input_queue.front();
    if (event.codepoint != 0) {
      ImGui_ImplGlfw_CharCallback(window, event.codepoint);
    } else if (event.button >= 0) {
      // One button change per frame, so a click is seen pressed and then released.
      if (pointer_fed) break;
      pointer_fed = true;
      pointer_x = event.x;
      pointer_y = event.y;
      if (event.button < 5) buttons_down[event.button] = event.action == GLFW_PRESS;
    } else {
      bool again = std::find(changed.begin(), changed.end(), event.key) != changed.end();
      if (again && event.action != GLFW_REPEAT) break;
      if (event.action != GLFW_REPEAT) changed.push_back(event.key);
      ImGui_ImplGlfw_KeyCallback(window, event.key, event.scancode, event.action, event.mods);
    }
    input_queue.pop_front();
  }
  if (!input_queue.empty()) frames_wanted = std::max(frames_wanted, kSettleFrames);
}

// Debian's Emscripten (3.1.6) hands GLFW the browser's raw wheel deltas: pixels, and
// positive meaning down, where GLFW means one notch per unit and positive up. Turned
// back here, so the wheel scrolls the right way at the usual speed (100 px a notch).
void on_scroll(GLFWwindow* window, double x, double y) {
  ImGui_ImplGlfw_ScrollCallback(window, -x / 100.0, -y / 100.0);
}

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

// Only while the tab is hidden: a visible desktop shows the offer card itself.
EM_JS(void, care_notify, (const char* title, const char* body, const char* tag_text), {
  if (!document.hidden) return;
  const heading = UTF8ToString(title);
  const text = UTF8ToString(body);
  const tag = UTF8ToString(tag_text);
  try {
    const Context = window.AudioContext || window.webkitAudioContext;
    const audio = new Context();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.value = 0.08;
    tone.connect(gain);
    gain.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.3);
  } catch (e) {}
  if ('Notification' in window && Notification.permission === 'granted') {
    try { new Notification(heading, { body: text, tag: tag }); } catch (e) {}
  }
  window.careDesktop.notified = (window.careDesktop.notified || []).concat([{ title: heading, body: text, tag: tag }]);
});

EM_JS(void, care_ask_to_notify, (), {
  if ('Notification' in window && Notification.permission === 'default') {
    try { Notification.requestPermission(); } catch (e) {}
  }
});

EM_JS(char*, care_page_origin, (), {
  const value = window.location.origin;
  const size = lengthBytesUTF8(value) + 1;
  const out = _malloc(size);
  stringToUTF8(value, out, size);
  return out;
});

// getTimezoneOffset() is minutes *west* of UTC for that instant, per the browser's zone.
EM_JS(int, care_utc_offset_minutes, (double ms), { return -new Date(ms).getTimezoneOffset(); });

// `ms`: the CPU time the frame took, from input to the last draw call (benchmarks).
EM_JS(void, care_frame_drawn, (double ms), {
  if (window.careDesktop) window.careDesktop.frameDrawn(ms);
});

// Every kind of input wakes the frame loop; GLFW's own listeners still feed ImGui.
EM_JS(void, care_listen_for_input, (), {
  const wake = () => Module._care_wake();
  const options = { capture: true, passive: true };
  for (const type of ['pointermove', 'pointerdown', 'pointerup', 'mousemove', 'mousedown',
                      'mouseup', 'wheel', 'keydown', 'keyup', 'keypress', 'touchstart',
                      'touchmove', 'touchend', 'focus', 'blur', 'paste', 'copy', 'cut']) {
    window.addEventListener(type, wake, options);
  }
  // Keys the desktop takes for itself (issue 16): zoom is the desktop's own, remembered
  // with the agent's look; F1, F6 and the Alt shortcuts would open the browser's help,
  // address bar or menus instead.
  window.addEventListener('keydown', (event) => {
    const ctrlZoom = event.ctrlKey && !event.altKey &&
                     ['=', '+', '-', '_', '0'].includes(event.key);
    const altShortcut = event.altKey && !event.ctrlKey &&
        ['KeyR', 'KeyN', 'KeyA', 'KeyD', 'KeyC', 'Digit1', 'Digit2', 'Digit3', 'Digit4',
         'Digit5', 'ArrowUp', 'ArrowDown'].includes(event.code);
    if (ctrlZoom || altShortcut || event.key === 'F1' || event.key === 'F6') event.preventDefault();
  }, { capture: true });
  window.addEventListener('resize', wake);
  document.addEventListener('visibilitychange', wake);
  window.matchMedia && window.matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)')
      .addEventListener('change', wake);
});

// The system clipboard (R-J3). Emscripten's GLFW keeps a clipboard inside the page;
// instead, the page's paste event brings the text in before ImGui handles Ctrl+V
// (the event follows the keydown), and copies go out through navigator.clipboard.
EM_JS(void, care_listen_for_paste, (), {
  window.addEventListener('paste', (event) => {
    // A pasted file (a screenshot) is sent in the conversation on screen (issue 18).
    const files = event.clipboardData ? [...event.clipboardData.files] : [];
    if (files.length && Module.careUpload && Module.careUpload(files)) {
      event.preventDefault();
      return;
    }
    const text = (event.clipboardData || window.clipboardData).getData("text") || "";
    const size = lengthBytesUTF8(text) + 1;
    const buffer = _malloc(size);
    stringToUTF8(text, buffer, size);
    Module._care_clipboard_pasted(buffer);
    _free(buffer);
    event.preventDefault();
  }, true);
});

// Attachments (issue 18): files dropped on the page, pasted, or picked go to the
// conversation on screen (Module.careUploadTarget), each posted as it is with the
// session cookie; the answers wait in Module.careUploads for take_uploads().
EM_JS(void, care_listen_for_files, (), {
  Module.careUploads = [];
  Module.careUploadTarget = "";
  Module.careUpload = (files) => {
    const target = Module.careUploadTarget;
    if (!target) return false;
    for (const file of files) {
      const name = file.name || "pasted.png";
      fetch(target + "?name=" + encodeURIComponent(name), {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": file.type || "application/octet-stream" }, body: file,
      }).then(async (answer) => [answer.status, await answer.text()], () => [0, ""])
        .then(([status, body]) => {
          Module.careUploads.push({ path: target, name, status, body });
          Module._care_wake();
        });
    }
    return true;
  };
  const carriesFiles = (event) => event.dataTransfer && [...event.dataTransfer.types].includes("Files");
  window.addEventListener("dragover", (event) => {
    if (Module.careUploadTarget && carriesFiles(event)) event.preventDefault();
  });
  window.addEventListener("drop", (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();  // never let the browser open the file in place of the desktop
    Module.careUpload([...event.dataTransfer.files]);
  });
});

EM_JS(void, care_set_upload_target, (const char* path), {
  Module.careUploadTarget = UTF8ToString(path);
});

EM_JS(void, care_choose_files, (), {
  const input = document.createElement("input");
  input.type = "file";
  input.multiple = true;
  input.accept = "image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv," +
    ".csv,.txt,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp";
  input.addEventListener("change", () => Module.careUpload([...input.files]));
  input.click();
});

EM_JS(char*, care_take_uploads, (), {
  if (!Module.careUploads || !Module.careUploads.length) return 0;
  const text = JSON.stringify(Module.careUploads);
  Module.careUploads = [];
  const size = lengthBytesUTF8(text) + 1;
  const out = _malloc(size);
  stringToUTF8(text, out, size);
  return out;
});

// An image at `path`, fetched with the session cookie and decoded by the browser
// (createImageBitmap), then a WebGL texture registered with Emscripten's GL table,
// so ImGui draws it by that id. 0: loading (the first ask starts it), 1: ready
// (texture, width and height written to out[0..2]), 2: failed.
EM_JS(int, care_image_state, (const char* path, int* out), {
  const key = UTF8ToString(path);
  Module.careImages = Module.careImages || new Map();
  let entry = Module.careImages.get(key);
  if (!entry) {
    entry = { state: 0 };
    Module.careImages.set(key, entry);
    fetch(key, { credentials: "same-origin" })
      .then((answer) => { if (!answer.ok) throw new Error(String(answer.status)); return answer.blob(); })
      .then((blob) => createImageBitmap(blob))
      .then((bitmap) => {
        const gl = GLctx;
        const texture = gl.createTexture();
        const id = GL.getNewId(GL.textures);
        texture.name = id;
        GL.textures[id] = texture;
        const before = gl.getParameter(gl.TEXTURE_BINDING_2D);
        gl.bindTexture(gl.TEXTURE_2D, texture);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
        gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, bitmap);
        gl.bindTexture(gl.TEXTURE_2D, before);
        Object.assign(entry, { state: 1, texture: id, width: bitmap.width, height: bitmap.height });
        bitmap.close();
        Module._care_wake();
      })
      .catch(() => { entry.state = 2; Module._care_wake(); });
  }
  if (entry.state === 1) {
    HEAP32[out >> 2] = entry.texture;
    HEAP32[(out >> 2) + 1] = entry.width;
    HEAP32[(out >> 2) + 2] = entry.height;
  }
  return entry.state;
});

EM_JS(void, care_copy_to_system, (const char* text), {
  const value = UTF8ToString(text);
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(value).catch(() => {});
  }
});

EM_JS(void, care_open_link, (const char* url), {
  window.open(UTF8ToString(url), '_blank', 'noopener,noreferrer');
});

// One timer, the earliest asked for: a running clock asks every frame, and each ask
// must not become a frame of its own (issue 15: frames climbed towards full rate).
EM_JS(void, care_wake_later, (int ms), {
  const at = performance.now() + ms;
  if (Module.careWakeAt && Module.careWakeAt <= at) return;
  clearTimeout(Module.careWakeTimer);
  Module.careWakeAt = at;
  Module.careWakeTimer = setTimeout(() => { Module.careWakeAt = 0; Module._care_wake_tick(); }, ms);
});

// ImGui's OpenGL backend reads the GL state it changes before each draw, to put it back
// after. In a browser, reading the scissor box or a blend setting is a synchronous
// round trip to the GPU process that waits for it to finish the work queued so far:
// seven of them cost ~2.8 ms a frame in headless Chromium, more than the rest of the
// frame. This page is the context's only user, so those values are remembered from
// the calls that set them (asked once, first) and read back from memory.
EM_JS(void, care_remember_gl_state, (), {
  const gl = GLctx;
  if (!gl || gl.careRemembers) return;
  gl.careRemembers = true;
  const ask = gl.getParameter.bind(gl);
  const askEnabled = gl.isEnabled.bind(gl);
  const known = new Map();
  const enabled = new Map();
  const kept = new Set([gl.SCISSOR_BOX, gl.VIEWPORT, gl.BLEND_SRC_RGB, gl.BLEND_DST_RGB,
    gl.BLEND_SRC_ALPHA, gl.BLEND_DST_ALPHA, gl.BLEND_EQUATION_RGB, gl.BLEND_EQUATION_ALPHA]);
  gl.getParameter = (name) => {
    if (!kept.has(name)) return ask(name);
    if (!known.has(name)) known.set(name, ask(name));
    const value = known.get(name);
    return value instanceof Int32Array ? value.slice() : value;
  };
  gl.isEnabled = (capability) => {
    if (!enabled.has(capability)) enabled.set(capability, askEnabled(capability));
    return enabled.get(capability);
  };
  const after = (method, remember) => {
    const call = gl[method].bind(gl);
    gl[method] = (...args) => { call(...args); remember(...args); };
  };
  const box = (name) => (x, y, w, h) => known.set(name, new Int32Array([x, y, w, h]));
  const blend = (srcRgb, dstRgb, srcAlpha, dstAlpha) => {
    known.set(gl.BLEND_SRC_RGB, srcRgb); known.set(gl.BLEND_DST_RGB, dstRgb);
    known.set(gl.BLEND_SRC_ALPHA, srcAlpha); known.set(gl.BLEND_DST_ALPHA, dstAlpha);
  };
  const equation = (rgb, alpha) => {
    known.set(gl.BLEND_EQUATION_RGB, rgb); known.set(gl.BLEND_EQUATION_ALPHA, alpha);
  };
  after('enable', (capability) => enabled.set(capability, true));
  after('disable', (capability) => enabled.set(capability, false));
  after('scissor', box(gl.SCISSOR_BOX));
  after('viewport', box(gl.VIEWPORT));
  after('blendFunc', (src, dst) => blend(src, dst, src, dst));
  after('blendFuncSeparate', blend);
  after('blendEquation', (mode) => equation(mode, mode));
  after('blendEquationSeparate', equation);
  // A context lost and restored starts from GL's defaults again: ask afresh.
  gl.canvas.addEventListener('webglcontextrestored', () => { known.clear(); enabled.clear(); });
});

EM_JS(char*, care_load_setting, (const char* key), {
  let value = null;
  try { value = window.localStorage.getItem(UTF8ToString(key)); } catch (e) {}
  if (value === null) return 0;
  const size = lengthBytesUTF8(value) + 1;
  const out = _malloc(size);
  stringToUTF8(value, out, size);
  return out;
});

EM_JS(void, care_save_setting, (const char* key, const char* value), {
  try { window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});
// clang-format on

std::string clipboard_text;

const char* get_clipboard(void*) {
  return clipboard_text.c_str();
}

void set_clipboard(void*, const char* text) {
  clipboard_text = text ? text : "";
  care_copy_to_system(clipboard_text.c_str());
}

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
    care_remember_gl_state();
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    // ImGui's key and character callbacks, behind the queue (feed_input).
    glfwSetKeyCallback(window_, on_key);
    glfwSetCharCallback(window_, on_char);
    glfwSetMouseButtonCallback(window_, on_mouse_button);
    glfwSetScrollCallback(window_, on_scroll);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    // A blinking caret would need frames forever; a steady one needs none.
    ImGui::GetIO().ConfigInputTextCursorBlink = false;
    ImGui::GetIO().GetClipboardTextFn = get_clipboard;
    ImGui::GetIO().SetClipboardTextFn = set_clipboard;
    care_listen_for_input();
    care_listen_for_files();
    care_listen_for_paste();
    return true;
  }

  void run(std::function<void()> frame) override {
    frame_ = std::move(frame);
    emscripten_set_main_loop_arg(
        [](void* self) {
          static_cast<WebPlatform*>(self)->frame_();
          if (--frames_wanted <= 0) {
            paused = true;
            emscripten_pause_main_loop();
          }
        },
        this, 0, true);
  }

  void begin_frame() override {
    frame_started_ = emscripten_get_now();
    care_fit_canvas();
    emscripten_get_canvas_element_size("#canvas", &width_, &height_);
    ImGui_ImplOpenGL3_NewFrame();
    feed_input(window_);
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& input = ImGui::GetIO();
    if (pointer_fed) {
      input.MousePos = ImVec2(static_cast<float>(pointer_x), static_cast<float>(pointer_y));
    }
    for (int i = 0; i < 5; ++i)
      input.MouseDown[i] = buttons_down[i];
    // GLFW's idea of the window size lags the CSS layout; the canvas is the truth.
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(width_), static_cast<float>(height_));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  }

  bool end_frame() override {
    ImGui::Render();
    glViewport(0, 0, width_, height_);
    glClearColor(0.11f, 0.12f, 0.14f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    care_frame_drawn(emscripten_get_now() - frame_started_);
    return true;
  }

  float pixel_ratio() const override { return static_cast<float>(care_device_pixel_ratio()); }

  void wake_after(double seconds) override {
    care_wake_later(static_cast<int>(std::max(0.0, seconds) * 1000.0) + 1);
  }

  void notify(const std::string& title, const std::string& body, const std::string& tag) override {
    care_notify(title.c_str(), body.c_str(), tag.c_str());
  }

  void ask_to_notify() override { care_ask_to_notify(); }

  void open_link(const std::string& url) override { care_open_link(url.c_str()); }

  void set_upload_target(const std::string& path) override { care_set_upload_target(path.c_str()); }
  void choose_files() override { care_choose_files(); }

  std::vector<Uploaded> take_uploads() override {
    char* text = care_take_uploads();
    if (!text) return {};
    std::vector<Uploaded> done;
    auto list = care::parse_json(text);
    std::free(text);
    if (!list || !list->is_array()) return done;
    for (const care::Json& item : *list) {
      done.push_back({item.value("path", ""), item.value("name", ""), item.value("status", 0),
                      item.value("body", "")});
    }
    return done;
  }

  std::optional<Image> image(const std::string& path) override {
    int out[3] = {0, 0, 0};
    int state = care_image_state(path.c_str(), out);
    if (state == 0) return std::nullopt;
    if (state == 2) return Image{0, 0, 0, true};
    return Image{static_cast<unsigned>(out[0]), out[1], out[2], false};
  }
  std::string page_origin() const override {
    char* value = care_page_origin();
    std::string copy = value ? value : "";
    std::free(value);
    return copy;
  }

  int utc_offset_minutes(long long unix_ms) const override {
    return care_utc_offset_minutes(static_cast<double>(unix_ms));
  }

  std::string load_setting(const char* key) const override {
    char* value = care_load_setting(key);
    if (!value) return "";
    std::string copy = value;
    std::free(value);
    return copy;
  }

  void save_setting(const char* key, const std::string& value) override {
    care_save_setting(key, value.c_str());
  }

 private:
  GLFWwindow* window_ = nullptr;
  std::function<void()> frame_;
  double frame_started_ = 0.0;
  int width_ = 1;
  int height_ = 1;
};

}  // namespace

std::unique_ptr<Platform> make_platform() {
  return std::make_unique<WebPlatform>();
}

void wake_ui(int frames) {
  frames_wanted = std::max(frames_wanted, frames);
  if (paused) {
    paused = false;
    emscripten_resume_main_loop();
  }
}

}  // namespace care::client

// Input: the listeners of care_listen_for_input().
extern "C" EMSCRIPTEN_KEEPALIVE void care_wake() {
  care::client::wake_ui(care::client::kInputFrames);
}

// A wake_after() timer: one frame draws the tick (and asks for the next).
extern "C" EMSCRIPTEN_KEEPALIVE void care_wake_tick() {
  care::client::wake_ui(care::client::kTickFrames);
}

extern "C" EMSCRIPTEN_KEEPALIVE void care_clipboard_pasted(const char* text) {
  care::client::clipboard_text = text ? text : "";
  care::client::wake_ui(care::client::kInputFrames);
}
