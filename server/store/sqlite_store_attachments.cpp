// SqliteStore: attachments (issue 18). The content is a file in the data folder named
// by its SHA-256 (attachments/ab/ab12…), written once; the rows name each upload.
#include <filesystem>
#include <fstream>
#include <map>
#include <system_error>

#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"
#include "store/store_error.hpp"

namespace care::server::store {
namespace {

namespace fs = std::filesystem;

constexpr const char* kAttachmentColumns =
    "id, name, media_type, size, sha256, activity_id, message_id, author_kind, agent_id,"
    " created_at";

AttachmentRow attachment_from_row(const Statement& row) {
  AttachmentRow a;
  a.file.id = row.column_int(0);
  a.file.name = row.column_text(1);
  a.file.media_type = row.column_text(2);
  a.file.size = row.column_int(3);
  a.file.sha256 = row.column_text(4);
  a.activity = optional_id(row, 5).value_or(0);
  a.message = optional_id(row, 6).value_or(0);
  a.author = enum_from_name<AuthorKind>(row.column_text(7)).value_or(AuthorKind::system);
  a.agent = optional_id(row, 8).value_or(0);
  a.at = time_from_unix_ms(row.column_int(9));
  return a;
}

fs::path content_path(const std::string& folder, std::string_view sha256) {
  return fs::path(folder) / std::string(sha256.substr(0, 2)) / std::string(sha256);
}

// Writes the content under its hash unless it is there: to a temporary name first,
// then renamed, so a reader never sees half a file and two writers of the same
// content both end with the whole one.
void keep_content(const std::string& folder, std::string_view sha256, std::string_view content) {
  fs::path target = content_path(folder, sha256);
  std::error_code error;
  if (fs::exists(target, error)) return;
  fs::create_directories(target.parent_path(), error);
  fs::path partial = target;
  partial += ".part" + std::to_string(reinterpret_cast<std::uintptr_t>(&content));
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      fs::remove(partial, error);
      throw StorageFull("the attachment could not be written to " + target.parent_path().string());
    }
  }
  fs::rename(partial, target, error);
  if (error) {
    fs::remove(partial, error);
    throw StoreError("the attachment could not be stored: " + error.message());
  }
}

}  // namespace

Attachment SqliteStore::add_attachment(const AttachmentRow& row, std::string_view content) {
  keep_content(attachments_dir_, row.file.sha256, content);
  std::lock_guard lock(mutex_);
  return db_.transaction([&] {
    db_.prepare(
           "INSERT INTO attachments(activity_id, message_id, sha256, name, media_type, size,"
           " author_kind, agent_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, nullable_id(row.activity))
        .bind(2, nullable_id(row.message))
        .bind(3, row.file.sha256)
        .bind(4, row.file.name)
        .bind(5, row.file.media_type)
        .bind(6, row.file.size)
        .bind(7, enum_name(row.author))
        .bind(8, nullable_id(row.agent))
        .bind(9, unix_ms(row.at))
        .run();
    Attachment stored = row.file;
    stored.id = db_.last_insert_id();
    return stored;
  });
}

std::optional<AttachmentRow> SqliteStore::attachment(Id id) {
  Reading reading(*this);
  Statement& select =
      db_.prepare(std::string("SELECT ") + kAttachmentColumns + " FROM attachments WHERE id = ?");
  select.bind(1, id);
  std::optional<AttachmentRow> found;
  if (select.step()) found = attachment_from_row(select);
  select.reset();
  return found;
}

std::optional<std::string> SqliteStore::attachment_content(std::string_view sha256) {
  if (sha256.size() != 64) return std::nullopt;
  std::ifstream in(content_path(attachments_dir_, sha256), std::ios::binary);
  if (!in) return std::nullopt;
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return content;
}

std::vector<Attachment> SqliteStore::unsent_attachments(Id activity, Id agent) {
  Reading reading(*this);
  Statement& select = db_.prepare(std::string("SELECT ") + kAttachmentColumns +
                                  " FROM attachments WHERE activity_id = ? AND agent_id = ?"
                                  " AND message_id IS NULL ORDER BY id");
  select.bind(1, activity).bind(2, agent);
  std::vector<Attachment> files;
  while (select.step())
    files.push_back(attachment_from_row(select).file);
  select.reset();
  return files;
}

std::int64_t SqliteStore::attachment_contents() {
  Reading reading(*this);
  Statement& select = db_.prepare("SELECT COUNT(DISTINCT sha256) FROM attachments");
  std::int64_t count = select.step() ? select.column_int(0) : 0;
  select.reset();
  return count;
}

void SqliteStore::load_message_attachments(Activity& activity) {
  if (activity.messages.empty()) return;
  std::map<Id, Message*> by_id;
  for (Message& message : activity.messages)
    by_id[message.id] = &message;
  Statement& select = db_.prepare(std::string("SELECT ") + kAttachmentColumns +
                                  " FROM attachments WHERE activity_id = ?"
                                  " AND message_id IS NOT NULL ORDER BY id");
  select.bind(1, activity.id);
  while (select.step()) {
    AttachmentRow row = attachment_from_row(select);
    auto found = by_id.find(row.message);
    if (found != by_id.end()) found->second->attachments.push_back(std::move(row.file));
  }
  select.reset();
}

}  // namespace care::server::store
