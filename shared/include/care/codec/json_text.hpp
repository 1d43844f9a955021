#pragma once
// JSON written straight into a body's text, for answers too hot to build a DOM for
// (a journey page: nlohmann's tree per row was malloc and free at the top of the
// profile). Writes the same bytes nlohmann's dump() writes for valid UTF-8.
#include <string>
#include <string_view>

#include "care/model/journey.hpp"
#include "care/model/request.hpp"

namespace care {

// `text` quoted and escaped (RFC 8259): ", \ and control characters; UTF-8 is written
// as it is, and a byte that is not valid UTF-8 (a hand-edited database) as U+FFFD.
void append_json_string(std::string& out, std::string_view text);

// One journey row as an object: the bytes Json(entry).dump() would give.
void append_journey_entry(std::string& out, const JourneyEntry& entry);
// A request as Json(request).dump() writes it: the first journey page holds them all.
void append_request(std::string& out, const Request& request);

}  // namespace care
