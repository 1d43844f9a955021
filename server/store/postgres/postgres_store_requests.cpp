// PostgresStore: requests, activities (with tags, messages, call events), comments and
// the chat widget's tokens (R-B, R-C), as SqliteStore's requests file.
#include <unordered_map>

#include "care/case_fold.hpp"
#include "care/codec/json.hpp"
#include "store/json_columns.hpp"
#include "store/postgres/pg_rows.hpp"
#include "store/postgres/postgres_store.hpp"

namespace care::server::store {
namespace {

constexpr const char* kRequestColumns =
    "id, customer_id, title, description, status, priority, created_at, updated_by, updated_at,"
    " closed_at, version";

Request request_from_row(const pg::Result& rows, int row) {
  Request r;
  r.id = rows.integer(row, 0);
  r.customer = pg::optional_id(rows, row, 1).value_or(0);
  r.title = rows.text(row, 2);
  r.description = rows.text(row, 3);
  r.status = enum_from_name<RequestStatus>(rows.text(row, 4)).value_or(RequestStatus::open);
  r.priority = enum_from_name<Priority>(rows.text(row, 5)).value_or(Priority::normal);
  r.created_at = pg::time_at(rows, row, 6);
  r.updated = Stamp{pg::optional_id(rows, row, 7).value_or(0), pg::time_at(rows, row, 8)};
  r.closed_at = pg::optional_time(rows, row, 9);
  r.version = rows.integer(row, 10);
  return r;
}

std::vector<Request> requests_from(const pg::Result& rows) {
  std::vector<Request> found;
  for (int row = 0; row < rows.rows(); ++row)
    found.push_back(request_from_row(rows, row));
  return found;
}

constexpr const char* kActivityColumns =
    "id, request_id, customer_id, media, subject, from_address, to_address, context,"
    " created_at, updated_by, updated_at, closed_at, wrap_up_code, version";

Activity activity_from_row(const pg::Result& rows, int row) {
  Activity a;
  a.id = rows.integer(row, 0);
  a.request = pg::optional_id(rows, row, 1);
  a.customer = pg::optional_id(rows, row, 2);
  a.media = enum_from_name<MediaType>(rows.text(row, 3)).value_or(MediaType::note);
  a.subject = rows.text(row, 4);
  a.from = rows.text(row, 5);
  a.to = rows.text(row, 6);
  // Written by this store from a valid context; an unreadable one shows as empty.
  if (auto context = decode_text<ConversationContext>(rows.text(row, 7))) a.context = *context;
  a.created_at = pg::time_at(rows, row, 8);
  a.updated = Stamp{pg::optional_id(rows, row, 9).value_or(0), pg::time_at(rows, row, 10)};
  a.closed_at = pg::optional_time(rows, row, 11);
  a.wrap_up = rows.text(row, 12);
  a.version = rows.integer(row, 13);
  return a;
}

constexpr const char* kMessageColumns =
    "id, author_kind, agent_id, author_name, body, created_at, client_key, email_to, email_cc,"
    " email_subject";

Message message_from_row(const pg::Result& rows, int row) {
  Message m;
  m.id = rows.integer(row, 0);
  m.author = enum_from_name<AuthorKind>(rows.text(row, 1)).value_or(AuthorKind::system);
  m.agent = pg::optional_id(rows, row, 2).value_or(0);
  m.author_name = rows.text(row, 3);
  m.text = rows.text(row, 4);
  m.at = pg::time_at(rows, row, 5);
  if (!rows.is_null(row, 6)) m.key = rows.text(row, 6);
  if (!rows.is_null(row, 9)) {
    m.email = EmailHeaders{string_list(rows.text(row, 7)), string_list(rows.text(row, 8)),
                           rows.text(row, 9)};
  }
  return m;
}

void touch_request_of(pg::Connection& db, std::optional<Id> request, Time at) {
  if (!request) return;
  db.query("UPDATE requests SET last_activity_at = GREATEST(last_activity_at, $1) WHERE id = $2",
           unix_ms(at), *request);
}

void write_tags(pg::Connection& db, Id activity, const std::vector<std::string>& tags, Time at) {
  db.query("DELETE FROM tags WHERE activity_id = $1", activity);
  std::int64_t order = unix_ms(at);
  for (const std::string& tag : tags) {
    // created_at doubles as the order the agent entered them in.
    db.query("INSERT INTO tags(activity_id, tag, tag_key, created_at) VALUES ($1, $2, $3, $4)",
             activity, tag, fold_case(tag), order++);
  }
}

Message insert_message(pg::Connection& db, Id activity, Message message) {
  auto email_list = [&](const std::vector<std::string>& list) -> std::optional<std::string> {
    if (!message.email) return std::nullopt;
    return Json(list).dump();
  };
  pg::Result inserted = db.query(
      "INSERT INTO messages(activity_id, author_kind, agent_id, author_name, body, created_at,"
      " client_key, email_to, email_cc, email_subject)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
      activity, enum_name(message.author), nullable_id(message.agent), message.author_name,
      message.text, unix_ms(message.at),
      message.key.empty() ? std::nullopt : std::optional<std::string>(message.key),
      message.email ? email_list(message.email->to) : std::nullopt,
      message.email ? email_list(message.email->cc) : std::nullopt,
      message.email ? std::optional<std::string>(message.email->subject) : std::nullopt);
  message.id = inserted.integer(0, 0);
  // The files it carries join it; one already sent with another message stays there.
  std::vector<Attachment> joined;
  for (const Attachment& file : message.attachments) {
    pg::Result updated = db.query(
        "UPDATE attachments SET message_id = $1, activity_id = $2 WHERE id = $3"
        " AND message_id IS NULL AND (activity_id IS NULL OR activity_id = $2)",
        message.id, activity, file.id);
    if (updated.affected() == 1) joined.push_back(file);
  }
  message.attachments = std::move(joined);
  return message;
}

bool insert_call_event(pg::Connection& db, Id activity, const CallEvent& event) {
  return db.query(
               "INSERT INTO call_events(activity_id, event, at) VALUES ($1, $2, $3)"
               " ON CONFLICT DO NOTHING",
               activity, enum_name(event.kind), unix_ms(event.at))
             .affected() > 0;
}

}  // namespace

void touch_activity(pg::Connection& db, Id activity, Time at) {
  pg::Result touched = db.query(
      "UPDATE activities SET updated_at = GREATEST(updated_at, $1) WHERE id = $2"
      " RETURNING request_id",
      unix_ms(at), activity);
  if (!touched.empty()) touch_request_of(db, pg::optional_id(touched, 0, 0), at);
}

namespace {

// The activity in `rows` (its first row) with its tags, messages and call events.
std::optional<Activity> load_activity(pg::Connection& db, const pg::Result& rows) {
  if (rows.empty()) return std::nullopt;
  Activity a = activity_from_row(rows, 0);
  pg::Result tags =
      db.query("SELECT tag FROM tags WHERE activity_id = $1 ORDER BY created_at, tag_key", a.id);
  for (int row = 0; row < tags.rows(); ++row)
    a.tags.push_back(tags.text(row, 0));
  pg::Result messages = db.query(std::string("SELECT ") + kMessageColumns +
                                     " FROM messages WHERE activity_id = $1 ORDER BY id",
                                 a.id);
  for (int row = 0; row < messages.rows(); ++row)
    a.messages.push_back(message_from_row(messages, row));
  if (!a.messages.empty()) {
    pg::Result files = db.query(
        "SELECT message_id, id, name, media_type, size, sha256 FROM attachments"
        " WHERE activity_id = $1 AND message_id IS NOT NULL ORDER BY id",
        a.id);
    for (int row = 0; row < files.rows(); ++row) {
      Id message = files.integer(row, 0);
      for (Message& m : a.messages) {
        if (m.id != message) continue;
        m.attachments.push_back(Attachment{files.integer(row, 1), files.text(row, 2),
                                           files.text(row, 3), files.integer(row, 4),
                                           files.text(row, 5)});
        break;
      }
    }
  }
  pg::Result calls =
      db.query("SELECT event, at FROM call_events WHERE activity_id = $1 ORDER BY id", a.id);
  for (int row = 0; row < calls.rows(); ++row) {
    a.call_events.push_back(
        CallEvent{enum_from_name<CallEventKind>(calls.text(row, 0)).value_or(CallEventKind::ended),
                  pg::time_at(calls, row, 1)});
  }
  return a;
}

}  // namespace

Request PostgresStore::create_request(Request request, Id actor) {
  return write([&](pg::Connection& db) {
    pg::Result inserted = db.query(
        "INSERT INTO requests(customer_id, title, description, status, priority, version,"
        " created_at, updated_at, updated_by, closed_at, last_activity_at)"
        " VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9, $10) RETURNING id",
        nullable_id(request.customer), request.title, request.description,
        enum_name(request.status), enum_name(request.priority), unix_ms(request.created_at),
        unix_ms(request.updated.at), nullable_id(actor), optional_ms(request.closed_at),
        unix_ms(request.updated.at));
    request.id = inserted.integer(0, 0);
    request.version = 1;
    audit(db, nullable_id(actor), "create", "request", request.id, "{}",
          unix_ms(request.updated.at));
    return request;
  });
}

// Inside a unit of work request() and activity() lock the row they read (FOR UPDATE):
// the unit writes over what it read, as under SQLite's one writer (a close's activity,
// an unknown contact's request), and another save of it waits for the unit.
std::optional<Request> PostgresStore::request(Id id) {
  return read([&](pg::Connection& db) -> std::optional<Request> {
    auto found = requests_from(db.query(std::string("SELECT ") + kRequestColumns +
                                            " FROM requests WHERE id = $1" +
                                            (unit_here() ? " FOR UPDATE" : ""),
                                        id));
    if (found.empty()) return std::nullopt;
    return found.front();
  });
}

bool PostgresStore::save_request(const Request& request, Version edited, Id actor) {
  return write([&](pg::Connection& db) {
    pg::Result updated = db.query(
        "UPDATE requests SET customer_id = $1, title = $2, description = $3, status = $4,"
        " priority = $5, version = $6, updated_at = $7, updated_by = $8, closed_at = $9"
        " WHERE id = $10 AND version = $11",
        nullable_id(request.customer), request.title, request.description,
        enum_name(request.status), enum_name(request.priority), request.version,
        unix_ms(request.updated.at), nullable_id(request.updated.by),
        optional_ms(request.closed_at), request.id, edited);
    if (updated.affected() == 0) return false;
    audit(db, nullable_id(actor), "update", "request", request.id,
          Json{{"version", request.version}, {"status", enum_name(request.status)}}.dump(),
          unix_ms(request.updated.at));
    return true;
  });
}

std::vector<Request> PostgresStore::requests_of(Id customer) {
  return read([&](pg::Connection& db) {
    // In a unit of work the unit may join one of them or open a new one (an accept,
    // R-A7): units doing so for one customer read and decide one after the other.
    if (unit_here()) lock_key(db, KeyKind::customer_requests, std::to_string(customer));
    return requests_from(
        db.query(std::string("SELECT ") + kRequestColumns +
                     " FROM requests WHERE customer_id = $1"
                     " ORDER BY GREATEST(updated_at, last_activity_at) DESC, id DESC",
                 customer));
  });
}

std::vector<Request> PostgresStore::quiet_open_requests(Time cutoff, int limit) {
  return read([&](pg::Connection& db) {
    return requests_from(db.query(std::string("SELECT ") + kRequestColumns +
                                      " FROM requests WHERE status = 'open'"
                                      " AND GREATEST(updated_at, last_activity_at) <= $1"
                                      " ORDER BY id LIMIT $2",
                                  unix_ms(cutoff), limit));
  });
}

// --- activities -------------------------------------------------------------------

Activity PostgresStore::create_activity(Activity activity, std::string_view external_ref,
                                        Id actor) {
  return write([&](pg::Connection& db) {
    Activity stored = activity;  // a retried transaction starts again from the caller's
    pg::Result inserted = db.query(
        "INSERT INTO activities(request_id, customer_id, media, subject, from_address,"
        " to_address, context, version, created_at, updated_at, updated_by, closed_at,"
        " wrap_up_code, external_ref)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10, $11, $12, $13) RETURNING id",
        stored.request, stored.customer, enum_name(stored.media), stored.subject, stored.from,
        stored.to, Json(stored.context).dump(), unix_ms(stored.created_at),
        unix_ms(stored.updated.at), nullable_id(actor), optional_ms(stored.closed_at),
        stored.wrap_up,
        external_ref.empty() ? std::optional<std::string>()
                             : std::optional<std::string>(external_ref));
    stored.id = inserted.integer(0, 0);
    stored.version = 1;
    write_tags(db, stored.id, stored.tags, stored.updated.at);
    for (Message& message : stored.messages)
      message = insert_message(db, stored.id, message);
    for (const CallEvent& event : stored.call_events)
      insert_call_event(db, stored.id, event);
    touch_request_of(db, stored.request, stored.updated.at);
    audit(db, nullable_id(actor), "create", "activity", stored.id,
          Json{{"media", enum_name(stored.media)}}.dump(), unix_ms(stored.updated.at));
    return stored;
  });
}

std::optional<Activity> PostgresStore::activity(Id id) {
  return read([&](pg::Connection& db) {
    return load_activity(
        db, db.query(std::string("SELECT ") + kActivityColumns + " FROM activities WHERE id = $1" +
                         (unit_here() ? " FOR UPDATE" : ""),
                     id));
  });
}

std::optional<Activity> PostgresStore::activity_by_ref(MediaType media, std::string_view ref) {
  return read([&](pg::Connection& db) {
    // In a unit of work the unit stores the activity if it is not there yet (ingestion):
    // units looking for one reference do so one after the other.
    if (unit_here())
      lock_key(db, KeyKind::external_ref, std::string(enum_name(media)) + ":" + std::string(ref));
    return load_activity(db, db.query(std::string("SELECT ") + kActivityColumns +
                                          " FROM activities WHERE media = $1 AND external_ref = $2",
                                      enum_name(media), ref));
  });
}

std::string PostgresStore::external_ref(Id activity) {
  return read([&](pg::Connection& db) {
    pg::Result rows = db.query("SELECT external_ref FROM activities WHERE id = $1", activity);
    return rows.empty() ? std::string() : rows.text(0, 0);
  });
}

bool PostgresStore::save_activity(const Activity& activity, Version edited, Id actor) {
  return write([&](pg::Connection& db) {
    std::optional<Id> old_request;
    // Locked as read, so the request it leaves is the one the update below replaces.
    pg::Result before =
        db.query("SELECT request_id FROM activities WHERE id = $1 FOR UPDATE", activity.id);
    if (!before.empty()) old_request = pg::optional_id(before, 0, 0);
    pg::Result updated = db.query(
        "UPDATE activities SET request_id = $1, customer_id = $2, subject = $3,"
        " from_address = $4, to_address = $5, context = $6, version = $7, updated_at = $8,"
        " updated_by = $9, closed_at = $10, wrap_up_code = $11 WHERE id = $12 AND version = $13",
        activity.request, activity.customer, activity.subject, activity.from, activity.to,
        Json(activity.context).dump(), activity.version, unix_ms(activity.updated.at),
        nullable_id(activity.updated.by), optional_ms(activity.closed_at), activity.wrap_up,
        activity.id, edited);
    if (updated.affected() == 0) return false;
    write_tags(db, activity.id, activity.tags, activity.updated.at);
    // A move touches both requests: the one it left and the one it joined (R-C3), the
    // lower id first (two moves the opposite ways lock them in one order).
    std::optional<Id> first = old_request;
    std::optional<Id> second = activity.request;
    if (first && second && *second < *first) std::swap(first, second);
    touch_request_of(db, first, activity.updated.at);
    if (second != first) touch_request_of(db, second, activity.updated.at);
    audit(db, nullable_id(actor), "update", "activity", activity.id,
          Json{{"version", activity.version}}.dump(), unix_ms(activity.updated.at));
    return true;
  });
}

std::vector<Activity> PostgresStore::activities_of_request(Id request) {
  return read([&](pg::Connection& db) {
    std::vector<Activity> found;
    pg::Result rows = db.query(std::string("SELECT ") + kActivityColumns +
                                   " FROM activities WHERE request_id = $1"
                                   " ORDER BY created_at DESC, id DESC",
                               request);
    for (int row = 0; row < rows.rows(); ++row)
      found.push_back(activity_from_row(rows, row));
    // Every tag of these activities in one statement.
    std::unordered_map<Id, Activity*> by_id;
    for (Activity& a : found)
      by_id.emplace(a.id, &a);
    pg::Result tags = db.query(
        "SELECT t.activity_id, t.tag FROM tags t JOIN activities a ON a.id = t.activity_id"
        " WHERE a.request_id = $1 ORDER BY t.created_at, t.tag_key",
        request);
    for (int row = 0; row < tags.rows(); ++row) {
      auto owner = by_id.find(tags.integer(row, 0));
      if (owner != by_id.end()) owner->second->tags.push_back(tags.text(row, 1));
    }
    return found;
  });
}

Message PostgresStore::add_message(Id activity, Message message) {
  return write([&](pg::Connection& db) {
    Message stored = insert_message(db, activity, message);
    touch_activity(db, activity, stored.at);
    return stored;
  });
}

std::optional<Message> PostgresStore::message_by_key(Id activity, std::string_view key) {
  return read([&](pg::Connection& db) -> std::optional<Message> {
    // In a unit of work the unit stores the line if the key is new (R-J5): units
    // looking for one key do so one after the other.
    if (unit_here())
      lock_key(db, KeyKind::message_key, std::to_string(activity) + ":" + std::string(key));
    pg::Result rows = db.query(std::string("SELECT ") + kMessageColumns +
                                   " FROM messages WHERE activity_id = $1 AND client_key = $2",
                               activity, key);
    if (rows.empty()) return std::nullopt;
    return message_from_row(rows, 0);
  });
}

bool PostgresStore::add_call_event(Id activity, const CallEvent& event) {
  return write([&](pg::Connection& db) {
    if (!insert_call_event(db, activity, event)) return false;
    touch_activity(db, activity, event.at);
    return true;
  });
}

Comment PostgresStore::add_comment(Comment comment) {
  return write([&](pg::Connection& db) {
    pg::Result inserted = db.query(
        "INSERT INTO comments(activity_id, author_id, body, created_at) VALUES ($1, $2, $3, $4)"
        " RETURNING id",
        comment.activity, comment.author, comment.text, unix_ms(comment.at));
    comment.id = inserted.integer(0, 0);
    touch_activity(db, comment.activity, comment.at);
    audit(db, comment.author, "comment", "activity", comment.activity, "{}", unix_ms(comment.at));
    return comment;
  });
}

std::vector<Comment> PostgresStore::comments(Id activity) {
  return read([&](pg::Connection& db) {
    pg::Result rows = db.query(
        "SELECT c.id, c.activity_id, c.author_id, a.display_name, c.body, c.created_at"
        " FROM comments c JOIN agents a ON a.id = c.author_id WHERE c.activity_id = $1"
        " ORDER BY c.id",
        activity);
    std::vector<Comment> found;
    for (int row = 0; row < rows.rows(); ++row) {
      found.push_back(Comment{rows.integer(row, 0), rows.integer(row, 1), rows.integer(row, 2),
                              rows.text(row, 3), rows.text(row, 4), pg::time_at(rows, row, 5)});
    }
    return found;
  });
}

void PostgresStore::add_widget_token(std::string_view token_hash, Id activity, Time now) {
  write([&](pg::Connection& db) {
    db.query("INSERT INTO widget_tokens(token_hash, activity_id, created_at) VALUES ($1, $2, $3)",
             token_hash, activity, unix_ms(now));
  });
}

std::optional<Id> PostgresStore::widget_activity(std::string_view token_hash) {
  return read([&](pg::Connection& db) -> std::optional<Id> {
    pg::Result rows =
        db.query("SELECT activity_id FROM widget_tokens WHERE token_hash = $1", token_hash);
    if (rows.empty()) return std::nullopt;
    return rows.integer(0, 0);
  });
}

}  // namespace care::server::store
