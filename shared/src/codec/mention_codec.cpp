// JSON for internal notes' mentions (issue 18): one mention as GET /api/mentions lists
// it and mention.added carries it, the note (a comment) inside.
#include "care/codec/json.hpp"
#include "codec/readers.hpp"

namespace care {
namespace codec {
namespace {

// A mention list is one agent's, and the server sends at most this many at a time.
constexpr std::size_t kMaxMentionsListed = 1000;

MentionList read_mention_list(Reader& r) {
  MentionList list;
  list.mentions = r.objects<Mention>("mentions", kMaxMentionsListed, read_mention);
  list.unread = r.integer("unread", 0, Reader::kMaxId);
  return list;
}

}  // namespace

Mention read_mention(Reader& r) {
  Mention m;
  m.id = r.id("id");
  m.agent = r.id("agent");
  m.note = r.object<Comment>("note", read_comment);
  m.request = r.optional_id("request");
  m.read = r.boolean("read");
  return m;
}

}  // namespace codec

void to_json(Json& j, const Mention& m) {
  j = Json{{"id", m.id},
           {"agent", m.agent},
           {"note", m.note},
           {"request", codec::optional_json(m.request)},
           {"read", m.read}};
}

void to_json(Json& j, const MentionList& l) {
  j = Json{{"mentions", l.mentions}, {"unread", l.unread}};
}

template <>
Result<Mention> decode<Mention>(const Json& j) {
  return codec::read_object<Mention>(j, codec::read_mention);
}

template <>
Result<MentionList> decode<MentionList>(const Json& j) {
  return codec::read_object<MentionList>(j, codec::read_mention_list);
}

}  // namespace care
