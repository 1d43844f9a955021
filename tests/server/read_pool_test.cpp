// Reads beside the writer: read-only connections (WAL) answer while another thread
// holds a write open, and never see half of it; a thread inside its own write reads
// what it wrote. Real database files, real threads.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

#include "store/database.hpp"
#include "store/read_pool.hpp"
#include "store/sqlite_store.hpp"

namespace care::server::store {
namespace {

class ReadPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("care-read-pool-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(folder_);
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }
  std::string path() const { return (folder_ / "care.db").string(); }

  std::filesystem::path folder_;
};

Customer customer_named(const std::string& name) {
  Customer customer;
  customer.name = name;
  customer.created_at = time_from_unix_ms(1'790'000'000'000);
  customer.updated.at = customer.created_at;
  return customer;
}

std::vector<std::string> names_found(SqliteStore& store, const std::string& query) {
  std::vector<std::string> names;
  for (const Customer& c : store.search_customers(query, 10))
    names.push_back(c.name);
  return names;
}

// How long the writer keeps its unit open waiting for the reader. Not a measure: it
// only ends the wait when reads queue behind the writer (as they did with one
// connection), so the test fails instead of hanging.
constexpr auto kDeadlockBreak = std::chrono::seconds(10);

TEST_F(ReadPoolTest, AReadAnswersWhileAnotherThreadHoldsAWriteOpen) {
  SqliteStore store(path(), 2);
  Id ole = store.create_customer(customer_named("Ole Lund"), 0).id;
  auto agent = store.create_agent(NewAgent{"anna", "Anna", "!", Role::Agent}, 1'000);
  ASSERT_TRUE(agent.has_value());
  store.create_session("hash-of-token", agent->id, 1'000, 1'000'000);

  std::promise<void> write_open;
  std::promise<void> read_done;
  bool read_done_while_open = false;
  std::thread writer([&] {
    Store::UnitOfWork work(store);
    store.create_customer(customer_named("Mária Kovács"), 0);
    write_open.set_value();
    read_done_while_open =
        read_done.get_future().wait_for(kDeadlockBreak) == std::future_status::ready;
    work.commit();
  });
  write_open.get_future().wait();
  // The committed customer and session are there; the open unit's customer is not.
  std::optional<Customer> found = store.customer(ole);
  std::vector<std::string> during = names_found(store, "Mária");
  std::optional<AgentRecord> session = store.session_agent("hash-of-token", 2'000);
  read_done.set_value();
  writer.join();

  EXPECT_TRUE(read_done_while_open) << "the read waited for the writer's unit to end";
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "Ole Lund");
  EXPECT_TRUE(during.empty()) << "a read saw a change before it was committed";
  ASSERT_TRUE(session.has_value());
  EXPECT_EQ(session->id, agent->id);
  // Committed now: the next read, on any thread, sees it.
  EXPECT_EQ(names_found(store, "Mária"), std::vector<std::string>{"Mária Kovács"});
}

TEST_F(ReadPoolTest, ReadsInsideAUnitOfWorkSeeItsOwnChanges) {
  SqliteStore store(path(), 2);
  Id id = 0;
  {
    Store::UnitOfWork work(store);
    id = store.create_customer(customer_named("Eszter Nagy"), 0).id;
    // Not committed, yet this thread reads it: its reads go to the writer.
    ASSERT_TRUE(store.customer(id).has_value());
    EXPECT_EQ(names_found(store, "Eszter"), std::vector<std::string>{"Eszter Nagy"});
    work.commit();
  }
  // Committed: the same thread reads it from a read connection.
  EXPECT_EQ(store.customer(id)->name, "Eszter Nagy");
}

TEST_F(ReadPoolTest, EveryReadSeesTheWritesCommittedBeforeIt) {
  SqliteStore store(path(), 1);  // one read connection: each read reuses it
  Customer customer = store.create_customer(customer_named("Ivan Petrov"), 0);
  EXPECT_EQ(store.customer(customer.id)->name, "Ivan Petrov");
  for (int round = 2; round <= 5; ++round) {
    Customer renamed = customer;
    renamed.name = "Ivan Petrov " + std::to_string(round);
    renamed.version = round;
    std::thread([&] { ASSERT_TRUE(store.save_customer(renamed, customer.version, 0)); }).join();
    customer = renamed;
    EXPECT_EQ(store.customer(customer.id)->name, renamed.name);
    EXPECT_EQ(store.customer(customer.id)->version, round);
  }
}

// Reads held together (a journey page: customer, requests, total, rows) come from one
// snapshot: a commit made between them shows in none of them, and in the reads after.
TEST_F(ReadPoolTest, ReadsHeldTogetherSeeOneSnapshot) {
  SqliteStore store(path(), 2);
  Customer customer = store.create_customer(customer_named("Ivan Petrov"), 0);
  Customer renamed = customer;
  renamed.name = "Ivan Petrovich";
  renamed.version = customer.version + 1;
  {
    Store::ReadTogether together(store);
    EXPECT_EQ(store.customer(customer.id)->name, "Ivan Petrov");
    std::thread([&] { ASSERT_TRUE(store.save_customer(renamed, customer.version, 0)); }).join();
    EXPECT_EQ(store.customer(customer.id)->name, "Ivan Petrov");
    EXPECT_EQ(names_found(store, "Ivan"), std::vector<std::string>{"Ivan Petrov"});
    {
      Store::ReadTogether nested(store);  // joins the outer one
      EXPECT_EQ(store.customer(customer.id)->name, "Ivan Petrov");
    }
    EXPECT_EQ(store.customer(customer.id)->name, "Ivan Petrov");
  }
  EXPECT_EQ(store.customer(customer.id)->name, "Ivan Petrovich");
  // Inside a unit of work the reads are the unit's: it sees its own change.
  Store::UnitOfWork work(store);
  Store::ReadTogether together(store);
  Customer again = renamed;
  again.name = "Ivan";
  again.version = renamed.version + 1;
  ASSERT_TRUE(store.save_customer(again, renamed.version, 0));
  EXPECT_EQ(store.customer(customer.id)->name, "Ivan");
  work.commit();
}

TEST_F(ReadPoolTest, ManyThreadsShareAFewReadConnections) {
  SqliteStore store(path(), 2);
  Id id = store.create_customer(customer_named("Signe Holm"), 0).id;
  std::atomic<int> answered{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 8; ++t) {
    readers.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (store.customer(id) && store.search_customers("Sig", 5).size() == 1) ++answered;
      }
    });
  }
  for (std::thread& reader : readers)
    reader.join();
  EXPECT_EQ(answered.load(), 8 * 50);
}

TEST_F(ReadPoolTest, WithNoReadConnectionsReadsUseTheWriter) {
  SqliteStore store(path(), 0);
  EXPECT_EQ(store.read_connections(), 0);
  Id id = store.create_customer(customer_named("Luka Jovanović"), 0).id;
  EXPECT_EQ(store.customer(id)->name, "Luka Jovanović");
  EXPECT_EQ(names_found(store, "Luka"), std::vector<std::string>{"Luka Jovanović"});
}

// A borrower that stops part-way through the rows leaves SQLite's read open, pinned to
// the snapshot it began with; the pool ends it on return, so the next borrower of the
// same connection sees newer commits.
TEST_F(ReadPoolTest, AConnectionComesBackWithNoReadLeftOpen) {
  SqliteStore store(path(), 0);  // migrations
  store.create_customer(customer_named("Anna"), 0);
  store.create_customer(customer_named("Sam"), 0);
  ReadPool pool(path(), 1);
  Database& reader = pool.acquire();
  Statement& rows = reader.prepare("SELECT name FROM customers ORDER BY id");
  ASSERT_TRUE(rows.step());  // one of two rows read, then given back
  pool.release(reader);

  store.create_customer(customer_named("Thor"), 0);
  Database& again = pool.acquire();
  ASSERT_EQ(&again, &reader);
  Statement& count = again.prepare("SELECT COUNT(*) FROM customers");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.column_int(0), 3);
  count.reset();
  pool.release(again);
}

TEST_F(ReadPoolTest, AReadConnectionRefusesToWrite) {
  SqliteStore store(path(), 0);
  Database reader(path(), Database::Access::read_only);
  EXPECT_THROW(reader.exec("INSERT INTO wrap_up_codes(code, label) VALUES ('x', 'X')"), StoreError);
}

}  // namespace
}  // namespace care::server::store
