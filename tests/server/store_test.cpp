// The SQLite store's plumbing (migrations, pragmas, transactions, statements), and
// units of work on both stores: SQLite and PostgreSQL are held to the same behaviour.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "lock_waits.hpp"
#include "postgres_cluster.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite_store.hpp"

namespace care::server::store {
namespace {

// A test's name as a folder name (a parametrised test's has a '/').
std::string safe_name(std::string name) {
  for (char& ch : name) {
    if (ch == '/') ch = '-';
  }
  return name;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("care-store-" + std::to_string(::getpid()) + "-" +
               safe_name(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(folder_);
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }
  std::string path() const { return (folder_ / "care.db").string(); }

  std::filesystem::path folder_;
};

// The first column of the first row, as text.
std::string first_value(Database& db, const std::string& sql) {
  Statement& statement = db.prepare(sql);
  EXPECT_TRUE(statement.step()) << sql;
  std::string value = statement.column_text(0);
  statement.reset();
  return value;
}

std::string pragma(Database& db, const char* name) {
  return first_value(db, std::string("PRAGMA ") + name);
}

TEST_F(StoreTest, OpensInWalWithForeignKeysAndFullSync) {
  Database db(path());
  EXPECT_EQ(pragma(db, "journal_mode"), "wal");
  EXPECT_EQ(pragma(db, "foreign_keys"), "1");
  EXPECT_EQ(pragma(db, "synchronous"), "2");
}

// SQLite's allocation counts are off (their process-wide mutex was contended by every
// worker, issue 15): it reports nothing in use while a database is open and busy.
TEST_F(StoreTest, SqliteCountsNoAllocations) {
  Database db(path());
  db.exec("CREATE TABLE t(x TEXT)");
  db.exec("INSERT INTO t VALUES ('a'), ('b')");
  EXPECT_EQ(first_value(db, "SELECT COUNT(*) FROM t"), "2");
  EXPECT_EQ(sqlite3_memory_used(), 0);
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

// Upgrading keeps the rows a rebuilt table's children point at (a dropped table
// with foreign keys on would have cascade-deleted the messages).
TEST_F(StoreTest, UpgradingFromTheFirstSchemaKeepsEveryRow) {
  {
    Database db(path());
    db.exec("PRAGMA foreign_keys=OFF");
    db.exec(migrations().front().sql);
    db.exec(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT '')");
    db.exec("INSERT INTO schema_migrations(version, name) VALUES (1, 'initial')");
    db.exec("PRAGMA foreign_keys=ON");
    db.exec(
        "INSERT INTO customers(id, kind, name, created_at, updated_at)"
        " VALUES (7, 'contact', 'Мария Иванова', 1, 1)");
    db.exec(
        "INSERT INTO requests(id, customer_id, title, created_at, updated_at)"
        " VALUES (3, 7, 'Счупен рутер', 1, 1)");
    db.exec(
        "INSERT INTO activities(id, request_id, customer_id, media, created_at, updated_at)"
        " VALUES (5, 3, 7, 'chat', 1, 1)");
    db.exec(
        "INSERT INTO messages(activity_id, direction, author, body, created_at)"
        " VALUES (5, 'inbound', 'Мария', 'Здравейте', 1)");
  }
  Database db(path());
  EXPECT_EQ(apply_migrations(db), migrations().back().version);
  EXPECT_EQ(pragma(db, "foreign_keys"), "1");
  Statement& kept = db.prepare(
      "SELECT a.request_id, m.body FROM messages m JOIN activities a ON a.id = m.activity_id");
  ASSERT_TRUE(kept.step());
  EXPECT_EQ(kept.column_int(0), 3);
  EXPECT_EQ(kept.column_text(1), "Здравейте");
  kept.reset();
  // Rows from before the upgrade are searchable, and unknown activities may wait
  // for a request now.
  Statement& found =
      db.prepare("SELECT rowid FROM customers_search WHERE customers_search MATCH 'мария*'");
  ASSERT_TRUE(found.step());
  EXPECT_EQ(found.column_int(0), 7);
  found.reset();
  db.exec("INSERT INTO activities(media, created_at, updated_at) VALUES ('email', 2, 2)");
}

// --- units of work -------------------------------------------------------------------

Customer customer_named(const std::string& name) {
  Customer customer;
  customer.name = name;
  customer.created_at = time_from_unix_ms(1'790'000'000'000);
  customer.updated.at = customer.created_at;
  return customer;
}

Request request_of(Id customer) {
  Request request;
  request.customer = customer;
  request.title = "Router blinks red";
  request.created_at = time_from_unix_ms(1'790'000'000'000);
  request.updated.at = request.created_at;
  return request;
}

// Counted on a connection of its own: it sees only what was committed.
std::int64_t count_rows(const std::string& path, const char* table) {
  Database db(path);
  return std::stoll(first_value(db, std::string("SELECT COUNT(*) FROM ") + table));
}

// The same tests on each store: a SQLite file in a temporary folder, or a fresh
// database on the test binary's PostgreSQL cluster.
class EachStoreTest : public StoreTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (GetParam() == "postgres") conninfo_ = test::PostgresCluster::shared().create_database();
  }
  void TearDown() override {
    if (!conninfo_.empty()) test::PostgresCluster::shared().drop_database(conninfo_);
    StoreTest::TearDown();
  }

  std::unique_ptr<Store> open_store() {
    if (GetParam() == "postgres") return std::make_unique<PostgresStore>(conninfo_);
    return std::make_unique<SqliteStore>(path());
  }

  // Rows of `table` another connection sees: only what was committed.
  std::int64_t count_rows(const char* table) {
    if (GetParam() != "postgres") return store::count_rows(path(), table);
    pg::Connection other(conninfo_);
    return other.query(std::string("SELECT COUNT(*) FROM ") + table).integer(0, 0);
  }

  std::string conninfo_;
};

INSTANTIATE_TEST_SUITE_P(Stores, EachStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& each) { return each.param; });

TEST_P(EachStoreTest, AUnitOfWorkThatThrowsMidwayLeavesNothingBehind) {
  auto opened = open_store();
  Store& store = *opened;
  Id customer = 0;
  EXPECT_THROW(
      {
        Store::UnitOfWork work(store);
        customer = store.create_customer(customer_named("Мария"), 0).id;
        store.create_request(request_of(customer), 0);
        throw StoreError("the disk filled up");
      },
      StoreError);
  EXPECT_FALSE(store.customer(customer).has_value());
  EXPECT_TRUE(store.requests_of(customer).empty());
  EXPECT_EQ(count_rows("audit"), 0);
}

TEST_P(EachStoreTest, StoreCallsInsideAUnitOfWorkJoinItAndCommitOnceAtTheEnd) {
  auto opened = open_store();
  Store& store = *opened;
  {
    Store::UnitOfWork work(store);
    Customer customer = store.create_customer(customer_named("Eszter"), 0);
    store.create_request(request_of(customer.id), 0);
    Customer renamed = customer;
    renamed.name = "Eszter Nagy";
    renamed.version = 2;
    ASSERT_TRUE(store.save_customer(renamed, customer.version, 0));
    // Each call would have committed on its own; joined, nothing is visible to another
    // connection yet.
    EXPECT_EQ(count_rows("customers"), 0);
    EXPECT_EQ(count_rows("requests"), 0);
    work.commit();
  }
  EXPECT_EQ(count_rows("customers"), 1);
  EXPECT_EQ(count_rows("requests"), 1);
  EXPECT_EQ(count_rows("audit"), 3);
}

TEST_P(EachStoreTest, LeavingAUnitOfWorkWithoutCommitUndoesIt) {
  auto opened = open_store();
  Store& store = *opened;
  Id customer = 0;
  {
    Store::UnitOfWork work(store);
    customer = store.create_customer(customer_named("Ivan"), 0).id;
  }
  EXPECT_FALSE(store.customer(customer).has_value());
  // The store is usable afterwards, and a call outside a unit commits by itself.
  Id kept = store.create_customer(customer_named("Ivan"), 0).id;
  EXPECT_EQ(count_rows("customers"), 1);
  EXPECT_TRUE(store.customer(kept).has_value());
}

TEST_P(EachStoreTest, AnInnerUnitThatGivesUpUndoesTheOuterOne) {
  auto opened = open_store();
  Store& store = *opened;
  {
    Store::UnitOfWork outer(store);
    store.create_customer(customer_named("Anna"), 0);
    {
      Store::UnitOfWork inner(store);
      store.create_customer(customer_named("Sam"), 0);
    }
    EXPECT_THROW(outer.commit(), StoreError);
  }
  EXPECT_EQ(count_rows("customers"), 0);
  store.create_customer(customer_named("Anna"), 0);
  EXPECT_EQ(count_rows("customers"), 1);
}

// Another thread's call never slips its statements into the unit's transaction. On
// SQLite it waits for the unit to end (one connection under a lock); on PostgreSQL it
// runs at once on a connection of its own (writes go side by side there, issue 17).
// Either way it commits on its own and stays when the unit gives up.
TEST_P(EachStoreTest, AnotherThreadsCallNeverJoinsTheUnitOfWork) {
  auto opened = open_store();
  Store& store = *opened;
  std::atomic<bool> other_done{false};
  std::thread other;
  {
    Store::UnitOfWork work(store);
    store.create_customer(customer_named("Mária"), 0);
    other = std::thread([&] {
      store.create_customer(customer_named("Ole"), 0);
      other_done = true;
    });
    if (GetParam() == "postgres") {
      EXPECT_TRUE(test::done_before_waiting(conninfo_, other_done));
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      EXPECT_FALSE(other_done.load());
    }
    // Give up: only the other thread's customer, committed on its own, remains.
  }
  other.join();
  EXPECT_TRUE(other_done.load());
  auto found = store.search_customers("Ole", 10);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(count_rows("customers"), 1);
}

// Agents changing state at once share commits (SQLite: a group commit whose writer
// hands the next batch to the first waiting and wakes only its own batch; PostgreSQL
// groups fsyncs itself). On SQLite the unit held at first makes every caller wait, so
// the first batch is one change and the next all the others: each caller still gets
// its own change back, stored and audited, and an unknown agent among them changes
// nothing.
TEST_P(EachStoreTest, StateChangesMadeAtOnceAreEachStoredAuditedAndAnsweredToTheirCaller) {
  auto opened = open_store();
  Store& store = *opened;
  constexpr int kAgents = 24;
  constexpr int kChanges = 8;
  std::vector<std::int64_t> ids;
  for (int i = 0; i < kAgents; ++i) {
    auto agent = store.create_agent(
        NewAgent{"agent" + std::to_string(i), "Agent " + std::to_string(i), "x", Role::Agent}, 0);
    ASSERT_TRUE(agent.has_value());
    ids.push_back(agent->id);
  }
  const std::int64_t audited_before = count_rows("audit");
  std::atomic<int> wrong{0};
  std::atomic<int> unknown_answered{0};
  std::vector<std::thread> callers;
  {
    Store::UnitOfWork holding(store);  // on SQLite every caller waits behind it at first
    for (int i = 0; i < kAgents; ++i) {
      callers.emplace_back([&, i] {
        for (int change = 0; change < kChanges; ++change) {
          const bool ready = change % 2 == 0;
          const std::int64_t at = 1'000 * (change + 1) + i;
          auto got =
              store.set_agent_state(ids[static_cast<size_t>(i)], ready ? "ready" : "not_ready",
                                    ready ? "" : "lunch", ids[static_cast<size_t>(i)], at);
          if (!got || got->id != ids[static_cast<size_t>(i)] ||
              got->state != (ready ? "ready" : "not_ready") || got->state_since != at) {
            ++wrong;
          }
        }
      });
    }
    callers.emplace_back([&] {
      if (!store.set_agent_state(999'999, "ready", "", std::nullopt, 5).has_value())
        ++unknown_answered;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  for (auto& caller : callers)
    caller.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(unknown_answered.load(), 1);
  EXPECT_EQ(count_rows("audit") - audited_before, kAgents * kChanges);
  // What another connection reads: each agent's last change (Not Ready, lunch).
  auto reopened = open_store();
  for (int i = 0; i < kAgents; ++i) {
    auto agent = reopened->agent(ids[static_cast<size_t>(i)]);
    ASSERT_TRUE(agent.has_value());
    EXPECT_EQ(agent->state, "not_ready");
    EXPECT_EQ(agent->state_reason, "lunch");
    EXPECT_EQ(agent->state_since, 1'000 * kChanges + i);
  }
}

}  // namespace
namespace {

// An endpoint that wants request.closed, and `count` deliveries of it, due from `at`
// (the n-th at at + n), in the outbox of `store`.
void outbox_with(Store& store, int count, std::int64_t at) {
  WebhookEndpoint endpoint;
  endpoint.url = "http://127.0.0.1:9/hook";
  endpoint.events = {"request.closed"};
  endpoint.secret = "secret";
  endpoint.created_at = at;
  store.create_webhook(endpoint, 0);
  for (int n = 0; n < count; ++n) {
    Store::UnitOfWork work(store);
    store.add_webhook_deliveries("request.closed", "{\"n\":" + std::to_string(n) + "}", at + n);
    work.commit();
  }
}

}  // namespace

// Each node runs a webhook sender on the one outbox: what one sender took is due to no
// other until its claim ends, and due again then (its node may have died).
TEST_P(EachStoreTest, AClaimedWebhookDeliveryIsDueToNoOtherSenderUntilItsClaimEnds) {
  auto opened = open_store();
  Store& store = *opened;
  constexpr std::int64_t kAt = 1'790'000'000'000;
  outbox_with(store, 3, kAt);

  auto first = store.claim_webhook_deliveries(kAt + 10, 2, kAt + 1'000);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].body, "{\"n\":0}");
  EXPECT_EQ(first[1].body, "{\"n\":1}");
  EXPECT_EQ(first[0].url, "http://127.0.0.1:9/hook");
  auto second = store.claim_webhook_deliveries(kAt + 10, 16, kAt + 1'000);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].body, "{\"n\":2}");
  EXPECT_TRUE(store.claim_webhook_deliveries(kAt + 999, 16, kAt + 2'000).empty());
  EXPECT_EQ(store.next_webhook_due(), kAt + 1'000);
  EXPECT_EQ(store.claim_webhook_deliveries(kAt + 1'000, 16, kAt + 3'000).size(), 3u);
}

// Two senders claiming at once (on PostgreSQL two stores, as two nodes; SQLite has one
// node): every delivery is taken exactly once.
TEST_P(EachStoreTest, SendersClaimingAtOnceTakeEachWebhookDeliveryOnce) {
  auto opened = open_store();
  std::unique_ptr<Store> other = GetParam() == "postgres" ? open_store() : nullptr;
  constexpr std::int64_t kAt = 1'790'000'000'000;
  constexpr int kDeliveries = 60;
  outbox_with(*opened, kDeliveries, kAt);
  std::vector<Id> taken[2];
  std::atomic<bool> go{false};
  std::vector<std::thread> senders;
  for (int s = 0; s < 2; ++s) {
    Store& store = s == 1 && other ? *other : *opened;
    senders.emplace_back([&, s] {
      while (!go)
        std::this_thread::yield();
      for (;;) {
        auto claimed = store.claim_webhook_deliveries(kAt + kDeliveries, 3, kAt + 60'000);
        // More than there are: the claims hold nothing (the loop would not end).
        if (claimed.empty() || taken[s].size() > kDeliveries) return;
        for (const WebhookDelivery& delivery : claimed)
          taken[s].push_back(delivery.id);
      }
    });
  }
  go = true;
  for (auto& sender : senders)
    sender.join();
  std::vector<Id> all = taken[0];
  all.insert(all.end(), taken[1].begin(), taken[1].end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all.size(), static_cast<size_t>(kDeliveries))
      << taken[0].size() << " and " << taken[1].size() << " taken";
  EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end()) << "a delivery taken twice";
}

}  // namespace care::server::store
