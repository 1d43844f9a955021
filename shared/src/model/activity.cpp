#include "care/model/activity.hpp"

#include <algorithm>

namespace care {

bool is_message_key(std::string_view key) {
  if (key.size() > kMaxMessageKey) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == ':';
  });
}

std::size_t message_limit(MediaType media) {
  return media == MediaType::email ? kEmailBodyLimit : kChatLineLimit;
}

std::optional<Channel> channel_of(MediaType media) {
  switch (media) {
    case MediaType::chat:
      return Channel::chat;
    case MediaType::call:
      return Channel::call;
    case MediaType::email:
      return Channel::email;
    case MediaType::note:
      return std::nullopt;
  }
  return std::nullopt;
}

MediaType media_of(Channel channel) {
  switch (channel) {
    case Channel::chat:
      return MediaType::chat;
    case Channel::call:
      return MediaType::call;
    case Channel::email:
      return MediaType::email;
  }
  return MediaType::note;
}

Time last_change(const Activity& activity) {
  Time latest = activity.updated.at;
  for (const auto& m : activity.messages)
    latest = std::max(latest, m.at);
  for (const auto& e : activity.call_events)
    latest = std::max(latest, e.at);
  return latest;
}

}  // namespace care
