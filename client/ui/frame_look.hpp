#pragma once

#include <cstdint>

struct ImDrawData;

namespace care::client::ui {

// A fingerprint of what a frame would put on screen: every vertex, index, clip
// rectangle and texture of its draw lists, and the display's size. Two frames with
// the same fingerprint show the same pixels, so the second need not be drawn.
std::uint64_t frame_look(const ImDrawData& draw_data);

}  // namespace care::client::ui
