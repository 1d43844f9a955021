// PostgresStore: internal notes' mentions (issue 18), as SqliteStore's mentions file.
#include "store/mention_columns.hpp"
#include "store/postgres/pg_rows.hpp"
#include "store/postgres/postgres_store.hpp"

namespace care::server::store {
namespace {

Mention read_mention(const pg::Result& rows, int row) {
  Mention mention;
  mention.id = rows.integer(row, 0);
  mention.agent = rows.integer(row, 1);
  mention.read = rows.text(row, 2) == "t";
  mention.note = Comment{rows.integer(row, 3), rows.integer(row, 4), rows.integer(row, 5),
                         rows.text(row, 6),    rows.text(row, 7),    pg::time_at(rows, row, 8)};
  auto request = pg::optional_id(rows, row, 9);
  if (request && *request > 0) mention.request = request;
  return mention;
}

}  // namespace

std::vector<Mention> PostgresStore::add_mentions(const Comment& note, const std::vector<Id>& agents,
                                                 std::optional<Id> request) {
  return write([&](pg::Connection& db) {
    std::vector<Mention> added;
    for (Id agent : agents) {
      pg::Result inserted = db.query(
          "INSERT INTO mentions(comment_id, agent_id, created_at) VALUES ($1, $2, $3)"
          " ON CONFLICT (comment_id, agent_id) DO NOTHING RETURNING id",
          note.id, agent, unix_ms(note.at));
      if (inserted.empty()) continue;
      added.push_back(Mention{inserted.integer(0, 0), agent, note, request, false});
    }
    return added;
  });
}

std::vector<Mention> PostgresStore::mentions_of(Id agent, bool unread_only, int limit) {
  return read([&](pg::Connection& db) {
    std::string sql = kMentionColumns;
    sql += " WHERE m.agent_id = $1";
    if (unread_only) sql += " AND m.read_at IS NULL";
    sql += " ORDER BY m.id DESC LIMIT $2";
    pg::Result rows = db.query(sql, agent, static_cast<std::int64_t>(limit));
    std::vector<Mention> found;
    for (int row = 0; row < rows.rows(); ++row)
      found.push_back(read_mention(rows, row));
    return found;
  });
}

std::int64_t PostgresStore::unread_mentions(Id agent) {
  return read([&](pg::Connection& db) {
    pg::Result rows =
        db.query("SELECT COUNT(*) FROM mentions WHERE agent_id = $1 AND read_at IS NULL", agent);
    return rows.integer(0, 0);
  });
}

std::optional<std::int64_t> PostgresStore::mark_mentions_read(Id agent, std::optional<Id> mention,
                                                              std::int64_t now_ms) {
  return write([&](pg::Connection& db) -> std::optional<std::int64_t> {
    if (mention) {
      pg::Result owned =
          db.query("SELECT 1 FROM mentions WHERE id = $1 AND agent_id = $2", *mention, agent);
      if (owned.empty()) return std::nullopt;
      pg::Result marked = db.query(
          "UPDATE mentions SET read_at = $1 WHERE id = $2 AND read_at IS NULL RETURNING id", now_ms,
          *mention);
      return static_cast<std::int64_t>(marked.rows());
    }
    pg::Result marked = db.query(
        "UPDATE mentions SET read_at = $1 WHERE agent_id = $2 AND read_at IS NULL RETURNING id",
        now_ms, agent);
    return static_cast<std::int64_t>(marked.rows());
  });
}

}  // namespace care::server::store
