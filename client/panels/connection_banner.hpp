#pragma once

#include "panels/panel.hpp"

namespace care::client::panels {

// A strip under the menu bar while the server cannot be reached (R-J5): when the
// next try is, and a button to try now. Nothing is drawn while connected.
class ConnectionBanner final : public Window {
 public:
  ConnectionBanner();

 protected:
  bool shown(const Frame& frame) const override {
    return frame.state.connection == Connection::Unreachable;
  }
  void place(const Frame& frame) override;
  void draw_content(Frame& frame) override;
};

}  // namespace care::client::panels
