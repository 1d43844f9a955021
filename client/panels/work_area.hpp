#pragma once

#include <vector>

#include "automation/automation.hpp"
#include "layout.hpp"
#include "panels/conversation.hpp"
#include "panels/panel.hpp"

namespace care::client::panels {

// The signed-in desktop (R-J1) between the menu bar and the status line, in three
// columns: the left column's lists (In progress, Queue, Customers, Floor), the
// communication panel in the middle, and the details of what is selected on the right.
// Each column's parts are drawn by the files named after them. The agent drags the
// bars between columns to resize them (layout.hpp); an offer docks above them, and
// for a moment after the columns jump a click is held back (PointerGuard).
class WorkArea final : public Window {
 public:
  WorkArea();

 protected:
  bool shown(const Frame& frame) const override {
    return frame.state.phase == SessionPhase::SignedIn;
  }
  void place(const Frame& frame) override;
  void draw_content(Frame& frame) override;

 private:
  void draw_left(Frame& frame, float width);
  void draw_middle(Frame& frame, const Hand* hand, float width);
  void draw_details(Frame& frame, const Hand* hand);

  Conversation conversation_;
  PointerGuard pointer_guard_;
  std::vector<automation::WidgetSpot> before_jump_;  // the widgets as they were
};

}  // namespace care::client::panels
