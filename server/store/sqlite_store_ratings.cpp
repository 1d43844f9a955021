// SqliteStore: customer satisfaction (issue 18), a chat rated once by its customer.
#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"

namespace care::server::store {

bool SqliteStore::rate_activity(Id activity, const Rating& rating) {
  std::lock_guard lock(mutex_);
  return db_.transaction([&] {
    db_.prepare(
           "INSERT INTO ratings(activity_id, score, comment, rated_at) VALUES (?, ?, ?, ?)"
           " ON CONFLICT (activity_id) DO NOTHING")
        .bind(1, activity)
        .bind(2, static_cast<std::int64_t>(rating.score))
        .bind(3, rating.comment)
        .bind(4, unix_ms(rating.at))
        .run();
    return db_.changes() == 1;
  });
}

std::optional<Rating> SqliteStore::rating(Id activity) {
  Reading reading(*this);
  Statement& select =
      db_.prepare("SELECT score, comment, rated_at FROM ratings WHERE activity_id = ?");
  select.bind(1, activity);
  std::optional<Rating> found;
  if (select.step()) {
    found = Rating{static_cast<int>(select.column_int(0)), select.column_text(1),
                   time_from_unix_ms(select.column_int(2))};
  }
  select.reset();
  return found;
}

std::vector<QueueRatings> SqliteStore::ratings_since(Time since) {
  Reading reading(*this);
  // The queue of the activity's latest task: the one its customer last waited in.
  Statement& select = db_.prepare(
      "SELECT (SELECT queue_id FROM tasks t WHERE t.activity_id = r.activity_id"
      "        ORDER BY t.id DESC LIMIT 1) AS queue, COUNT(*), SUM(r.score)"
      " FROM ratings r WHERE r.rated_at >= ? GROUP BY queue HAVING queue IS NOT NULL"
      " ORDER BY queue");
  select.bind(1, unix_ms(since));
  std::vector<QueueRatings> rated;
  while (select.step()) {
    rated.push_back(QueueRatings{select.column_int(0),
                                 RatingSummary{select.column_int(1), select.column_int(2)}});
  }
  select.reset();
  return rated;
}

}  // namespace care::server::store
