// PostgresStore: the customer journey a page at a time (R-D5), as SqliteStore's journey
// file: only what a row shows, read by index (activities_by_customer).
#include <limits>

#include "store/json_columns.hpp"
#include "store/postgres/pg_rows.hpp"
#include "store/postgres/postgres_store.hpp"

namespace care::server::store {

std::vector<JourneyEntry> PostgresStore::journey_page(Id customer,
                                                      std::optional<JourneyCursor> after,
                                                      int limit) {
  constexpr std::int64_t kNewest = std::numeric_limits<std::int64_t>::max();
  const std::int64_t before_ms = after ? unix_ms(after->created_at) : kNewest;
  const Id before_id = after ? after->id : kNewest;
  return read([&](pg::Connection& db) {
    // The rows and their tags (a JSON list each, by the tags' key) in one statement: one
    // round trip to the database fewer a page than reading the tags after.
    pg::Result rows = db.query(
        "SELECT a.id, a.media, a.request_id, r.title, a.subject, a.created_at, a.closed_at,"
        " a.wrap_up_code, a.version, (SELECT json_agg(t.tag ORDER BY t.created_at, t.tag_key)"
        " FROM tags t WHERE t.activity_id = a.id) FROM activities a"
        " LEFT JOIN requests r ON r.id = a.request_id"
        " WHERE a.customer_id = $1 AND a.created_at <= $2 AND (a.created_at < $2 OR a.id < $3)"
        " ORDER BY a.created_at DESC, a.id DESC LIMIT $4",
        customer, before_ms, before_id, limit);
    std::vector<JourneyEntry> page;
    for (int row = 0; row < rows.rows(); ++row) {
      JourneyEntry e;
      e.id = rows.integer(row, 0);
      e.media = enum_from_name<MediaType>(rows.text(row, 1)).value_or(MediaType::note);
      e.request = pg::optional_id(rows, row, 2);
      if (!rows.is_null(row, 3)) e.request_title = rows.text(row, 3);
      e.subject = rows.text(row, 4);
      e.created_at = pg::time_at(rows, row, 5);
      e.closed_at = pg::optional_time(rows, row, 6);
      e.wrap_up = rows.text(row, 7);
      e.version = rows.integer(row, 8);
      if (!rows.is_null(row, 9)) e.tags = string_list(rows.text(row, 9));
      page.push_back(std::move(e));
    }
    return page;
  });
}

std::int64_t PostgresStore::activity_count_of_customer(Id customer) {
  return read([&](pg::Connection& db) {
    return db.query("SELECT COUNT(*) FROM activities WHERE customer_id = $1", customer)
        .integer(0, 0);
  });
}

}  // namespace care::server::store
