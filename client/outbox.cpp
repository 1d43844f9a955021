#include "outbox.hpp"

#include <algorithm>
#include <set>

#include "care/codec/json.hpp"
#include "care/model/activity.hpp"

namespace care::client {
namespace {

std::vector<std::string> strings_of(const care::Json& item, const char* key) {
  std::vector<std::string> out;
  auto found = item.find(key);
  if (found == item.end() || !found->is_array()) return out;
  for (const care::Json& one : *found) {
    if (one.is_string()) out.push_back(one.get<std::string>());
  }
  return out;
}

// An email line's headers, as kept; a chat line has none.
std::optional<care::EmailHeaders> email_of(const care::Json& item) {
  auto subject = item.find("subject");
  if (subject == item.end() || !subject->is_string()) return std::nullopt;
  return care::EmailHeaders{strings_of(item, "to"), strings_of(item, "cc"),
                            subject->get<std::string>()};
}

}  // namespace

void Outbox::add(OutgoingLine line) {
  line.in_flight = false;
  lines_.push_back(std::move(line));
}

std::vector<OutgoingLine> Outbox::take_ready() {
  std::set<care::Id> seen;
  std::vector<OutgoingLine> ready;
  for (OutgoingLine& line : lines_) {
    if (!seen.insert(line.activity).second) continue;  // not the first of its activity
    if (line.in_flight) continue;
    line.in_flight = true;
    ready.push_back(line);
  }
  return ready;
}

void Outbox::delivered(std::string_view key) {
  std::erase_if(lines_, [&](const OutgoingLine& line) { return line.key == key; });
}

void Outbox::unanswered(std::string_view key) {
  for (OutgoingLine& line : lines_) {
    if (line.key == key) line.in_flight = false;
  }
}

std::optional<OutgoingLine> Outbox::refused(std::string_view key) {
  auto found = std::find_if(lines_.begin(), lines_.end(),
                            [&](const OutgoingLine& line) { return line.key == key; });
  if (found == lines_.end()) return std::nullopt;
  OutgoingLine line = std::move(*found);
  lines_.erase(found);
  line.in_flight = false;
  return line;
}

bool Outbox::waiting_for(care::Id activity) const {
  return std::any_of(lines_.begin(), lines_.end(),
                     [&](const OutgoingLine& line) { return line.activity == activity; });
}

std::string encode_outbox(const Outbox& outbox) {
  care::Json all = care::Json::array();
  for (const OutgoingLine& line : outbox.lines()) {
    care::Json one{
        {"key", line.key}, {"task", line.task}, {"activity", line.activity}, {"text", line.text}};
    if (line.email) {
      one["to"] = line.email->to;
      one["cc"] = line.email->cc;
      one["subject"] = line.email->subject;
    }
    all.push_back(std::move(one));
  }
  return all.dump(-1, ' ', false, care::Json::error_handler_t::replace);
}

Outbox decode_outbox(std::string_view text) {
  Outbox outbox;
  care::Json all = care::Json::parse(text, nullptr, false);
  if (!all.is_array()) return outbox;
  for (const care::Json& item : all) {
    if (!item.is_object()) continue;
    auto key = item.find("key");
    auto task = item.find("task");
    auto activity = item.find("activity");
    auto words = item.find("text");
    if (key == item.end() || !key->is_string() || task == item.end() ||
        !task->is_number_integer() || activity == item.end() || !activity->is_number_integer() ||
        words == item.end() || !words->is_string()) {
      continue;
    }
    OutgoingLine line{key->get<std::string>(),   task->get<care::Id>(), activity->get<care::Id>(),
                      words->get<std::string>(), email_of(item),        false};
    if (line.key.empty() || !care::is_message_key(line.key) || line.text.empty()) continue;
    outbox.add(std::move(line));
  }
  return outbox;
}

}  // namespace care::client
