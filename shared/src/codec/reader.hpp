#pragma once

// Private to the codecs: reads the fields of one JSON object, checking each one, and
// keeps the first error with the field's full path. After a failure every read is a
// no-op returning a default, so a decoder reads straight through and checks once.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/codec/json.hpp"
#include "care/text.hpp"

namespace care::codec {

enum class Need { required, optional };

class Reader {
 public:
  Reader(const Json& object, std::string path, std::optional<Error>& error)
      : object_(object), path_(std::move(path)), error_(error) {}

  bool failed() const { return error_.has_value(); }
  void fail(Error error) {
    if (!error_) error_ = std::move(error);
  }
  std::string path(std::string_view key) const;
  // Whether `key` is present and not null.
  bool has(std::string_view key) const;
  // Whether `key` is present and a string (a field that takes an id or a name).
  bool is_text(std::string_view key) const;

  // Text within `limit` characters. Optional text that is absent or null reads as "".
  std::string text(std::string_view key, Need need = Need::required,
                   std::size_t limit = kTextLimit);
  // Absent is nullopt; null is refused (a patch sets text, it cannot unset it).
  std::optional<std::string> maybe_text(std::string_view key, std::size_t limit = kTextLimit);
  // Text that must not be blank.
  std::string non_empty_text(std::string_view key, std::size_t limit = kTextLimit);

  std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max,
                       Need need = Need::required, std::int64_t fallback = 0);
  Id id(std::string_view key) { return integer(key, 1, kMaxId); }
  // A reference that may be 0 (no agent: the server itself).
  Id agent_ref(std::string_view key) { return integer(key, 0, kMaxId); }
  // A reference that may be 0 for "none yet" (an unknown contact's request, R-D3).
  Id id_or_zero(std::string_view key) { return integer(key, 0, kMaxId); }
  std::optional<Id> optional_id(std::string_view key);
  Version version(std::string_view key) { return integer(key, 1, kMaxId); }
  bool boolean(std::string_view key, Need need = Need::required, bool fallback = false);

  Time time(std::string_view key);
  std::optional<Time> optional_time(std::string_view key);
  Stamp stamp();  // "updated_by", "updated_at"

  template <class E>
  E enumeration(std::string_view key) {
    return from_name<E>(key, get(key, Need::required)).value_or(E{});
  }
  template <class E>
  std::optional<E> optional_enumeration(std::string_view key) {
    return from_name<E>(key, get(key, Need::optional));
  }

  std::vector<std::string> strings(std::string_view key, std::size_t max_items,
                                   std::size_t item_limit = kTextLimit);
  std::vector<Id> ids(std::string_view key, std::size_t max_items);
  // Tags as stored: R-C4 (normalized, unique ignoring case, at most kMaxTags).
  std::vector<std::string> tags(std::string_view key);
  // A label per language (R-J2): {"en": "Resolved", "hu": "Megoldva"}, checked by
  // check_labels. Absent reads as none.
  Labels labels(std::string_view key, Need need = Need::optional);

  // A list of objects, each read by `read_item(Reader&) -> T`.
  template <class T, class F>
  std::vector<T> objects(std::string_view key, std::size_t max_items, F&& read_item) {
    std::vector<T> out;
    const Json* array = list(key, max_items);
    if (!array) return out;
    out.reserve(array->size());
    for (std::size_t i = 0; i < array->size() && !failed(); ++i) {
      const std::string item_path = path(key) + "[" + std::to_string(i) + "]";
      const Json& item = (*array)[i];
      if (!item.is_object()) {
        fail(make_error(ErrorCode::wrong_type, item_path, "must be an object"));
        break;
      }
      Reader sub(item, item_path, error_);
      out.push_back(read_item(sub));
    }
    return out;
  }

  // A nested object read by `read(Reader&) -> T`.
  template <class T, class F>
  T object(std::string_view key, F&& read) {
    const Json* value = get(key, Need::required);
    if (!value) return T{};
    if (!value->is_object()) {
      fail(make_error(ErrorCode::wrong_type, path(key), "must be an object"));
      return T{};
    }
    Reader sub(*value, path(key), error_);
    return read(sub);
  }

  static constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();

 private:
  // The value at `key`; nullptr when absent or null (an error if required) or failed.
  const Json* get(std::string_view key, Need need);
  const Json* list(std::string_view key, std::size_t max_items);
  std::optional<Time> optional_time_impl(std::string_view key, Need need);

  template <class E>
  std::optional<E> from_name(std::string_view key, const Json* value) {
    if (!value) return std::nullopt;
    if (!value->is_string()) {
      fail(make_error(ErrorCode::wrong_type, path(key), "must be a string"));
      return std::nullopt;
    }
    const auto e = enum_from_name<E>(value->get_ref<const std::string&>());
    if (!e) {
      std::string allowed;
      for (const auto name : enum_names<E>()) {
        if (!allowed.empty()) allowed += ", ";
        allowed += name;
      }
      fail(make_error(ErrorCode::invalid, path(key), "must be one of: " + allowed));
    }
    return e;
  }

  const Json& object_;
  std::string path_;
  std::optional<Error>& error_;
};

// Reads the top-level object `j` with `read(Reader&) -> T`.
template <class T, class F>
Result<T> read_object(const Json& j, F&& read) {
  if (!j.is_object()) return make_error(ErrorCode::wrong_type, "", "expected a JSON object");
  std::optional<Error> error;
  Reader reader(j, "", error);
  T value = read(reader);
  if (error) return *std::move(error);
  return value;
}

Json optional_json(const std::optional<Id>& value);
Json optional_json(const std::optional<Time>& value);

}  // namespace care::codec
