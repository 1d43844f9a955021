// PostgresStore: attachments (issue 18), as SqliteStore's, with the content in the
// database (attachment_contents: one bytea row per SHA-256, sent and read as hex).
#include <sodium.h>

#include "store/postgres/pg_rows.hpp"
#include "store/postgres/postgres_store.hpp"

namespace care::server::store {
namespace {

constexpr const char* kAttachmentColumns =
    "id, name, media_type, size, sha256, activity_id, message_id, author_kind, agent_id,"
    " created_at";

AttachmentRow attachment_from_row(const pg::Result& rows, int row) {
  AttachmentRow a;
  a.file.id = rows.integer(row, 0);
  a.file.name = rows.text(row, 1);
  a.file.media_type = rows.text(row, 2);
  a.file.size = rows.integer(row, 3);
  a.file.sha256 = rows.text(row, 4);
  a.activity = pg::optional_id(rows, row, 5).value_or(0);
  a.message = pg::optional_id(rows, row, 6).value_or(0);
  a.author = enum_from_name<AuthorKind>(rows.text(row, 7)).value_or(AuthorKind::system);
  a.agent = pg::optional_id(rows, row, 8).value_or(0);
  a.at = pg::time_at(rows, row, 9);
  return a;
}

std::string to_hex(std::string_view bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  hex.pop_back();
  return hex;
}

std::string from_hex(std::string_view hex) {
  std::string bytes(hex.size() / 2, '\0');
  size_t length = 0;
  sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(),
                 hex.size(), nullptr, &length, nullptr);
  bytes.resize(length);
  return bytes;
}

}  // namespace

Attachment PostgresStore::add_attachment(const AttachmentRow& row, std::string_view content) {
  return write([&](pg::Connection& db) {
    db.query(
        "INSERT INTO attachment_contents(sha256, content) VALUES ($1, decode($2, 'hex'))"
        " ON CONFLICT (sha256) DO NOTHING",
        row.file.sha256, to_hex(content));
    pg::Result inserted = db.query(
        "INSERT INTO attachments(activity_id, message_id, sha256, name, media_type, size,"
        " author_kind, agent_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        " RETURNING id",
        nullable_id(row.activity), nullable_id(row.message), row.file.sha256, row.file.name,
        row.file.media_type, row.file.size, enum_name(row.author), nullable_id(row.agent),
        unix_ms(row.at));
    Attachment stored = row.file;
    stored.id = inserted.integer(0, 0);
    return stored;
  });
}

std::optional<AttachmentRow> PostgresStore::attachment(Id id) {
  return read([&](pg::Connection& db) -> std::optional<AttachmentRow> {
    pg::Result rows = db.query(
        std::string("SELECT ") + kAttachmentColumns + " FROM attachments WHERE id = $1", id);
    if (rows.empty()) return std::nullopt;
    return attachment_from_row(rows, 0);
  });
}

std::optional<std::string> PostgresStore::attachment_content(std::string_view sha256) {
  return read([&](pg::Connection& db) -> std::optional<std::string> {
    pg::Result rows = db.query(
        "SELECT encode(content, 'hex') FROM attachment_contents WHERE sha256 = $1", sha256);
    if (rows.empty()) return std::nullopt;
    return from_hex(rows.text(0, 0));
  });
}

std::vector<Attachment> PostgresStore::unsent_attachments(Id activity, Id agent) {
  return read([&](pg::Connection& db) {
    pg::Result rows = db.query(std::string("SELECT ") + kAttachmentColumns +
                                   " FROM attachments WHERE activity_id = $1 AND agent_id = $2"
                                   " AND message_id IS NULL ORDER BY id",
                               activity, agent);
    std::vector<Attachment> files;
    for (int row = 0; row < rows.rows(); ++row)
      files.push_back(attachment_from_row(rows, row).file);
    return files;
  });
}

std::int64_t PostgresStore::attachment_contents() {
  return read([&](pg::Connection& db) {
    return db.query("SELECT COUNT(*) FROM attachment_contents").integer(0, 0);
  });
}

}  // namespace care::server::store
