#pragma once
// Small real files made in code for the demo's attachments (issue 18): no third-party
// files ship with the server. Tests use them as well-formed inputs.
#include <cstdint>
#include <string>
#include <string_view>

namespace care::server::demo {

// A width × height RGB PNG: a diagonal band of `accent` on `background`, so a preview
// shows at a glance that the image came through whole.
std::string make_png(int width, int height, std::uint32_t background, std::uint32_t accent);
// A one-page PDF that shows `line` (ASCII) in Helvetica.
std::string make_pdf(std::string_view line);

}  // namespace care::server::demo
