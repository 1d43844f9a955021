// PostgresStore: knowledge articles (R-F5), canned responses (R-F9), and the
// supervisor's handled-work figures (R-H3), as SqliteStore's knowledge file.
#include <cctype>

#include "care/codec/json.hpp"
#include "store/json_columns.hpp"
#include "store/postgres/pg_rows.hpp"
#include "store/postgres/postgres_store.hpp"

namespace care::server::store {
namespace {

constexpr const char* kArticleColumns =
    "a.id, a.title, a.body, a.language, a.tags, a.updated_by, a.updated_at, a.version,"
    " a.category";

KbArticle article_from_row(const pg::Result& rows, int row) {
  KbArticle a;
  a.id = rows.integer(row, 0);
  a.title = rows.text(row, 1);
  a.body = rows.text(row, 2);
  a.language = rows.text(row, 3);
  a.tags = string_list(rows.text(row, 4));
  a.updated = Stamp{pg::optional_id(rows, row, 5).value_or(0), pg::time_at(rows, row, 6)};
  a.version = rows.integer(row, 7);
  a.category = rows.text(row, 8);
  return a;
}

std::vector<KbHit> hits_from(const pg::Result& rows) {
  std::vector<KbHit> hits;
  for (int row = 0; row < rows.rows(); ++row) {
    hits.push_back(KbHit{rows.integer(row, 0), rows.text(row, 1), rows.text(row, 2),
                         rows.text(row, 3), rows.text(row, 4), rows.integer(row, 5)});
  }
  return hits;
}

// The words as a tsquery, read as FTS5 reads them as quoted prefix terms: each word
// split into tokens where it is not a letter or digit ("o'brien" is "o" then "brien"),
// its tokens in a row, the last one a prefix; all words (&) or any (|). A word without
// a token is left out, as FTS5 leaves out an empty phrase. A token holds only letters
// and digits, so nothing typed is read as tsquery syntax. Empty when no word has a token.
std::string tsquery_of(const std::vector<std::string>& words, bool any_word) {
  std::string query;
  for (const std::string& word : words) {
    std::vector<std::string> tokens(1);
    for (char ch : word) {
      auto byte = static_cast<unsigned char>(ch);
      if (byte >= 0x80 || std::isalnum(byte)) {
        tokens.back() += ch;
      } else if (!tokens.back().empty()) {
        tokens.emplace_back();
      }
    }
    if (tokens.back().empty()) tokens.pop_back();
    if (tokens.empty()) continue;
    std::string phrase;
    for (const std::string& token : tokens) {
      if (!phrase.empty()) phrase += " <-> ";
      phrase += "'" + token + "'";
    }
    if (!query.empty()) query += any_word ? " | " : " & ";
    query += "(" + phrase + ":*)";
  }
  return query;
}

// The start of an article's body for a list: 160 characters, then an ellipsis.
constexpr const char* kBodyStart =
    "CASE WHEN char_length(body) > 160 THEN substr(body, 1, 160) || '…' ELSE body END";

}  // namespace

KbArticle PostgresStore::create_article(KbArticle article, Id actor) {
  return write([&](pg::Connection& db) {
    pg::Result inserted = db.query(
        "INSERT INTO kb_articles(title, body, language, tags, version, updated_at, updated_by,"
        " category) VALUES ($1, $2, $3, $4, 1, $5, $6, $7) RETURNING id",
        article.title, article.body, article.language, Json(article.tags).dump(),
        unix_ms(article.updated.at), nullable_id(actor), article.category);
    article.id = inserted.integer(0, 0);
    article.version = 1;
    article.updated.by = actor;
    audit(db, nullable_id(actor), "create", "kb_article", article.id, "{}",
          unix_ms(article.updated.at));
    return article;
  });
}

std::optional<KbArticle> PostgresStore::article(Id id) {
  return read([&](pg::Connection& db) -> std::optional<KbArticle> {
    pg::Result rows = db.query(
        std::string("SELECT ") + kArticleColumns + " FROM kb_articles a WHERE a.id = $1", id);
    if (rows.empty()) return std::nullopt;
    return article_from_row(rows, 0);
  });
}

std::vector<KbHit> PostgresStore::search_articles(const std::vector<std::string>& words,
                                                  bool any_word, int limit) {
  if (!words.empty()) {
    std::string query = tsquery_of(words, any_word);
    if (query.empty()) return {};
    return read([&](pg::Connection& db) {
      // Ranked as FTS5's bm25 with weights 10 and 1: ts_rank weighs a title word (A)
      // 1.0 and a body word (D) 0.1. The snippet is plain text from the body, about 24
      // words around the matches, with an ellipsis where the body goes on (as FTS5's
      // snippet); the words are matched folded, so a word typed without its accent may
      // be missed when choosing where the snippet starts, never when finding the article.
      return hits_from(db.query(
          "WITH q AS (SELECT to_tsquery('simple', care_fold($1)) AS q),"
          " best AS (SELECT a.id, a.title, a.body, a.language, a.category, a.views,"
          "   ts_rank(a.search, q.q) AS rank FROM kb_articles a, q WHERE a.search @@ q.q"
          "   ORDER BY rank DESC, a.id LIMIT $2),"
          " cut AS (SELECT best.*, ts_headline('simple', best.body, q.q,"
          "   'StartSel=\"\", StopSel=\"\", MaxWords=24, MinWords=20, ShortWord=0') AS part"
          "   FROM best, q),"
          " placed AS (SELECT cut.*, strpos(cut.body, cut.part) AS at FROM cut)"
          " SELECT id, title,"
          "   CASE WHEN at = 0 THEN part ELSE"
          "     CASE WHEN substr(body, 1, at - 1) ~ '[[:alnum:]]' THEN '…' ELSE '' END || part ||"
          "     CASE WHEN substr(body, at + char_length(part)) ~ '[[:alnum:]]' THEN '…'"
          "       ELSE substr(body, at + char_length(part)) END END,"
          "   language, category, views FROM placed ORDER BY rank DESC, id",
          query, limit));
    });
  }
  return read([&](pg::Connection& db) {
    // Nothing asked: the newest articles, each with the start of its body.
    return hits_from(db.query(std::string("SELECT id, title, ") + kBodyStart +
                                  ", language, category, views FROM kb_articles"
                                  " ORDER BY updated_at DESC, id DESC LIMIT $1",
                              limit));
  });
}

std::vector<KbCategory> PostgresStore::article_categories(std::string_view language) {
  return read([&](pg::Connection& db) {
    pg::Result rows = db.query(
        "SELECT category, COUNT(*) FROM kb_articles WHERE language = $1 AND category <> ''"
        " GROUP BY category ORDER BY category COLLATE \"C\"",
        language);
    std::vector<KbCategory> categories;
    for (int row = 0; row < rows.rows(); ++row)
      categories.push_back(KbCategory{rows.text(row, 0), rows.integer(row, 1)});
    return categories;
  });
}

std::vector<KbHit> PostgresStore::popular_articles(std::string_view language,
                                                   std::optional<std::string_view> category,
                                                   int limit) {
  return read([&](pg::Connection& db) {
    // Most viewed first; among equals the newer article, then the lower id.
    return hits_from(db.query(std::string("SELECT id, title, ") + kBodyStart +
                                  ", language, category, views FROM kb_articles"
                                  " WHERE language = $1 AND ($2::text IS NULL OR category = $2)"
                                  " ORDER BY views DESC, updated_at DESC, id LIMIT $3",
                              language, category, limit));
  });
}

bool PostgresStore::add_article_views(Id id, std::int64_t views) {
  return write([&](pg::Connection& db) {
    return db.query("UPDATE kb_articles SET views = views + $1 WHERE id = $2", views, id)
               .affected() > 0;
  });
}

std::vector<CannedResponse> PostgresStore::canned_responses() {
  return read([&](pg::Connection& db) {
    pg::Result rows =
        db.query("SELECT id, name, body FROM canned_responses ORDER BY name COLLATE \"C\", id");
    std::vector<CannedResponse> all;
    for (int row = 0; row < rows.rows(); ++row)
      all.push_back(CannedResponse{rows.integer(row, 0), rows.text(row, 1), rows.text(row, 2)});
    return all;
  });
}

std::optional<CannedResponse> PostgresStore::canned_response(Id id) {
  return read([&](pg::Connection& db) -> std::optional<CannedResponse> {
    pg::Result rows = db.query("SELECT id, name, body FROM canned_responses WHERE id = $1", id);
    if (rows.empty()) return std::nullopt;
    return CannedResponse{rows.integer(0, 0), rows.text(0, 1), rows.text(0, 2)};
  });
}

std::optional<CannedResponse> PostgresStore::create_canned_response(const CannedResponse& canned,
                                                                    Id actor, Time at) {
  return write([&](pg::Connection& db) -> std::optional<CannedResponse> {
    pg::Result inserted = db.query(
        "INSERT INTO canned_responses(name, body) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING"
        " RETURNING id",
        canned.name, canned.body);
    if (inserted.empty()) return std::nullopt;
    CannedResponse created = canned;
    created.id = inserted.integer(0, 0);
    audit(db, nullable_id(actor), "create", "canned_response", created.id, "{}", unix_ms(at));
    return created;
  });
}

std::vector<HandledTasks> PostgresStore::handled_tasks(Time since) {
  return read([&](pg::Connection& db) {
    pg::Result rows = db.query(
        "SELECT agent_id, queue_id, channel, COUNT(*), SUM(GREATEST(closed_at - assigned_at, 0))"
        " FROM tasks WHERE state = 'closed' AND closed_at >= $1 AND assigned_at IS NOT NULL"
        " AND agent_id IS NOT NULL GROUP BY agent_id, queue_id, channel"
        " ORDER BY agent_id, queue_id, channel COLLATE \"C\"",
        unix_ms(since));
    std::vector<HandledTasks> handled;
    for (int row = 0; row < rows.rows(); ++row) {
      handled.push_back(
          HandledTasks{rows.integer(row, 0), rows.integer(row, 1),
                       enum_from_name<Channel>(rows.text(row, 2)).value_or(Channel::chat),
                       rows.integer(row, 3), rows.integer(row, 4)});
    }
    return handled;
  });
}

std::vector<AcceptedWait> PostgresStore::accepted_waits(Time since) {
  return read([&](pg::Connection& db) {
    pg::Result rows = db.query(
        "SELECT queue_id, GREATEST(assigned_at - enqueued_at, 0) FROM tasks"
        " WHERE assigned_at IS NOT NULL AND assigned_at >= $1 ORDER BY assigned_at, id",
        unix_ms(since));
    std::vector<AcceptedWait> waits;
    for (int row = 0; row < rows.rows(); ++row)
      waits.push_back(AcceptedWait{rows.integer(row, 0), Duration(rows.integer(row, 1))});
    return waits;
  });
}

}  // namespace care::server::store
