// SqliteStore: requests, activities (with tags, messages, call events), comments and
// the chat widget's tokens (R-B, R-C).
#include <unordered_map>

#include "care/case_fold.hpp"
#include "care/codec/json.hpp"
#include "store/json_columns.hpp"
#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"

namespace care::server::store {
namespace {

constexpr const char* kRequestColumns =
    "id, customer_id, title, description, status, priority, created_at, updated_by, updated_at,"
    " closed_at, version";

Request request_from_row(const Statement& row) {
  Request r;
  r.id = row.column_int(0);
  r.customer = optional_id(row, 1).value_or(0);
  r.title = row.column_text(2);
  r.description = row.column_text(3);
  r.status = enum_from_name<RequestStatus>(row.column_text(4)).value_or(RequestStatus::open);
  r.priority = enum_from_name<Priority>(row.column_text(5)).value_or(Priority::normal);
  r.created_at = time_from_unix_ms(row.column_int(6));
  r.updated = Stamp{row.column_int(7), time_from_unix_ms(row.column_int(8))};
  r.closed_at = optional_time(row, 9);
  r.version = row.column_int(10);
  return r;
}

std::vector<Request> requests_from(Statement& statement) {
  std::vector<Request> found;
  while (statement.step())
    found.push_back(request_from_row(statement));
  statement.reset();
  return found;
}

constexpr const char* kActivityColumns =
    "id, request_id, customer_id, media, subject, from_address, to_address, context,"
    " created_at, updated_by, updated_at, closed_at, wrap_up_code, version";

Activity activity_from_row(const Statement& row) {
  Activity a;
  a.id = row.column_int(0);
  a.request = optional_id(row, 1);
  a.customer = optional_id(row, 2);
  a.media = enum_from_name<MediaType>(row.column_text(3)).value_or(MediaType::note);
  a.subject = row.column_text(4);
  a.from = row.column_text(5);
  a.to = row.column_text(6);
  // Written by this store from a valid context; an unreadable one (a hand-edited
  // database) shows as empty rather than failing the whole record.
  if (auto context = decode_text<ConversationContext>(row.column_text(7))) a.context = *context;
  a.created_at = time_from_unix_ms(row.column_int(8));
  a.updated = Stamp{row.column_int(9), time_from_unix_ms(row.column_int(10))};
  a.closed_at = optional_time(row, 11);
  a.wrap_up = row.column_text(12);
  a.version = row.column_int(13);
  return a;
}

constexpr const char* kMessageColumns =
    "id, author_kind, agent_id, author_name, body, created_at, client_key, email_to, email_cc,"
    " email_subject";

Message message_from_row(const Statement& row) {
  Message m;
  m.id = row.column_int(0);
  m.author = enum_from_name<AuthorKind>(row.column_text(1)).value_or(AuthorKind::system);
  m.agent = optional_id(row, 2).value_or(0);
  m.author_name = row.column_text(3);
  m.text = row.column_text(4);
  m.at = time_from_unix_ms(row.column_int(5));
  if (!row.column_is_null(6)) m.key = row.column_text(6);
  if (!row.column_is_null(9)) {
    m.email = EmailHeaders{string_list(row.column_text(7)), string_list(row.column_text(8)),
                           row.column_text(9)};
  }
  return m;
}

}  // namespace

Request SqliteStore::create_request(Request request, Id actor) {
  std::lock_guard lock(mutex_);
  db_.transaction([&] {
    db_.prepare(
           "INSERT INTO requests(customer_id, title, description, status, priority, version,"
           " created_at, updated_at, updated_by, closed_at, last_activity_at)"
           " VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)")
        .bind(1, nullable_id(request.customer))
        .bind(2, request.title)
        .bind(3, request.description)
        .bind(4, enum_name(request.status))
        .bind(5, enum_name(request.priority))
        .bind(6, unix_ms(request.created_at))
        .bind(7, unix_ms(request.updated.at))
        .bind(8, nullable_id(actor))
        .bind(9, optional_ms(request.closed_at))
        .bind(10, unix_ms(request.updated.at))
        .run();
    request.id = db_.last_insert_id();
    request.version = 1;
    audit(nullable_id(actor), "create", "request", request.id, "{}", unix_ms(request.updated.at));
  });
  return request;
}

std::optional<Request> SqliteStore::request(Id id) {
  Reading reading(*this);
  Statement& select =
      db_.prepare(std::string("SELECT ") + kRequestColumns + " FROM requests WHERE id = ?");
  select.bind(1, id);
  auto found = requests_from(select);
  if (found.empty()) return std::nullopt;
  return found.front();
}

bool SqliteStore::save_request(const Request& request, Version edited, Id actor) {
  std::lock_guard lock(mutex_);
  return db_.transaction([&] {
    db_.prepare(
           "UPDATE requests SET customer_id = ?, title = ?, description = ?, status = ?,"
           " priority = ?, version = ?, updated_at = ?, updated_by = ?, closed_at = ?"
           " WHERE id = ? AND version = ?")
        .bind(1, nullable_id(request.customer))
        .bind(2, request.title)
        .bind(3, request.description)
        .bind(4, enum_name(request.status))
        .bind(5, enum_name(request.priority))
        .bind(6, request.version)
        .bind(7, unix_ms(request.updated.at))
        .bind(8, nullable_id(request.updated.by))
        .bind(9, optional_ms(request.closed_at))
        .bind(10, request.id)
        .bind(11, edited)
        .run();
    if (db_.changes() == 0) return false;
    audit(nullable_id(actor), "update", "request", request.id,
          Json{{"version", request.version}, {"status", enum_name(request.status)}}.dump(),
          unix_ms(request.updated.at));
    return true;
  });
}

std::vector<Request> SqliteStore::requests_of(Id customer) {
  Reading reading(*this);
  Statement& select = db_.prepare(std::string("SELECT ") + kRequestColumns +
                                  " FROM requests WHERE customer_id = ?"
                                  " ORDER BY MAX(updated_at, last_activity_at) DESC, id DESC");
  select.bind(1, customer);
  return requests_from(select);
}

std::vector<Request> SqliteStore::quiet_open_requests(Time cutoff, int limit) {
  Reading reading(*this);
  Statement& select = db_.prepare(std::string("SELECT ") + kRequestColumns +
                                  " FROM requests WHERE status = 'open'"
                                  " AND MAX(updated_at, last_activity_at) <= ? LIMIT ?");
  select.bind(1, unix_ms(cutoff)).bind(2, limit);
  return requests_from(select);
}

// --- activities -------------------------------------------------------------------

void SqliteStore::touch_request_of(std::optional<Id> request, Time at) {
  if (!request) return;
  db_.prepare("UPDATE requests SET last_activity_at = MAX(last_activity_at, ?) WHERE id = ?")
      .bind(1, unix_ms(at))
      .bind(2, *request)
      .run();
}

void SqliteStore::write_tags(Id activity, const std::vector<std::string>& tags, Time at) {
  db_.prepare("DELETE FROM tags WHERE activity_id = ?").bind(1, activity).run();
  Statement& insert =
      db_.prepare("INSERT INTO tags(activity_id, tag, tag_key, created_at) VALUES (?, ?, ?, ?)");
  std::int64_t order = unix_ms(at);
  for (const std::string& tag : tags) {
    // created_at doubles as the order the agent entered them in.
    insert.bind(1, activity).bind(2, tag).bind(3, fold_case(tag)).bind(4, order++).run();
  }
}

Activity SqliteStore::create_activity(Activity activity, std::string_view external_ref, Id actor) {
  std::lock_guard lock(mutex_);
  db_.transaction([&] {
    db_.prepare(
           "INSERT INTO activities(request_id, customer_id, media, subject, from_address,"
           " to_address, context, version, created_at, updated_at, updated_by, closed_at,"
           " wrap_up_code, external_ref) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)")
        .bind(1, activity.request)
        .bind(2, activity.customer)
        .bind(3, enum_name(activity.media))
        .bind(4, activity.subject)
        .bind(5, activity.from)
        .bind(6, activity.to)
        .bind(7, Json(activity.context).dump())
        .bind(8, unix_ms(activity.created_at))
        .bind(9, unix_ms(activity.updated.at))
        .bind(10, nullable_id(actor))
        .bind(11, optional_ms(activity.closed_at))
        .bind(12, activity.wrap_up)
        .bind(13, external_ref.empty() ? std::optional<std::string>()
                                       : std::optional<std::string>(external_ref))
        .run();
    activity.id = db_.last_insert_id();
    activity.version = 1;
    write_tags(activity.id, activity.tags, activity.updated.at);
    for (Message& message : activity.messages)
      message = insert_message(activity.id, message);
    for (const CallEvent& event : activity.call_events)
      insert_call_event(activity.id, event);
    touch_request_of(activity.request, activity.updated.at);
    audit(nullable_id(actor), "create", "activity", activity.id,
          Json{{"media", enum_name(activity.media)}}.dump(), unix_ms(activity.updated.at));
  });
  return activity;
}

std::optional<Activity> SqliteStore::load_activity(Statement& select) {
  if (!select.step()) {
    select.reset();
    return std::nullopt;
  }
  Activity a = activity_from_row(select);
  select.reset();

  Statement& tags = db_.prepare("SELECT tag FROM tags WHERE activity_id = ? ORDER BY created_at");
  tags.bind(1, a.id);
  while (tags.step())
    a.tags.push_back(tags.column_text(0));
  tags.reset();

  Statement& messages = db_.prepare(std::string("SELECT ") + kMessageColumns +
                                    " FROM messages WHERE activity_id = ? ORDER BY id");
  messages.bind(1, a.id);
  while (messages.step())
    a.messages.push_back(message_from_row(messages));
  messages.reset();
  load_message_attachments(a);

  Statement& calls =
      db_.prepare("SELECT event, at FROM call_events WHERE activity_id = ? ORDER BY id");
  calls.bind(1, a.id);
  while (calls.step()) {
    a.call_events.push_back(CallEvent{
        enum_from_name<CallEventKind>(calls.column_text(0)).value_or(CallEventKind::ended),
        time_from_unix_ms(calls.column_int(1))});
  }
  calls.reset();
  return a;
}

std::optional<Activity> SqliteStore::activity(Id id) {
  Reading reading(*this);
  Statement& select =
      db_.prepare(std::string("SELECT ") + kActivityColumns + " FROM activities WHERE id = ?");
  select.bind(1, id);
  return load_activity(select);
}

std::optional<Activity> SqliteStore::activity_by_ref(MediaType media, std::string_view ref) {
  Reading reading(*this);
  Statement& select = db_.prepare(std::string("SELECT ") + kActivityColumns +
                                  " FROM activities WHERE media = ? AND external_ref = ?");
  select.bind(1, enum_name(media)).bind(2, ref);
  return load_activity(select);
}

std::string SqliteStore::external_ref(Id activity) {
  Reading reading(*this);
  Statement& select = db_.prepare("SELECT external_ref FROM activities WHERE id = ?");
  select.bind(1, activity);
  std::string ref = select.step() ? select.column_text(0) : std::string();
  select.reset();
  return ref;
}

bool SqliteStore::save_activity(const Activity& activity, Version edited, Id actor) {
  std::lock_guard lock(mutex_);
  return db_.transaction([&] {
    std::optional<Id> old_request;
    Statement& before = db_.prepare("SELECT request_id FROM activities WHERE id = ?");
    before.bind(1, activity.id);
    if (before.step()) old_request = optional_id(before, 0);
    before.reset();

    db_.prepare(
           "UPDATE activities SET request_id = ?, customer_id = ?, subject = ?, from_address = ?,"
           " to_address = ?, context = ?, version = ?, updated_at = ?, updated_by = ?,"
           " closed_at = ?, wrap_up_code = ? WHERE id = ? AND version = ?")
        .bind(1, activity.request)
        .bind(2, activity.customer)
        .bind(3, activity.subject)
        .bind(4, activity.from)
        .bind(5, activity.to)
        .bind(6, Json(activity.context).dump())
        .bind(7, activity.version)
        .bind(8, unix_ms(activity.updated.at))
        .bind(9, nullable_id(activity.updated.by))
        .bind(10, optional_ms(activity.closed_at))
        .bind(11, activity.wrap_up)
        .bind(12, activity.id)
        .bind(13, edited)
        .run();
    if (db_.changes() == 0) return false;
    write_tags(activity.id, activity.tags, activity.updated.at);
    // A move touches both requests: the one it left and the one it joined (R-C3).
    touch_request_of(old_request, activity.updated.at);
    touch_request_of(activity.request, activity.updated.at);
    audit(nullable_id(actor), "update", "activity", activity.id,
          Json{{"version", activity.version}}.dump(), unix_ms(activity.updated.at));
    return true;
  });
}

std::vector<Activity> SqliteStore::activities_where(const std::string& where, Id id,
                                                    bool with_details) {
  std::vector<Activity> found;
  Statement& select =
      db_.prepare(std::string("SELECT ") + kActivityColumns + " FROM activities WHERE " + where +
                  " = ? ORDER BY created_at DESC, id DESC");
  select.bind(1, id);
  while (select.step())
    found.push_back(activity_from_row(select));
  select.reset();
  // Every tag of these activities in one statement, not one per activity: a journey
  // of 500 activities was 501 queries.
  std::unordered_map<Id, Activity*> by_id;
  for (Activity& a : found)
    by_id.emplace(a.id, &a);
  Statement& tags = db_.prepare(
      "SELECT t.activity_id, t.tag FROM tags t JOIN activities a ON a.id = t.activity_id WHERE a." +
      where + " = ? ORDER BY t.created_at, t.tag_key");
  tags.bind(1, id);
  while (tags.step()) {
    auto owner = by_id.find(tags.column_int(0));
    if (owner != by_id.end()) owner->second->tags.push_back(tags.column_text(1));
  }
  tags.reset();
  for (Activity& a : found) {
    if (!with_details) continue;
    Statement& one =
        db_.prepare(std::string("SELECT ") + kActivityColumns + " FROM activities WHERE id = ?");
    one.bind(1, a.id);
    if (auto full = load_activity(one)) a = std::move(*full);
  }
  return found;
}

std::vector<Activity> SqliteStore::activities_of_request(Id request) {
  Reading reading(*this);
  return activities_where("request_id", request, false);
}

Message SqliteStore::insert_message(Id activity, Message message) {
  db_.prepare(
         "INSERT INTO messages(activity_id, author_kind, agent_id, author_name, body, created_at,"
         " client_key, email_to, email_cc, email_subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, activity)
      .bind(2, enum_name(message.author))
      .bind(3, nullable_id(message.agent))
      .bind(4, message.author_name)
      .bind(5, message.text)
      .bind(6, unix_ms(message.at))
      .bind(7, message.key.empty() ? std::nullopt : std::optional<std::string>(message.key))
      .bind(8, message.email ? std::optional<std::string>(Json(message.email->to).dump())
                             : std::nullopt)
      .bind(9, message.email ? std::optional<std::string>(Json(message.email->cc).dump())
                             : std::nullopt)
      .bind(10, message.email ? std::optional<std::string>(message.email->subject) : std::nullopt)
      .run();
  message.id = db_.last_insert_id();
  // The files it carries join it; one already sent with another message stays there.
  std::vector<Attachment> joined;
  for (const Attachment& file : message.attachments) {
    db_.prepare(
           "UPDATE attachments SET message_id = ?, activity_id = ? WHERE id = ?"
           " AND message_id IS NULL AND (activity_id IS NULL OR activity_id = ?)")
        .bind(1, message.id)
        .bind(2, activity)
        .bind(3, file.id)
        .bind(4, activity)
        .run();
    if (db_.changes() == 1) joined.push_back(file);
  }
  message.attachments = std::move(joined);
  return message;
}

bool SqliteStore::insert_call_event(Id activity, const CallEvent& event) {
  db_.prepare("INSERT OR IGNORE INTO call_events(activity_id, event, at) VALUES (?, ?, ?)")
      .bind(1, activity)
      .bind(2, enum_name(event.kind))
      .bind(3, unix_ms(event.at))
      .run();
  return db_.changes() > 0;
}

// A message or call event is a change of the activity (R-C3 counts it), but not an
// edit: the version stays, so an agent's open edit of the tags does not conflict.
void SqliteStore::touch_activity(Id activity, Time at) {
  db_.prepare("UPDATE activities SET updated_at = MAX(updated_at, ?) WHERE id = ?")
      .bind(1, unix_ms(at))
      .bind(2, activity)
      .run();
  Statement& request = db_.prepare("SELECT request_id FROM activities WHERE id = ?");
  request.bind(1, activity);
  std::optional<Id> request_id;
  if (request.step()) request_id = optional_id(request, 0);
  request.reset();
  touch_request_of(request_id, at);
}

Message SqliteStore::add_message(Id activity, Message message) {
  std::lock_guard lock(mutex_);
  return db_.transaction([&] {
    Message stored = insert_message(activity, std::move(message));
    touch_activity(activity, stored.at);
    return stored;
  });
}

std::optional<Message> SqliteStore::message_by_key(Id activity, std::string_view key) {
  Reading reading(*this);
  Statement& select = db_.prepare(std::string("SELECT ") + kMessageColumns +
                                  " FROM messages WHERE activity_id = ? AND client_key = ?");
  select.bind(1, activity).bind(2, key);
  std::optional<Message> found;
  if (select.step()) found = message_from_row(select);
  select.reset();
  return found;
}

bool SqliteStore::add_call_event(Id activity, const CallEvent& event) {
  std::lock_guard lock(mutex_);
  return db_.transaction([&] {
    if (!insert_call_event(activity, event)) return false;
    touch_activity(activity, event.at);
    return true;
  });
}

Comment SqliteStore::add_comment(Comment comment) {
  std::lock_guard lock(mutex_);
  return db_.transaction([&] {
    db_.prepare(
           "INSERT INTO comments(activity_id, author_id, body, created_at) VALUES (?, ?, ?, ?)")
        .bind(1, comment.activity)
        .bind(2, comment.author)
        .bind(3, comment.text)
        .bind(4, unix_ms(comment.at))
        .run();
    comment.id = db_.last_insert_id();
    touch_activity(comment.activity, comment.at);
    audit(comment.author, "comment", "activity", comment.activity, "{}", unix_ms(comment.at));
    return comment;
  });
}

std::vector<Comment> SqliteStore::comments(Id activity) {
  Reading reading(*this);
  Statement& select = db_.prepare(
      "SELECT c.id, c.activity_id, c.author_id, a.display_name, c.body, c.created_at"
      " FROM comments c JOIN agents a ON a.id = c.author_id WHERE c.activity_id = ?"
      " ORDER BY c.id");
  select.bind(1, activity);
  std::vector<Comment> found;
  while (select.step()) {
    found.push_back(Comment{select.column_int(0), select.column_int(1), select.column_int(2),
                            select.column_text(3), select.column_text(4),
                            time_from_unix_ms(select.column_int(5))});
  }
  select.reset();
  return found;
}

void SqliteStore::add_widget_token(std::string_view token_hash, Id activity, Time now) {
  std::lock_guard lock(mutex_);
  db_.prepare("INSERT INTO widget_tokens(token_hash, activity_id, created_at) VALUES (?, ?, ?)")
      .bind(1, token_hash)
      .bind(2, activity)
      .bind(3, unix_ms(now))
      .run();
}

std::optional<Id> SqliteStore::widget_activity(std::string_view token_hash) {
  Reading reading(*this);
  Statement& select = db_.prepare("SELECT activity_id FROM widget_tokens WHERE token_hash = ?");
  select.bind(1, token_hash);
  std::optional<Id> found;
  if (select.step()) found = select.column_int(0);
  select.reset();
  return found;
}

}  // namespace care::server::store
