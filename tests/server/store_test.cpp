// The SQLite store's plumbing: migrations, pragmas, transactions, statements.
#include <gtest/gtest.h>

#include <filesystem>

#include "store/database.hpp"
#include "store/migrations.hpp"

namespace care::server::store {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("care-store-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(folder_);
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }
  std::string path() const { return (folder_ / "care.db").string(); }

  std::filesystem::path folder_;
};

std::string pragma(Database& db, const char* name) {
  Statement& statement = db.prepare(std::string("PRAGMA ") + name);
  EXPECT_TRUE(statement.step());
  std::string value = statement.column_text(0);
  statement.reset();
  return value;
}

TEST_F(StoreTest, OpensInWalWithForeignKeysAndFullSync) {
  Database db(path());
  EXPECT_EQ(pragma(db, "journal_mode"), "wal");
  EXPECT_EQ(pragma(db, "foreign_keys"), "1");
  EXPECT_EQ(pragma(db, "synchronous"), "2");
}

TEST_F(StoreTest, MigrationsBringANewDatabaseToTheNewestVersion) {
  Database db(path());
  int newest = migrations().back().version;
  EXPECT_EQ(apply_migrations(db), newest);
  Statement& tables = db.prepare(
      "SELECT COUNT(*) FROM sqlite_master WHERE name IN "
      "('agents','requests','activities','tasks','events','audit','kb_search')");
  ASSERT_TRUE(tables.step());
  EXPECT_EQ(tables.column_int(0), 7);
}

TEST_F(StoreTest, MigrationsRunOnceAndAgainIsANoOp) {
  {
    Database db(path());
    apply_migrations(db);
    db.exec("INSERT INTO skills(name) VALUES ('billing')");
  }
  Database db(path());
  EXPECT_EQ(apply_migrations(db), migrations().back().version);
  Statement& count = db.prepare("SELECT COUNT(*) FROM schema_migrations");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.column_int(0), static_cast<std::int64_t>(migrations().size()));
  count.reset();
  Statement& skills = db.prepare("SELECT COUNT(*) FROM skills");
  ASSERT_TRUE(skills.step());
  EXPECT_EQ(skills.column_int(0), 1);
}

TEST_F(StoreTest, ADatabaseFromANewerServerIsRefused) {
  Database db(path());
  apply_migrations(db);
  db.exec("INSERT INTO schema_migrations(version, name) VALUES (9999, 'from_the_future')");
  EXPECT_THROW(apply_migrations(db), StoreError);
}

TEST_F(StoreTest, ForeignKeysAreEnforced) {
  Database db(path());
  apply_migrations(db);
  EXPECT_THROW(db.exec("INSERT INTO requests(customer_id, title, created_at, updated_at) VALUES "
                       "(42, 't', 0, 0)"),
               StoreError);
}

TEST_F(StoreTest, ATransactionThatThrowsLeavesNothingBehind) {
  Database db(path());
  apply_migrations(db);
  EXPECT_THROW(db.transaction([&] {
    db.prepare("INSERT INTO skills(name) VALUES (?)").bind(1, "chat").run();
    throw StoreError("stop");
  }),
               StoreError);
  Statement& count = db.prepare("SELECT COUNT(*) FROM skills");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.column_int(0), 0);
}

TEST_F(StoreTest, KnowledgeSearchFindsWordsIgnoringCaseAndDiacritics) {
  Database db(path());
  apply_migrations(db);
  db.prepare("INSERT INTO kb_articles(title, body, updated_at) VALUES (?, ?, 0)")
      .bind(1, "Nulstil adgangskode")
      .bind(2, "Sådan nulstiller du din adgangskode. Промяна на парола.")
      .run();
  for (const char* query : {"adgangskode", "ПАРОЛА", "sadan"}) {
    Statement& search = db.prepare("SELECT rowid FROM kb_search WHERE kb_search MATCH ?");
    search.bind(1, query);
    EXPECT_TRUE(search.step()) << query;
    search.reset();
  }
}

}  // namespace
}  // namespace care::server::store
