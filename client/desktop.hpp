#pragma once

#include <string>

#include "panels/shell.hpp"
#include "transport/transport.hpp"

namespace care::client {

// The desktop's state and its one frame of UI. Panels read the state and return
// actions; only the desktop talks to the transport.
class Desktop {
 public:
  explicit Desktop(Transport& transport);

  void start();
  // `now` is seconds since start (ImGui::GetTime()).
  void draw(double now);

 private:
  void check_server(double now);
  void apply(const panels::ShellAction& action, double now);

  Transport& transport_;
  panels::ShellState shell_;
  bool version_pending_ = false;
  double retry_at_ = 0.0;
  double retry_delay_ = 1.0;
};

}  // namespace care::client
