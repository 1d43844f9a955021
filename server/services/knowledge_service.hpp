#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "care/model.hpp"
#include "clock.hpp"
#include "events/event_hub.hpp"
#include "services/routing_service.hpp"
#include "store/store.hpp"

namespace care::server::services {

// POST /api/kb: what an admin writes; the server adds id, stamp and version.
struct ArticleDraft {
  std::string title;
  std::string body;
  std::string language = "en";
  std::vector<std::string> tags;
  std::string category;  // optional: the help portal groups articles by it (R-H1)
};

// A canned response with its placeholder filled for one conversation (R-F9).
struct RenderedResponse {
  store::CannedResponse canned;
  std::string text;
  std::optional<std::string> customer_name;  // nullopt: nobody's name is known
};

// The agent's helpers in a conversation: the knowledge base (R-F5, also read by the
// public help portal, R-H1) and canned responses (R-F9).
class KnowledgeService {
 public:
  static constexpr int kAgentResults = 20;
  static constexpr int kPortalResults = 10;
  static constexpr int kPopularDefault = 6;
  static constexpr int kPopularMax = 50;
  static constexpr size_t kCategoryLimit = 100;
  static constexpr size_t kMaxQueryWords = 16;

  KnowledgeService(store::Store& store, events::EventHub& events, const Clock& clock);

  // Full-text search: every word as a prefix, all of them; when that finds nothing, any
  // of them (a customer's question in their own words still finds something). An
  // empty query lists the newest articles.
  std::vector<store::KbHit> search(std::string_view query, int limit);
  std::optional<KbArticle> article(Id id);
  // The help portal (R-H1): its home's categories and popular articles in one
  // language, and an article as a customer opens it (which counts a view).
  std::vector<store::KbCategory> categories(std::string_view language);
  std::vector<store::KbHit> popular(std::string_view language,
                                    std::optional<std::string_view> category, int limit);
  std::optional<KbArticle> read_by_customer(Id id);
  std::variant<KbArticle, WorkError> create_article(const ArticleDraft& draft, const Agent& by);

  // Names starting with `query` first, then names containing it, then bodies containing
  // it, ignoring case (Cyrillic too); a leading "/" (the composer's trigger) is ignored.
  std::vector<store::CannedResponse> canned(std::string_view query, int limit);
  std::variant<store::CannedResponse, WorkError> create_canned(std::string_view name,
                                                               std::string_view body,
                                                               const Agent& by);
  // The body with "{customer}" replaced by the activity's customer's name (the saved
  // customer's, else the name the chat's pre-chat survey gave).
  std::variant<RenderedResponse, WorkError> render(Id canned, Id activity);

  // "{customer}" → `name`; with no name, the placeholder and the space before it go
  // ("Hello {customer}, …" → "Hello, …").
  static std::string fill_customer(std::string_view body, const std::optional<std::string>& name);
  // The query's words as the store searches them: split on white space and quotes.
  static std::vector<std::string> words_of(std::string_view query);

 private:
  Time now() const { return time_from_unix_ms(clock_.now_ms()); }

  store::Store& store_;
  events::EventHub& events_;
  const Clock& clock_;
};

}  // namespace care::server::services
