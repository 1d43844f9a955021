// Knowledge base (R-F5, R-H1) and canned responses (R-F9): check the query or body,
// call KnowledgeService, encode.
#include "routes/knowledge_routes.hpp"

#include <charconv>

#include "care/codec/json.hpp"
#include "care/text.hpp"
#include "http/decode.hpp"
#include "http/request_body.hpp"
#include "http/responses.hpp"
#include "routes/access.hpp"
#include "routes/desk_routes.hpp"
#include "routes/saved_response.hpp"

namespace care::server::routes {
namespace {

using services::KnowledgeService;

constexpr size_t kQueryLimit = 200;

// ?q=: valid UTF-8 of at most 200 characters, or an error sent.
std::optional<std::string> query_param(const httplib::Request& req, httplib::Response& res) {
  std::string query = req.get_param_value("q");
  auto length = count_characters(query);
  if (!length) {
    http::send_error(res, 400, "invalid", "q: not valid UTF-8", "q");
    return std::nullopt;
  }
  if (*length > kQueryLimit) {
    http::send_error(res, 422, "too_long", "q: at most 200 characters", "q");
    return std::nullopt;
  }
  return query;
}

// ?language=: a language tag such as "da" or "sr-Latn" (letters, digits and hyphens,
// at most 35), "en" when not given; or a 422 naming the field.
std::optional<std::string> language_param(const httplib::Request& req, httplib::Response& res) {
  if (!req.has_param("language")) return std::string("en");
  std::string language = req.get_param_value("language");
  bool ok = !language.empty() && language.size() <= 35 && language.front() != '-' &&
            language.back() != '-';
  for (char ch : language) {
    ok = ok && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                ch == '-');
  }
  if (!ok) {
    http::send_error(res, 422, "invalid", "language: a language tag such as en, da or sr-Latn",
                     "language");
    return std::nullopt;
  }
  return language;
}

// ?category=: nothing, or a name of at most 100 characters.
bool category_param(const httplib::Request& req, httplib::Response& res,
                    std::optional<std::string>& category) {
  if (!req.has_param("category")) return true;
  std::string name = req.get_param_value("category");
  auto length = count_characters(name);
  if (!length || *length == 0 || *length > KnowledgeService::kCategoryLimit) {
    http::send_error(res, 422, "invalid", "category: a category's name, 1 to 100 characters",
                     "category");
    return false;
  }
  category = std::move(name);
  return true;
}

// ?limit=: 1 to 50, 6 when not given.
std::optional<int> limit_param(const httplib::Request& req, httplib::Response& res) {
  if (!req.has_param("limit")) return KnowledgeService::kPopularDefault;
  std::string text = req.get_param_value("limit");
  int limit = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || limit < 1 ||
      limit > KnowledgeService::kPopularMax) {
    http::send_error(res, 422, "invalid", "limit: a whole number from 1 to 50", "limit");
    return std::nullopt;
  }
  return limit;
}

Json portal_hits_json(const std::vector<store::KbHit>& hits) {
  Json list = Json::array();
  for (const store::KbHit& hit : hits) {
    list.push_back(Json{{"id", hit.id},
                        {"title", hit.title},
                        {"snippet", hit.snippet},
                        {"language", hit.language},
                        {"category", hit.category},
                        {"views", hit.views}});
  }
  return list;
}

Json hits_json(const std::vector<store::KbHit>& hits, bool with_language) {
  Json list = Json::array();
  for (const store::KbHit& hit : hits) {
    Json item{{"id", hit.id}, {"title", hit.title}, {"snippet", hit.snippet}};
    if (with_language) item["language"] = hit.language;
    list.push_back(std::move(item));
  }
  return list;
}

Json canned_json(const store::CannedResponse& canned) {
  return Json{{"id", canned.id}, {"name", canned.name}, {"body", canned.body}};
}

// POST /api/kb: {"title","body","language"?,"tags"?}; types here, rules in the service.
std::optional<services::ArticleDraft> read_article_draft(const httplib::Request& req,
                                                         httplib::Response& res) {
  auto body = http::json_object_body(req, res);
  if (!body) return std::nullopt;
  services::ArticleDraft draft;
  auto title = http::required_string(*body, "title", kTextLimit, res);
  if (!title) return std::nullopt;
  auto text = http::required_string(*body, "body", kTextLimit, res);
  if (!text) return std::nullopt;
  draft.title = std::move(*title);
  draft.body = std::move(*text);
  if (body->contains("language")) {
    auto language = http::required_string(*body, "language", 100, res);
    if (!language) return std::nullopt;
    draft.language = std::move(*language);
  }
  if (body->contains("category")) {
    auto category = http::required_string(*body, "category", KnowledgeService::kCategoryLimit, res);
    if (!category) return std::nullopt;
    draft.category = std::move(*category);
  }
  if (body->contains("tags")) {
    const Json& tags = (*body)["tags"];
    if (!tags.is_array()) {
      http::send_error(res, 400, "wrong_type", "tags: a list of texts", "tags");
      return std::nullopt;
    }
    for (size_t i = 0; i < tags.size(); ++i) {
      if (!tags[i].is_string()) {
        std::string field = "tags[" + std::to_string(i) + "]";
        http::send_error(res, 400, "wrong_type", field + ": a text", field);
        return std::nullopt;
      }
      draft.tags.push_back(tags[i].get<std::string>());
    }
  }
  return draft;
}

std::optional<Id> activity_param(const httplib::Request& req, httplib::Response& res) {
  std::string text = req.get_param_value("activity");
  Id id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    http::send_error(res, 400, "missing", "activity: the conversation's activity id (?activity=N)",
                     "activity");
    return std::nullopt;
  }
  return id;
}

bool is_admin(const Agent& agent, httplib::Response& res) {
  if (has_role(agent, care::Role::admin)) return true;
  http::send_error(res, 403, "forbidden", "this needs the admin role");
  return false;
}

}  // namespace

void add_knowledge_routes(http::Router& router, services::AuthService& auth, store::Store& store,
                          KnowledgeService& knowledge) {
  DeskRoutes desk(router, auth, store);

  // --- knowledge base, agents ---
  desk.get("/api/kb", [&knowledge](const DeskRequest& at, httplib::Response& res) {
    auto query = query_param(at.http, res);
    if (!query) return;
    auto hits = knowledge.search(*query, KnowledgeService::kAgentResults);
    http::send_json(res, 200, Json{{"articles", hits_json(hits, true)}});
  });

  desk.get("/api/kb/{id}", [&knowledge](const DeskRequest& at, httplib::Response& res) {
    auto article = knowledge.article(at.id);
    if (!article) return http::send_error(res, 404, "not_found", "no such article");
    http::send_json(res, 200, Json{{"article", *article}});
  });

  desk.post("/api/kb", [&knowledge](const DeskRequest& at, httplib::Response& res) {
    if (!is_admin(at.agent, res)) return;
    auto draft = read_article_draft(at.http, res);
    if (!draft) return;
    send_outcome(res, knowledge.create_article(*draft, at.agent), "article", 201);
  });

  // --- knowledge base, the public help portal: read-only, no session ---
  router.get("/api/channels/kb", [&knowledge](const httplib::Request& req, httplib::Response& res) {
    auto query = query_param(req, res);
    if (!query) return;
    auto hits = knowledge.search(*query, KnowledgeService::kPortalResults);
    http::send_json(res, 200, Json{{"articles", hits_json(hits, false)}});
  });

  // The portal's home (R-H1): registered before /api/channels/kb/{id}, which would
  // otherwise take "categories" and "popular" for an id.
  router.get("/api/channels/kb/categories",
             [&knowledge](const httplib::Request& req, httplib::Response& res) {
               auto language = language_param(req, res);
               if (!language) return;
               Json list = Json::array();
               for (const store::KbCategory& category : knowledge.categories(*language)) {
                 list.push_back(Json{{"name", category.name}, {"articles", category.articles}});
               }
               http::send_json(res, 200, Json{{"language", *language}, {"categories", list}});
             });

  router.get("/api/channels/kb/popular", [&knowledge](const httplib::Request& req,
                                                      httplib::Response& res) {
    auto language = language_param(req, res);
    if (!language) return;
    std::optional<std::string> category;
    if (!category_param(req, res, category)) return;
    auto limit = limit_param(req, res);
    if (!limit) return;
    auto hits = knowledge.popular(
        *language, category ? std::optional<std::string_view>(*category) : std::nullopt, *limit);
    http::send_json(res, 200, Json{{"language", *language}, {"articles", portal_hits_json(hits)}});
  });

  // A customer opens an article: it counts as a view (the popular list's order).
  router.get("/api/channels/kb/{id}",
             [&knowledge](const httplib::Request& req, httplib::Response& res) {
               auto id = http::path_id(req, res);
               if (!id) return;
               auto article = knowledge.read_by_customer(*id);
               if (!article) return http::send_error(res, 404, "not_found", "no such article");
               http::send_json(res, 200,
                               Json{{"article",
                                     {{"id", article->id},
                                      {"title", article->title},
                                      {"body", article->body},
                                      {"language", article->language},
                                      {"category", article->category}}}});
             });

  // --- canned responses ---
  desk.get("/api/canned-responses", [&knowledge](const DeskRequest& at, httplib::Response& res) {
    auto query = query_param(at.http, res);
    if (!query) return;
    Json list = Json::array();
    for (const auto& canned : knowledge.canned(*query, KnowledgeService::kAgentResults)) {
      list.push_back(canned_json(canned));
    }
    http::send_json(res, 200, Json{{"canned_responses", list}});
  });

  desk.post("/api/canned-responses", [&knowledge](const DeskRequest& at, httplib::Response& res) {
    if (!is_admin(at.agent, res)) return;
    auto body = http::json_object_body(at.http, res);
    if (!body) return;
    auto name = http::required_string(*body, "name", 100, res);
    if (!name) return;
    auto text = http::required_string(*body, "body", kTextLimit, res);
    if (!text) return;
    auto outcome = knowledge.create_canned(*name, *text, at.agent);
    if (send_failure(res, outcome)) return;
    http::send_json(
        res, 201, Json{{"canned_response", canned_json(std::get<store::CannedResponse>(outcome))}});
  });

  desk.get("/api/canned-responses/{id}/render", [&knowledge](const DeskRequest& at,
                                                             httplib::Response& res) {
    auto activity = activity_param(at.http, res);
    if (!activity) return;
    auto outcome = knowledge.render(at.id, *activity);
    if (send_failure(res, outcome)) return;
    const auto& rendered = std::get<services::RenderedResponse>(outcome);
    http::send_json(res, 200,
                    Json{{"canned_response", canned_json(rendered.canned)},
                         {"text", rendered.text},
                         {"customer_name",
                          rendered.customer_name ? Json(*rendered.customer_name) : Json(nullptr)}});
  });
}

}  // namespace care::server::routes
