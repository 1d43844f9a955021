// SqliteStore: the customer journey a page at a time (R-D5): only what a row shows,
// read by index (activities_by_customer: customer_id, created_at, and the rowid id
// after them, walked backwards), so a page costs the same for 50 or 10,000 activities.
#include <limits>
#include <unordered_map>

#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"

namespace care::server::store {

std::vector<JourneyEntry> SqliteStore::journey_page(Id customer, std::optional<JourneyCursor> after,
                                                    int limit) {
  Reading reading(*this);
  constexpr std::int64_t kNewest = std::numeric_limits<std::int64_t>::max();
  const std::int64_t before_ms = after ? unix_ms(after->created_at) : kNewest;
  const Id before_id = after ? after->id : kNewest;
  Statement& select = db_.prepare(
      "SELECT a.id, a.media, a.request_id, r.title, a.subject, a.created_at, a.closed_at,"
      " a.wrap_up_code, a.version FROM activities a LEFT JOIN requests r ON r.id = a.request_id"
      " WHERE a.customer_id = ?1 AND a.created_at <= ?2 AND (a.created_at < ?2 OR a.id < ?3)"
      " ORDER BY a.created_at DESC, a.id DESC LIMIT ?4");
  select.bind(1, customer).bind(2, before_ms).bind(3, before_id).bind(4, limit);
  std::vector<JourneyEntry> page;
  while (select.step()) {
    JourneyEntry e;
    e.id = select.column_int(0);
    e.media = enum_from_name<MediaType>(select.column_text(1)).value_or(MediaType::note);
    e.request = optional_id(select, 2);
    if (!select.column_is_null(3)) e.request_title = select.column_text(3);
    e.subject = select.column_text(4);
    e.created_at = time_from_unix_ms(select.column_int(5));
    e.closed_at = optional_time(select, 6);
    e.wrap_up = select.column_text(7);
    e.version = select.column_int(8);
    page.push_back(std::move(e));
  }
  select.reset();
  if (page.empty()) return page;

  // The tags of the page in one statement: those of the activities created within the
  // page's span (a neighbour sharing its first or last millisecond is skipped).
  std::unordered_map<Id, JourneyEntry*> by_id;
  for (JourneyEntry& e : page)
    by_id.emplace(e.id, &e);
  Statement& tags = db_.prepare(
      "SELECT t.activity_id, t.tag FROM activities a JOIN tags t ON t.activity_id = a.id"
      " WHERE a.customer_id = ?1 AND a.created_at BETWEEN ?2 AND ?3"
      " ORDER BY t.created_at, t.tag_key");
  tags.bind(1, customer)
      .bind(2, unix_ms(page.back().created_at))
      .bind(3, unix_ms(page.front().created_at));
  while (tags.step()) {
    auto owner = by_id.find(tags.column_int(0));
    if (owner != by_id.end()) owner->second->tags.push_back(tags.column_text(1));
  }
  tags.reset();
  return page;
}

std::int64_t SqliteStore::activity_count_of_customer(Id customer) {
  Reading reading(*this);
  Statement& count = db_.prepare("SELECT COUNT(*) FROM activities WHERE customer_id = ?");
  count.bind(1, customer);
  count.step();
  std::int64_t n = count.column_int(0);
  count.reset();
  return n;
}

}  // namespace care::server::store
