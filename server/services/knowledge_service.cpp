#include "services/knowledge_service.hpp"

#include <algorithm>

#include "care/case_fold.hpp"
#include "care/rules/tags.hpp"
#include "care/text.hpp"
#include "events/publish.hpp"
#include "store/store_error.hpp"

namespace care::server::services {
namespace {

constexpr std::string_view kPlaceholder = "{customer}";
constexpr size_t kCannedNameLimit = 100;
constexpr size_t kLanguageLimit = 100;

WorkError rule_broken(const Error& error) {
  return WorkError{422, error};
}

bool is_space(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

}  // namespace

KnowledgeService::KnowledgeService(store::Store& store, events::EventHub& events,
                                   const Clock& clock)
    : store_(store), events_(events), clock_(clock) {}

std::vector<std::string> KnowledgeService::words_of(std::string_view query) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && words.size() < kMaxQueryWords) words.push_back(word);
    word.clear();
  };
  for (char ch : query) {
    if (is_space(ch) || ch == '"') {
      flush();
    } else {
      word += ch;
    }
  }
  flush();
  return words;
}

// --- knowledge base -----------------------------------------------------------------

std::vector<store::KbHit> KnowledgeService::search(std::string_view query, int limit) {
  std::vector<std::string> words = words_of(query);
  auto hits = store_.search_articles(words, false, limit);
  if (hits.empty() && words.size() > 1) hits = store_.search_articles(words, true, limit);
  return hits;
}

std::optional<KbArticle> KnowledgeService::article(Id id) {
  return store_.article(id);
}

std::vector<store::KbCategory> KnowledgeService::categories(std::string_view language) {
  return store_.article_categories(language);
}

std::vector<store::KbHit> KnowledgeService::popular(std::string_view language,
                                                    std::optional<std::string_view> category,
                                                    int limit) {
  return store_.popular_articles(language, category, limit);
}

std::optional<KbArticle> KnowledgeService::read_by_customer(Id id) {
  try {
    if (!store_.add_article_views(id, 1)) return std::nullopt;
  } catch (const store::StorageFull&) {
    // A view that cannot be counted (a full disk) must not keep the article from the
    // customer: reading goes on.
  }
  return store_.article(id);
}

std::variant<KbArticle, WorkError> KnowledgeService::create_article(const ArticleDraft& draft,
                                                                    const Agent& by) {
  KbArticle article;
  article.title = trim(draft.title);
  article.body = draft.body;
  article.language = trim(draft.language);
  if (article.title.empty()) {
    return rule_broken(make_error(ErrorCode::empty, "title", "an article needs a title"));
  }
  if (Status ok = check_text("title", article.title); !ok) return rule_broken(ok.error());
  // The body is a text field like any other (R-C1), so the shared decoder the desktop
  // reads articles with accepts every article the server stores.
  if (Status ok = check_text("body", article.body); !ok) return rule_broken(ok.error());
  if (article.language.empty()) article.language = "en";
  if (Status ok = check_text("language", article.language, kLanguageLimit); !ok) {
    return rule_broken(ok.error());
  }
  article.category = trim(draft.category);
  if (Status ok = check_text("category", article.category, kCategoryLimit); !ok) {
    return rule_broken(ok.error());
  }
  for (size_t i = 0; i < draft.tags.size(); ++i) {
    auto added = add_tag(article.tags, draft.tags[i], "tags[" + std::to_string(i) + "]");
    if (!added) return rule_broken(added.error());
    article.tags = std::move(*added);
  }
  Time at = now();
  article.updated = Stamp{by.id, at};
  article = store_.create_article(article, by.id);
  events::publish(
      events_, RecordChanged{RecordType::kb_article, article.id, article.version, article.updated},
      events::Audience::all());
  return article;
}

// --- canned responses ---------------------------------------------------------------

std::vector<store::CannedResponse> KnowledgeService::canned(std::string_view query, int limit) {
  std::string_view text = query;
  if (!text.empty() && text.front() == '/') text.remove_prefix(1);
  std::string needle = fold_case(trim(text));
  std::vector<std::pair<int, store::CannedResponse>> ranked;
  for (store::CannedResponse& canned : store_.canned_responses()) {
    int rank = 0;
    if (!needle.empty()) {
      std::string name = fold_case(canned.name);
      if (name.rfind(needle, 0) == 0) {
        rank = 0;
      } else if (name.find(needle) != std::string::npos) {
        rank = 1;
      } else if (fold_case(canned.body).find(needle) != std::string::npos) {
        rank = 2;
      } else {
        continue;
      }
    }
    ranked.emplace_back(rank, std::move(canned));
  }
  // The store lists by name, so a stable sort keeps names in order within a rank.
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<store::CannedResponse> found;
  for (auto& [rank, canned] : ranked) {
    if (static_cast<int>(found.size()) >= limit) break;
    found.push_back(std::move(canned));
  }
  return found;
}

std::variant<store::CannedResponse, WorkError> KnowledgeService::create_canned(
    std::string_view name, std::string_view body, const Agent& by) {
  store::CannedResponse canned{0, trim(name), std::string(body)};
  if (canned.name.empty()) {
    return rule_broken(make_error(ErrorCode::empty, "name", "a canned response needs a name"));
  }
  if (Status ok = check_text("name", canned.name, kCannedNameLimit); !ok) {
    return rule_broken(ok.error());
  }
  if (trim(canned.body).empty()) {
    return rule_broken(make_error(ErrorCode::empty, "body", "a canned response needs a text"));
  }
  if (Status ok = check_text("body", canned.body); !ok) return rule_broken(ok.error());
  auto created = store_.create_canned_response(canned, by.id, now());
  if (!created) {
    return WorkError{
        409, make_error(ErrorCode::duplicate, "name", "a canned response with this name exists")};
  }
  return *created;
}

std::string KnowledgeService::fill_customer(std::string_view body,
                                            const std::optional<std::string>& name) {
  std::string out;
  size_t from = 0;
  for (size_t at = body.find(kPlaceholder); at != std::string_view::npos;
       at = body.find(kPlaceholder, from)) {
    out.append(body.substr(from, at - from));
    if (name) {
      out += *name;
    } else if (!out.empty() && out.back() == ' ') {
      out.pop_back();
    }
    from = at + kPlaceholder.size();
  }
  out.append(body.substr(from));
  return out;
}

std::variant<RenderedResponse, WorkError> KnowledgeService::render(Id canned_id, Id activity_id) {
  auto canned = store_.canned_response(canned_id);
  if (!canned) {
    return WorkError{404, make_error(ErrorCode::not_found, "id", "no such canned response")};
  }
  auto activity = store_.activity(activity_id);
  if (!activity) {
    return WorkError{404, make_error(ErrorCode::not_found, "activity", "no such activity")};
  }
  std::optional<std::string> name;
  if (activity->customer) {
    if (auto customer = store_.customer(*activity->customer); customer) {
      std::string saved = trim(customer->name);
      if (!saved.empty()) name = saved;
    }
  }
  if (!name) {
    for (const Field& answer : activity->context.pre_chat) {
      if (equal_ignoring_case(answer.name, "name") && !trim(answer.value).empty()) {
        name = trim(answer.value);
        break;
      }
    }
  }
  std::string text = fill_customer(canned->body, name);
  return RenderedResponse{std::move(*canned), std::move(text), std::move(name)};
}

}  // namespace care::server::services
