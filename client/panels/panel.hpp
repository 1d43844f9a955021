#pragma once

#include <imgui.h>

#include <optional>
#include <string>

#include "actions.hpp"
#include "care/time.hpp"
#include "panels/panel.hpp"

namespace care::client::panels {

// What every panel gets each frame: the replica to read (and the edit buffers in it
// to type into), the queue for what it asks, and the time, read once per frame so
// panels never read a clock themselves.
struct Frame {
  DesktopState& state;
  ActionQueue& actions;
  care::Time now{};         // the wall clock: countdowns, waits, call timers
  double ui_seconds = 0.0;  // ImGui's clock: the reconnect back-off

  template <class A>
  void ask(A action) {
    actions.push(Action{std::move(action)});
  }
};

// One part of the screen (STYLE, after ImHex's View): draw() opens the window, asks
// the panel for its content, and closes the window; a panel overrides only what it
// shows and when. The kinds of window are the small subclasses below.
class Panel {
 public:
  virtual ~Panel() = default;
  void draw(Frame& frame);

 protected:
  // Whether the panel is on screen this frame (a phase, an offer, a dialog asked for).
  virtual bool shown(const Frame&) const { return true; }
  virtual void draw_content(Frame& frame) = 0;

 private:
  // A window kind may need a frame after it stops being shown (a modal closes itself).
  virtual bool lingers() const { return false; }
  // Opens the window (or, when !shown, only winds it up); true when content may follow.
  virtual bool open(Frame& frame, bool shown) = 0;
  virtual void close(bool opened) = 0;
};

// A window the panel places itself each frame (no title bar, not movable).
class Window : public Panel {
 protected:
  Window(const char* id, ImGuiWindowFlags flags) : id_(id), flags_(flags) {}
  // SetNextWindowPos / SetNextWindowSize for this frame.
  virtual void place(const Frame&) {}
  // Style of its own (a coloured card, square corners, thin padding), set once.
  std::optional<ImVec4> background;
  std::optional<float> rounding;
  std::optional<float> padding_y;  // a factor of the style's vertical padding

 private:
  bool open(Frame& frame, bool shown) final;
  void close(bool opened) final;
  const char* id_;
  ImGuiWindowFlags flags_;
  int colours_ = 0, vars_ = 0;  // pushed by open(), popped by close()
};

// A modal dialog: opened while shown(); Esc or its close box ends it through
// dismiss(), so what closes it is an action like any other.
class Modal : public Panel {
 protected:
  explicit Modal(ImGuiWindowFlags flags, bool closable = true)
      : flags_(flags), closable_(closable) {}
  // The title in the current language, with a stable "###id" (ImHex's unlocalised key).
  virtual std::string title() const = 0;
  virtual void place(const Frame&) {}
  virtual void dismiss(Frame&) {}

 private:
  bool lingers() const final { return is_open_; }
  bool open(Frame& frame, bool shown) final;
  void close(bool opened) final;
  ImGuiWindowFlags flags_;
  bool closable_;
  bool is_open_ = false;  // ImGui keeps a modal open until it is closed from inside
};

// The main menu bar at the top of the screen.
class MenuBar : public Panel {
 private:
  bool open(Frame&, bool) final { return ImGui::BeginMainMenuBar(); }
  void close(bool opened) final {
    if (opened) ImGui::EndMainMenuBar();
  }
};

}  // namespace care::client::panels
