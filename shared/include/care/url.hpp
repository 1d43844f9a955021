#pragma once

#include <string>
#include <string_view>

namespace care {

// Text for one URL path segment or query value (RFC 3986): the unreserved characters
// A–Z a–z 0–9 - . _ ~ stay as they are, every other byte (UTF-8 included) becomes %XX.
// The one encoder for every client of the API, so a tag or a search reaches the server
// exactly as typed.
std::string percent_encode(std::string_view text);

}  // namespace care
