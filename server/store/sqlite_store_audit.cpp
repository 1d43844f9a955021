// SqliteStore: reading the audit trail, and appending actions that change no row.
#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"

namespace care::server::store {

void SqliteStore::record_action(std::optional<Id> actor, std::string_view action,
                                std::string_view record_type, Id record_id,
                                std::string_view detail_json, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  db_.transaction([&] { audit(actor, action, record_type, record_id, detail_json, now_ms); });
}

std::vector<AuditEntry> SqliteStore::audit_trail(std::string_view record_type, Id record_id,
                                                 int limit) {
  Reading reading(*this);
  Statement& select = db_.prepare(
      "SELECT id, at, actor_id, action, record_type, record_id, detail FROM ("
      "  SELECT * FROM audit WHERE record_type = ? AND record_id = ?"
      "  ORDER BY at DESC, id DESC LIMIT ?) ORDER BY at, id");
  select.bind(1, record_type).bind(2, record_id).bind(3, static_cast<std::int64_t>(limit));
  std::vector<AuditEntry> trail;
  while (select.step()) {
    trail.push_back(AuditEntry{select.column_int(0), time_from_unix_ms(select.column_int(1)),
                               optional_id(select, 2), select.column_text(3), select.column_text(4),
                               select.column_int(5), select.column_text(6)});
  }
  select.reset();
  return trail;
}

}  // namespace care::server::store
