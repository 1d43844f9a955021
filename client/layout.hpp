#pragma once

#include <optional>
#include <string>
#include <vector>

namespace care::client {

// The agent's column widths (R-J1), as shares of the work area so that a wider
// window widens every column; 0 means "never dragged": the default share. Kept per
// browser (the setting below), not per agent: it follows the screen, not the person.
struct Layout {
  float left = 0.0f;
  float details = 0.0f;
};

inline constexpr const char* kLayoutSetting = "care.layout";

std::string encode_layout(const Layout& layout);
Layout decode_layout(const std::string& text);  // anything unreadable gives the default

// Pixel widths of the three columns in a work area `total` wide, with `gap` between
// columns and `unit` the font size over 16 (so the minimums grow with the text).
// Without details the middle takes the room on the right too.
struct Columns {
  float left = 0.0f;
  float middle = 0.0f;
  float details = 0.0f;
};
Columns columns(const Layout& layout, float total, float gap, float unit, bool details);

// A table's column widths in `total`: shared by `weights`, but none below its
// `minimum` (its header's longest word, so a word is never broken) while the others
// can give way. When the minimums alone exceed `total`, they are scaled down alike.
std::vector<float> table_widths(const std::vector<float>& weights,
                                const std::vector<float>& minimums, float total);

// A click is aimed at what the agent saw a moment before. When the work area's
// content jumps (an offer docks above the columns, the connection banner comes or
// goes), a click within kSettleSeconds of the jump was aimed at what used to be under
// the pointer: it is dropped rather than land on a row or a button the agent never saw
// there (browsers hold input on a permission prompt that just appeared the same way).
// A click on a widget that did not move (the composer, anchored at the bottom) goes
// through: the work area compares what was under the pointer before the jump with
// what is there now. The keyboard is never held: a line being typed goes on.
class PointerGuard {
 public:
  static constexpr double kSettleSeconds = 0.5;
  // The content starts at `top` on this frame, drawn at `now` (seconds on any clock
  // that runs between frames). True when it jumped on this frame; the first placement
  // is no jump.
  bool place(float top, double now);
  // Seconds until a click counts again at `now`; 0 once the content has settled.
  double holds_for(double now) const;

 private:
  std::optional<float> top_;
  std::optional<double> moved_at_;
};

}  // namespace care::client
