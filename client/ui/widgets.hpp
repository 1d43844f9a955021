#pragma once

namespace care::client::ui {

// Text that the automation layer can see (ImGui gives plain text no id or hook).
void text(const char* text);
void text_disabled(const char* text);
void text_wrapped(const char* text);
void text_colored(float r, float g, float b, const char* text);

}  // namespace care::client::ui
