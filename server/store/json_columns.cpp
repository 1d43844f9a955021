#include "store/json_columns.hpp"

#include "care/codec/json.hpp"

namespace care::server::store {

std::vector<std::string> string_list(std::string_view json_text) {
  std::vector<std::string> list;
  auto parsed = parse_json(json_text);
  if (!parsed || !parsed->is_array()) return list;
  for (const Json& item : *parsed) {
    if (item.is_string()) list.push_back(item.get<std::string>());
  }
  return list;
}

std::string channels_json(const std::vector<Channel>& channels) {
  Json names = Json::array();
  for (Channel channel : channels)
    names.push_back(std::string(enum_name(channel)));
  return names.dump();
}

std::vector<Channel> channels_from(std::string_view json_text) {
  std::vector<Channel> channels;
  for (const std::string& name : string_list(json_text)) {
    if (auto channel = enum_from_name<Channel>(name)) channels.push_back(*channel);
  }
  return channels;
}

std::string labels_json(const Labels& labels) {
  return Json(labels).dump();
}

Labels labels_from(std::string_view json_text) {
  Labels labels;
  auto parsed = parse_json(json_text);
  if (!parsed || !parsed->is_object()) return labels;
  for (const auto& [language, label] : parsed->items()) {
    if (label.is_string()) labels.emplace(language, label.get<std::string>());
  }
  return labels;
}

}  // namespace care::server::store
