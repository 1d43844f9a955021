#pragma once

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

}  // namespace care::client
