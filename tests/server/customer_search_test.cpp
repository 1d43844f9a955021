// Customer search by name: word prefixes of every length, short ones answered from
// their own index (migration 0011). Each answer is checked against the customers
// themselves (every name that matches, oldest first, up to the limit; for one word,
// names it matches twice first) and against the ranked query used before.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "store/database.hpp"
#include "store/sqlite_store.hpp"

namespace care::server::store {
namespace {

// A word as written, and as the index folds it (lower case, no diacritics).
struct Word {
  std::string written;
  std::string folded;
};

// Most first names and surnames start with different letters; Mara's shares its start
// with four surnames, so "m" or "ma" matches both words of "Mara Madsen" (ranked first).
const std::vector<Word> kFirst = {{"Ádám", "adam"},     {"Ole", "ole"},   {"Zoë", "zoe"},
                                  {"Eszter", "eszter"}, {"Иван", "иван"}, {"Олена", "олена"},
                                  {"Ana", "ana"},       {"Mara", "mara"}};
const std::vector<Word> kLast = {
    {"Madsen", "madsen"},     {"Márton", "marton"},       {"Mayer", "mayer"},
    {"Kovács", "kovacs"},     {"Kozma", "kozma"},         {"Марков", "марков"},
    {"Маринова", "маринова"}, {"Коваленко", "коваленко"}, {"Mádl", "madl"}};

struct Person {
  Id id = 0;
  std::vector<std::string> folded;
};

class CustomerSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("care-search-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(folder_);
    std::filesystem::create_directories(folder_);
    store_ = std::make_unique<SqliteStore>(path());
    for (size_t i = 0; i < 400; ++i) {
      const Word& first = kFirst[i % kFirst.size()];
      const Word& last = kLast[(i * 5 + i / 7) % kLast.size()];
      Customer customer;
      customer.name = first.written + " " + last.written;
      customer.created_at = time_from_unix_ms(1'790'000'000'000);
      customer.updated.at = customer.created_at;
      people_.push_back({store_->create_customer(customer, 0).id, {first.folded, last.folded}});
    }
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(folder_);
  }
  std::string path() const { return (folder_ / "care.db").string(); }

  // From the customers themselves: every folded query word starts some word of the
  // name; for one word, names where it starts two words first; oldest first; at most
  // `limit`.
  std::vector<Id> expected(const std::vector<std::string>& words, size_t limit) const {
    std::vector<Id> ids;
    for (bool both_first : {true, false}) {
      if (both_first && words.size() != 1) continue;
      for (const Person& person : people_) {
        bool all = true;
        int most = 0;
        for (const std::string& word : words) {
          int starts = 0;
          for (const std::string& name_word : person.folded)
            starts += name_word.rfind(word, 0) == 0 ? 1 : 0;
          all = all && starts > 0;
          most = std::max(most, starts);
        }
        bool ranked_first = words.size() == 1 && most >= 2;
        if (all && ranked_first == both_first && ids.size() < limit) ids.push_back(person.id);
      }
      if (words.size() != 1) break;
    }
    return ids;
  }

  std::vector<Id> found(const std::string& query, int limit) {
    std::vector<Id> ids;
    for (const Customer& c : store_->search_customers(query, limit))
      ids.push_back(c.id);
    return ids;
  }

  std::filesystem::path folder_;
  std::unique_ptr<SqliteStore> store_;
  std::vector<Person> people_;
};

struct Query {
  std::string typed;
  std::vector<std::string> folded;
};

const std::vector<Query> kQueries = {
    {"m", {"m"}},
    {"M", {"m"}},
    {"ma", {"ma"}},
    {"Má", {"ma"}},
    {"mad", {"mad"}},
    {"MÁD", {"mad"}},
    {"madl", {"madl"}},
    {"marto", {"marto"}},
    {"Márton", {"marton"}},
    {"ko", {"ko"}},
    {"kov", {"kov"}},
    {"м", {"м"}},
    {"Ма", {"ма"}},
    {"мар", {"мар"}},
    {"марк", {"марк"}},
    {"ко", {"ко"}},
    {"ad", {"ad"}},
    {"Ádá", {"ada"}},
    {"z", {"z"}},
    {"zo", {"zo"}},
    {"и", {"и"}},
    {"Ádám Ma", {"adam", "ma"}},
    {"Ole K", {"ole", "k"}},
    {"иван ко", {"иван", "ко"}},
    {"ana mayer", {"ana", "mayer"}},
    {"q", {"q"}},
    {"mx", {"mx"}},
};

TEST_F(CustomerSearchTest, WordPrefixesOfEveryLengthFindEveryMatchOldestFirst) {
  for (const Query& query : kQueries) {
    for (int limit : {1, 7, 50}) {
      EXPECT_EQ(found(query.typed, limit), expected(query.folded, static_cast<size_t>(limit)))
          << "\"" << query.typed << "\" limit " << limit;
    }
  }
  // The short prefixes do cut at the limit: more customers match than are shown.
  EXPECT_GT(expected({"m"}, 1000).size(), 50u);
  // Some names match by both words, and come first.
  EXPECT_NE(expected({"ma"}, 50), expected({"mad"}, 50));
  EXPECT_GT(expected({"ko"}, 1000).size(), 50u);
}

// The same answers the ranked query (bm25, before migration 0011) gave: names matched
// by both words first, then the rest, equal ranks oldest first.
TEST_F(CustomerSearchTest, AnswersAreTheOnesTheRankedSearchGave) {
  Database reader(path(), Database::Access::read_only);
  Statement& ranked = reader.prepare(
      "SELECT s.rowid FROM customers_search s WHERE customers_search MATCH ?"
      " ORDER BY s.rank LIMIT ?");
  for (const Query& query : kQueries) {
    std::string match;
    for (const std::string& word : query.folded)
      match += (match.empty() ? "\"" : " \"") + word + "\"*";
    ranked.bind(1, match).bind(2, 50);
    std::vector<Id> before;
    while (ranked.step())
      before.push_back(ranked.column_int(0));
    ranked.reset();
    EXPECT_EQ(found(query.typed, 50), before) << "\"" << query.typed << "\"";
  }
}

// A name edited or a customer added is found by its short prefixes at once: the
// triggers of migration 0002 fill the rebuilt index.
TEST_F(CustomerSearchTest, ShortPrefixesFollowEditsAndNewCustomers) {
  Customer first = *store_->customer(people_.front().id);
  Customer renamed = first;
  renamed.name = "Quentin Xu";
  renamed.version = first.version + 1;
  ASSERT_TRUE(store_->save_customer(renamed, first.version, 0));
  EXPECT_EQ(found("q", 10), std::vector<Id>{first.id});
  EXPECT_EQ(found("xu", 10), std::vector<Id>{first.id});
  EXPECT_TRUE(found("quentinx", 10).empty());
  Customer added;
  added.name = "Qadir Xuereb";
  added.created_at = time_from_unix_ms(1'790'000'000'000);
  added.updated.at = added.created_at;
  Id id = store_->create_customer(added, 0).id;
  EXPECT_EQ(found("Q", 10), (std::vector<Id>{first.id, id}));
  EXPECT_EQ(found("xu", 1), std::vector<Id>{first.id});
}

}  // namespace
}  // namespace care::server::store
