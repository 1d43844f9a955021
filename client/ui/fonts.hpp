#pragma once

namespace care::client::ui {

// Loads the UI font (Latin, Latin Extended, Cyrillic) at `pixel_ratio` × the base
// size and scales the style to match; safe to call again when the ratio changes.
// Falls back to ImGui's built-in font when the file is missing.
void apply_scale(const char* font_path, float pixel_ratio);

}  // namespace care::client::ui
