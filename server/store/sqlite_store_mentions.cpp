// SqliteStore: internal notes' mentions (issue 18), one per agent a note names.
#include "store/mention_columns.hpp"
#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"

namespace care::server::store {
namespace {

Mention read_mention(const Statement& row) {
  Mention mention;
  mention.id = row.column_int(0);
  mention.agent = row.column_int(1);
  mention.read = row.column_int(2) != 0;
  mention.note =
      Comment{row.column_int(3),  row.column_int(4),  row.column_int(5),
              row.column_text(6), row.column_text(7), time_from_unix_ms(row.column_int(8))};
  if (!row.column_is_null(9) && row.column_int(9) > 0) mention.request = row.column_int(9);
  return mention;
}

}  // namespace

std::vector<Mention> SqliteStore::add_mentions(const Comment& note, const std::vector<Id>& agents,
                                               std::optional<Id> request) {
  std::lock_guard lock(mutex_);
  return db_.transaction([&] {
    std::vector<Mention> added;
    for (Id agent : agents) {
      db_.prepare(
             "INSERT INTO mentions(comment_id, agent_id, created_at) VALUES (?, ?, ?)"
             " ON CONFLICT (comment_id, agent_id) DO NOTHING")
          .bind(1, note.id)
          .bind(2, agent)
          .bind(3, unix_ms(note.at))
          .run();
      if (db_.changes() != 1) continue;
      added.push_back(Mention{db_.last_insert_id(), agent, note, request, false});
    }
    return added;
  });
}

std::vector<Mention> SqliteStore::mentions_of(Id agent, bool unread_only, int limit) {
  Reading reading(*this);
  std::string sql = kMentionColumns;
  sql += " WHERE m.agent_id = ?";
  if (unread_only) sql += " AND m.read_at IS NULL";
  sql += " ORDER BY m.id DESC LIMIT ?";
  Statement& select = db_.prepare(sql);
  select.bind(1, agent).bind(2, static_cast<std::int64_t>(limit));
  std::vector<Mention> found;
  while (select.step())
    found.push_back(read_mention(select));
  select.reset();
  return found;
}

std::int64_t SqliteStore::unread_mentions(Id agent) {
  Reading reading(*this);
  Statement& select =
      db_.prepare("SELECT COUNT(*) FROM mentions WHERE agent_id = ? AND read_at IS NULL");
  select.bind(1, agent);
  std::int64_t count = select.step() ? select.column_int(0) : 0;
  select.reset();
  return count;
}

std::optional<std::int64_t> SqliteStore::mark_mentions_read(Id agent, std::optional<Id> mention,
                                                            std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  return db_.transaction([&]() -> std::optional<std::int64_t> {
    if (mention) {
      Statement& owned = db_.prepare("SELECT 1 FROM mentions WHERE id = ? AND agent_id = ?");
      owned.bind(1, *mention).bind(2, agent);
      bool theirs = owned.step();
      owned.reset();
      if (!theirs) return std::nullopt;
      db_.prepare("UPDATE mentions SET read_at = ? WHERE id = ? AND read_at IS NULL")
          .bind(1, now_ms)
          .bind(2, *mention)
          .run();
    } else {
      db_.prepare("UPDATE mentions SET read_at = ? WHERE agent_id = ? AND read_at IS NULL")
          .bind(1, now_ms)
          .bind(2, agent)
          .run();
    }
    return static_cast<std::int64_t>(db_.changes());
  });
}

}  // namespace care::server::store
