#include "codec/reader.hpp"

#include "care/rules/tags.hpp"

namespace care::codec {

std::string Reader::path(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  return path_ + "." + std::string(key);
}

bool Reader::has(std::string_view key) const {
  const auto it = object_.find(key);
  return it != object_.end() && !it->is_null();
}

bool Reader::is_text(std::string_view key) const {
  const auto it = object_.find(key);
  return it != object_.end() && it->is_string();
}

const Json* Reader::get(std::string_view key, Need need) {
  if (failed()) return nullptr;
  const auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) {
    if (need == Need::required) fail(make_error(ErrorCode::missing, path(key), "required"));
    return nullptr;
  }
  return &*it;
}

std::string Reader::text(std::string_view key, Need need, std::size_t limit) {
  const Json* value = get(key, need);
  if (!value) return {};
  if (!value->is_string()) {
    fail(make_error(ErrorCode::wrong_type, path(key), "must be a string"));
    return {};
  }
  const auto& s = value->get_ref<const std::string&>();
  if (auto ok = check_text(path(key), s, limit); !ok) {
    fail(ok.error());
    return {};
  }
  return s;
}

std::optional<std::string> Reader::maybe_text(std::string_view key, std::size_t limit) {
  if (failed()) return std::nullopt;
  const auto it = object_.find(key);
  if (it == object_.end()) return std::nullopt;
  if (it->is_null()) {
    fail(make_error(ErrorCode::wrong_type, path(key),
                    "must be a string (omit it to keep the value)"));
    return std::nullopt;
  }
  return text(key, Need::required, limit);
}

std::string Reader::non_empty_text(std::string_view key, std::size_t limit) {
  std::string s = text(key, Need::required, limit);
  if (!failed() && trim(s).empty())
    fail(make_error(ErrorCode::empty, path(key), "cannot be empty"));
  return s;
}

std::int64_t Reader::integer(std::string_view key, std::int64_t min, std::int64_t max, Need need,
                             std::int64_t fallback) {
  const Json* value = get(key, need);
  if (!value) return fallback;
  if (!value->is_number_integer()) {
    fail(make_error(ErrorCode::wrong_type, path(key), "must be a whole number"));
    return fallback;
  }
  const bool too_big = value->is_number_unsigned() &&
                       value->get<std::uint64_t>() >
                           static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  const std::int64_t n = too_big ? 0 : value->get<std::int64_t>();
  if (too_big || n < min || n > max) {
    fail(make_error(ErrorCode::invalid, path(key),
                    "must be between " + std::to_string(min) + " and " + std::to_string(max)));
    return fallback;
  }
  return n;
}

std::optional<Id> Reader::optional_id(std::string_view key) {
  if (!get(key, Need::optional)) return std::nullopt;
  const Id n = id(key);
  if (failed()) return std::nullopt;
  return n;
}

bool Reader::boolean(std::string_view key, Need need, bool fallback) {
  const Json* value = get(key, need);
  if (!value) return fallback;
  if (!value->is_boolean()) {
    fail(make_error(ErrorCode::wrong_type, path(key), "must be true or false"));
    return fallback;
  }
  return value->get<bool>();
}

Time Reader::time(std::string_view key) {
  return optional_time_impl(key, Need::required).value_or(Time{});
}

std::optional<Time> Reader::optional_time(std::string_view key) {
  return optional_time_impl(key, Need::optional);
}

std::optional<Time> Reader::optional_time_impl(std::string_view key, Need need) {
  const Json* value = get(key, need);
  if (!value) return std::nullopt;
  if (!value->is_string()) {
    fail(make_error(ErrorCode::wrong_type, path(key), "must be a time string (RFC 3339)"));
    return std::nullopt;
  }
  auto t = parse_rfc3339(value->get_ref<const std::string&>(), path(key));
  if (!t) {
    fail(t.error());
    return std::nullopt;
  }
  return *t;
}

Stamp Reader::stamp() {
  Stamp s;
  s.by = agent_ref("updated_by");
  s.at = time("updated_at");
  return s;
}

const Json* Reader::list(std::string_view key, std::size_t max_items) {
  const Json* value = get(key, Need::required);
  if (!value) return nullptr;
  if (!value->is_array()) {
    fail(make_error(ErrorCode::wrong_type, path(key), "must be a list"));
    return nullptr;
  }
  if (value->size() > max_items) {
    fail(make_error(ErrorCode::too_many, path(key),
                    "at most " + std::to_string(max_items) + " items"));
    return nullptr;
  }
  return value;
}

std::vector<std::string> Reader::strings(std::string_view key, std::size_t max_items,
                                         std::size_t item_limit) {
  std::vector<std::string> out;
  const Json* array = list(key, max_items);
  if (!array) return out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string item_path = path(key) + "[" + std::to_string(i) + "]";
    const Json& item = (*array)[i];
    if (!item.is_string()) {
      fail(make_error(ErrorCode::wrong_type, item_path, "must be a string"));
      return {};
    }
    const auto& s = item.get_ref<const std::string&>();
    if (auto ok = check_text(item_path, s, item_limit); !ok) {
      fail(ok.error());
      return {};
    }
    out.push_back(s);
  }
  return out;
}

std::vector<Id> Reader::ids(std::string_view key, std::size_t max_items) {
  std::vector<Id> out;
  const Json* array = list(key, max_items);
  if (!array) return out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const Json& item = (*array)[i];
    const std::string item_path = path(key) + "[" + std::to_string(i) + "]";
    if (!item.is_number_integer()) {
      fail(make_error(ErrorCode::wrong_type, item_path, "must be a whole number"));
      return {};
    }
    const bool positive_in_range =
        item.is_number_unsigned()
            ? item.get<std::uint64_t>() >= 1 &&
                  item.get<std::uint64_t>() <= static_cast<std::uint64_t>(kMaxId)
            : item.get<std::int64_t>() >= 1;
    if (!positive_in_range) {
      fail(make_error(ErrorCode::invalid, item_path, "must be a positive id"));
      return {};
    }
    out.push_back(item.get<std::int64_t>());
  }
  return out;
}

std::vector<std::string> Reader::tags(std::string_view key) {
  // Read as plain strings first (types, UTF-8), then apply the tag rules with item paths.
  auto out = strings(key, kMaxTags, kTagLimit);
  if (failed()) return {};
  if (auto ok = check_tags(out, path(key)); !ok) {
    fail(ok.error());
    return {};
  }
  return out;
}

Labels Reader::labels(std::string_view key, Need need) {
  const Json* value = get(key, need);
  if (!value) return {};
  if (!value->is_object()) {
    fail(
        make_error(ErrorCode::wrong_type, path(key), "must be an object of language tag to label"));
    return {};
  }
  if (value->size() > kProductLanguages.size()) {
    fail(make_error(ErrorCode::too_many, path(key),
                    "at most " + std::to_string(kProductLanguages.size()) + " languages"));
    return {};
  }
  Labels out;
  for (const auto& [language, label] : value->items()) {
    if (!label.is_string()) {
      fail(make_error(ErrorCode::wrong_type, path(key) + "." + language, "must be a string"));
      return {};
    }
    out.emplace(language, label.get<std::string>());
  }
  if (Status ok = check_labels(path(key), out); !ok) {
    fail(ok.error());
    return {};
  }
  return out;
}

Json optional_json(const std::optional<Id>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json optional_json(const std::optional<Time>& value) {
  return value ? Json(format_rfc3339(*value)) : Json(nullptr);
}

}  // namespace care::codec
