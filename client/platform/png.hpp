#pragma once

#include <string>
#include <vector>

namespace care::client {

// Writes 8-bit RGBA pixels as a PNG. `bottom_up` for OpenGL's row order.
bool write_png(const std::string& path, int width, int height,
               const std::vector<unsigned char>& rgba, bool bottom_up);

}  // namespace care::client
