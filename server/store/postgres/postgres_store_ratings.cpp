// PostgresStore: customer satisfaction (issue 18), as SqliteStore's ratings file.
#include "store/postgres/pg_rows.hpp"
#include "store/postgres/postgres_store.hpp"

namespace care::server::store {

bool PostgresStore::rate_activity(Id activity, const Rating& rating) {
  return write([&](pg::Connection& db) {
    pg::Result inserted = db.query(
        "INSERT INTO ratings(activity_id, score, comment, rated_at) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (activity_id) DO NOTHING RETURNING activity_id",
        activity, static_cast<std::int64_t>(rating.score), rating.comment, unix_ms(rating.at));
    return !inserted.empty();
  });
}

std::optional<Rating> PostgresStore::rating(Id activity) {
  return read([&](pg::Connection& db) -> std::optional<Rating> {
    pg::Result rows =
        db.query("SELECT score, comment, rated_at FROM ratings WHERE activity_id = $1", activity);
    if (rows.empty()) return std::nullopt;
    return Rating{static_cast<int>(rows.integer(0, 0)), rows.text(0, 1),
                  time_from_unix_ms(rows.integer(0, 2))};
  });
}

std::vector<QueueRatings> PostgresStore::ratings_since(Time since) {
  return read([&](pg::Connection& db) {
    pg::Result rows = db.query(
        "SELECT queue, COUNT(*), SUM(score) FROM ("
        "  SELECT (SELECT queue_id FROM tasks t WHERE t.activity_id = r.activity_id"
        "          ORDER BY t.id DESC LIMIT 1) AS queue, r.score"
        "  FROM ratings r WHERE r.rated_at >= $1) rated"
        " WHERE queue IS NOT NULL GROUP BY queue ORDER BY queue",
        unix_ms(since));
    std::vector<QueueRatings> rated;
    for (int row = 0; row < rows.rows(); ++row) {
      rated.push_back(QueueRatings{rows.integer(row, 0),
                                   RatingSummary{rows.integer(row, 1), rows.integer(row, 2)}});
    }
    return rated;
  });
}

}  // namespace care::server::store
