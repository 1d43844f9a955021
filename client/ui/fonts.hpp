#pragma once

#include "ui/theme.hpp"

namespace care::client::ui {

// Loads the UI font (Latin, Latin Extended, Cyrillic) at `pixel_ratio` × the agent's
// zoom × the base size, scales the style to match and colours it in the agent's theme;
// safe to call again when any of them changes. Falls back to ImGui's built-in font
// when the file is missing.
void apply_look(const char* font_path, float pixel_ratio, const Look& look);

}  // namespace care::client::ui
