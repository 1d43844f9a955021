// SqliteStore: knowledge articles and their search (R-F5), canned responses (R-F9),
// and the supervisor's handled-work figures (R-H3).
#include "care/codec/json.hpp"
#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"

namespace care::server::store {
namespace {

constexpr const char* kArticleColumns =
    "a.id, a.title, a.body, a.language, a.tags, a.updated_by, a.updated_at, a.version,"
    " a.category";

KbArticle article_from_row(const Statement& row) {
  KbArticle a;
  a.id = row.column_int(0);
  a.title = row.column_text(1);
  a.body = row.column_text(2);
  a.language = row.column_text(3);
  if (auto tags = parse_json(row.column_text(4)); tags && tags->is_array()) {
    for (const Json& tag : *tags) {
      if (tag.is_string()) a.tags.push_back(tag.get<std::string>());
    }
  }
  a.updated =
      Stamp{row.column_is_null(5) ? 0 : row.column_int(5), time_from_unix_ms(row.column_int(6))};
  a.version = row.column_int(7);
  a.category = row.column_text(8);
  return a;
}

// Each word as a quoted prefix term ("word"*): the words were split on spaces and
// quotes, so nothing in them can be read as FTS5 syntax (AND, NEAR, column filters).
std::string match_expression(const std::vector<std::string>& words, bool any_word) {
  std::string match;
  for (const std::string& word : words) {
    if (!match.empty()) match += any_word ? " OR " : " ";
    match += '"' + word + "\"*";
  }
  return match;
}

std::vector<KbHit> hits_from(Statement& select) {
  std::vector<KbHit> hits;
  while (select.step()) {
    hits.push_back(KbHit{select.column_int(0), select.column_text(1), select.column_text(2),
                         select.column_text(3), select.column_text(4), select.column_int(5)});
  }
  select.reset();
  return hits;
}

}  // namespace

KbArticle SqliteStore::create_article(KbArticle article, Id actor) {
  std::lock_guard lock(mutex_);
  db_.transaction([&] {
    db_.prepare(
           "INSERT INTO kb_articles(title, body, language, tags, version, updated_at, updated_by,"
           " category) VALUES (?, ?, ?, ?, 1, ?, ?, ?)")
        .bind(1, article.title)
        .bind(2, article.body)
        .bind(3, article.language)
        .bind(4, Json(article.tags).dump())
        .bind(5, unix_ms(article.updated.at))
        .bind(6, nullable_id(actor))
        .bind(7, article.category)
        .run();
    article.id = db_.last_insert_id();
    article.version = 1;
    article.updated.by = actor;
    audit(nullable_id(actor), "create", "kb_article", article.id, "{}",
          unix_ms(article.updated.at));
  });
  return article;
}

std::optional<KbArticle> SqliteStore::article(Id id) {
  Reading reading(*this);
  Statement& select =
      db_.prepare(std::string("SELECT ") + kArticleColumns + " FROM kb_articles a WHERE a.id = ?");
  select.bind(1, id);
  std::optional<KbArticle> found;
  if (select.step()) found = article_from_row(select);
  select.reset();
  return found;
}

std::vector<KbHit> SqliteStore::search_articles(const std::vector<std::string>& words,
                                                bool any_word, int limit) {
  Reading reading(*this);
  if (words.empty()) {
    // Nothing asked: the newest articles, each with the start of its body.
    Statement& newest = db_.prepare(
        "SELECT id, title, CASE WHEN length(body) > 160 THEN substr(body, 1, 160) || '…'"
        " ELSE body END, language, category, views FROM kb_articles"
        " ORDER BY updated_at DESC, id DESC LIMIT ?");
    newest.bind(1, limit);
    return hits_from(newest);
  }
  // bm25 weights: a word in the title counts ten times one in the body. The snippet
  // is plain text (no markup) from the body, about 24 words around the matches.
  Statement& select = db_.prepare(
      "SELECT a.id, a.title, snippet(kb_search, 1, '', '', '…', 24), a.language, a.category,"
      " a.views FROM kb_search s JOIN kb_articles a ON a.id = s.rowid"
      " WHERE kb_search MATCH ? ORDER BY bm25(kb_search, 10.0, 1.0), a.id LIMIT ?");
  select.bind(1, match_expression(words, any_word)).bind(2, limit);
  return hits_from(select);
}

std::vector<KbCategory> SqliteStore::article_categories(std::string_view language) {
  Reading reading(*this);
  Statement& select = db_.prepare(
      "SELECT category, COUNT(*) FROM kb_articles WHERE language = ? AND category <> ''"
      " GROUP BY category ORDER BY category");
  select.bind(1, language);
  std::vector<KbCategory> categories;
  while (select.step()) {
    categories.push_back(KbCategory{select.column_text(0), select.column_int(1)});
  }
  select.reset();
  return categories;
}

std::vector<KbHit> SqliteStore::popular_articles(std::string_view language,
                                                 std::optional<std::string_view> category,
                                                 int limit) {
  Reading reading(*this);
  // Most viewed first; among equals the newer article, then the lower id (a stable
  // order for a fresh portal where nothing was read yet).
  Statement& select = db_.prepare(
      "SELECT id, title, CASE WHEN length(body) > 160 THEN substr(body, 1, 160) || '…'"
      " ELSE body END, language, category, views FROM kb_articles"
      " WHERE language = ? AND (? IS NULL OR category = ?)"
      " ORDER BY views DESC, updated_at DESC, id LIMIT ?");
  select.bind(1, language);
  if (category) {
    select.bind(2, *category).bind(3, *category);
  } else {
    select.bind_null(2).bind_null(3);
  }
  select.bind(4, limit);
  return hits_from(select);
}

bool SqliteStore::add_article_views(Id id, std::int64_t views) {
  std::lock_guard lock(mutex_);
  return db_.transaction([&] {
    db_.prepare("UPDATE kb_articles SET views = views + ? WHERE id = ?")
        .bind(1, views)
        .bind(2, id)
        .run();
    return db_.changes() > 0;
  });
}

std::vector<CannedResponse> SqliteStore::canned_responses() {
  Reading reading(*this);
  Statement& select = db_.prepare("SELECT id, name, body FROM canned_responses ORDER BY name, id");
  std::vector<CannedResponse> all;
  while (select.step()) {
    all.push_back(
        CannedResponse{select.column_int(0), select.column_text(1), select.column_text(2)});
  }
  select.reset();
  return all;
}

std::optional<CannedResponse> SqliteStore::canned_response(Id id) {
  Reading reading(*this);
  Statement& select = db_.prepare("SELECT id, name, body FROM canned_responses WHERE id = ?");
  select.bind(1, id);
  std::optional<CannedResponse> found;
  if (select.step()) {
    found = CannedResponse{select.column_int(0), select.column_text(1), select.column_text(2)};
  }
  select.reset();
  return found;
}

std::optional<CannedResponse> SqliteStore::create_canned_response(const CannedResponse& canned,
                                                                  Id actor, Time at) {
  std::lock_guard lock(mutex_);
  return db_.transaction([&]() -> std::optional<CannedResponse> {
    Statement& taken = db_.prepare("SELECT 1 FROM canned_responses WHERE name = ?");
    taken.bind(1, canned.name);
    bool exists = taken.step();
    taken.reset();
    if (exists) return std::nullopt;
    db_.prepare("INSERT INTO canned_responses(name, body) VALUES (?, ?)")
        .bind(1, canned.name)
        .bind(2, canned.body)
        .run();
    CannedResponse created = canned;
    created.id = db_.last_insert_id();
    audit(nullable_id(actor), "create", "canned_response", created.id, "{}", unix_ms(at));
    return created;
  });
}

std::vector<HandledTasks> SqliteStore::handled_tasks(Time since) {
  Reading reading(*this);
  Statement& select = db_.prepare(
      "SELECT agent_id, queue_id, channel, COUNT(*), SUM(MAX(closed_at - assigned_at, 0))"
      " FROM tasks WHERE state = 'closed' AND closed_at >= ? AND assigned_at IS NOT NULL"
      " AND agent_id IS NOT NULL GROUP BY agent_id, queue_id, channel");
  select.bind(1, unix_ms(since));
  std::vector<HandledTasks> handled;
  while (select.step()) {
    handled.push_back(
        HandledTasks{select.column_int(0), select.column_int(1),
                     enum_from_name<Channel>(select.column_text(2)).value_or(Channel::chat),
                     select.column_int(3), select.column_int(4)});
  }
  select.reset();
  return handled;
}

std::vector<AcceptedWait> SqliteStore::accepted_waits(Time since) {
  Reading reading(*this);
  Statement& select = db_.prepare(
      "SELECT queue_id, MAX(assigned_at - enqueued_at, 0) FROM tasks"
      " WHERE assigned_at IS NOT NULL AND assigned_at >= ?");
  select.bind(1, unix_ms(since));
  std::vector<AcceptedWait> waits;
  while (select.step()) {
    waits.push_back(AcceptedWait{select.column_int(0), Duration(select.column_int(1))});
  }
  select.reset();
  return waits;
}

}  // namespace care::server::store
