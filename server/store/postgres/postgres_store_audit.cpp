// PostgresStore: the audit trail, as SqliteStore's audit file.
#include "store/postgres/pg_rows.hpp"
#include "store/postgres/postgres_store.hpp"

namespace care::server::store {

void PostgresStore::record_action(std::optional<Id> actor, std::string_view action,
                                  std::string_view record_type, Id record_id,
                                  std::string_view detail_json, std::int64_t now_ms) {
  write([&](pg::Connection& db) {
    audit(db, actor, action, record_type, record_id, detail_json, now_ms);
    return true;
  });
}

std::vector<AuditEntry> PostgresStore::audit_trail(std::string_view record_type, Id record_id,
                                                   int limit) {
  return read([&](pg::Connection& db) {
    pg::Result rows = db.query(
        "SELECT id, at, actor_id, action, record_type, record_id, detail FROM ("
        "  SELECT * FROM audit WHERE record_type = $1 AND record_id = $2"
        "  ORDER BY at DESC, id DESC LIMIT $3) newest ORDER BY at, id",
        record_type, record_id, static_cast<std::int64_t>(limit));
    std::vector<AuditEntry> trail;
    for (int row = 0; row < rows.rows(); ++row) {
      trail.push_back(AuditEntry{rows.integer(row, 0), time_from_unix_ms(rows.integer(row, 1)),
                                 optional_id(rows, row, 2), rows.text(row, 3), rows.text(row, 4),
                                 rows.integer(row, 5), rows.text(row, 6)});
    }
    return trail;
  });
}

}  // namespace care::server::store
