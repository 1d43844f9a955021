#pragma once

#include <concepts>
#include <optional>
#include <string_view>

#include "care/error.hpp"
#include "care/model/common.hpp"

namespace care {

// R-E1: a save names the version it edited. If the record has moved on since, nothing is
// overwritten: the caller gets a Conflict holding the current record, so the desktop can
// say who changed it and when, and merge it into the agent's edit (rules/merge.hpp).
template <class R>
concept VersionedRecord = requires(R r) {
  { r.version } -> std::convertible_to<Version>;
  { r.updated } -> std::convertible_to<Stamp>;
};

template <VersionedRecord R>
struct Conflict {
  R current;           // the record as it is now
  Version edited = 0;  // the version the rejected save started from

  Id changed_by() const { return current.updated.by; }
  Time changed_at() const { return current.updated.at; }
  bool operator==(const Conflict&) const = default;
};

// nullopt when `edited` is the current version: the save may go ahead.
template <VersionedRecord R>
std::optional<Conflict<R>> check_version(const R& current, Version edited) {
  if (current.version == edited) return std::nullopt;
  return Conflict<R>{current, edited};
}

// Marks a change that went ahead: next version, who and when.
template <VersionedRecord R>
void record_change(R& record, Id by, Time at) {
  record.version += 1;
  record.updated = Stamp{by, at};
}

// The Error for a conflict (code `conflict`, field `version`), for the error body.
Error conflict_error(std::string_view record_type, Version edited, Version current);

}  // namespace care
