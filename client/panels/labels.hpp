#pragma once
// Words for records, shared by the panels.
#include <string>

#include "care/model.hpp"
#include "state.hpp"

namespace care::client::panels {

const char* channel_name(care::Channel channel);
const char* media_name(care::MediaType media);
// The customer's name, else what the channel told (pre-chat name, sender, caller),
// marked as an unknown contact.
std::string contact_name(const Hand& hand);
// "14:05" for a time today in the browser's zone; the date otherwise.
std::string short_time(care::Time time);
// "03:12": minutes and seconds since `since`.
std::string elapsed(care::Time since);

}  // namespace care::client::panels
