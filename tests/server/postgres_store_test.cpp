// The PostgreSQL store (issue 17) on a throw-away cluster: its migrations, its errors,
// and every Store method run side by side with the SQLite store, which it must answer
// exactly as.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <set>
#include <thread>
#include <utility>

#include "app.hpp"
#include "care/codec/json.hpp"
#include "lock_waits.hpp"
#include "postgres_cluster.hpp"
#include "services/knowledge_service.hpp"
#include "store/migrations.hpp"
#include "store/postgres/pg_migrations.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite_store.hpp"
#include "test_server.hpp"

namespace care::server::store {
namespace {

namespace fs = std::filesystem;

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { conninfo_ = test::PostgresCluster::shared().create_database(); }
  void TearDown() override {
    if (!conninfo_.empty()) test::PostgresCluster::shared().drop_database(conninfo_);
  }

  std::int64_t count(const std::string& sql) {
    pg::Connection other(conninfo_);
    return other.query(sql).integer(0, 0);
  }

  std::string conninfo_;
};

TEST_F(PostgresStoreTest, MigrationsMatchSqlitesNumbersAndBringANewDatabaseToTheNewest) {
  ASSERT_EQ(pg::migrations().size(), migrations().size());
  for (size_t i = 0; i < migrations().size(); ++i) {
    EXPECT_EQ(pg::migrations()[i].version, migrations()[i].version);
    EXPECT_EQ(pg::migrations()[i].name, migrations()[i].name);
  }
  PostgresStore store(conninfo_);
  EXPECT_EQ(store.schema_version(), migrations().back().version);
  EXPECT_EQ(count("SELECT COUNT(*) FROM schema_migrations"),
            static_cast<std::int64_t>(migrations().size()));
  EXPECT_EQ(count("SELECT COUNT(*) FROM information_schema.tables WHERE table_name IN"
                  " ('agents','requests','activities','tasks','events','audit','kb_articles')"),
            7);
}

TEST_F(PostgresStoreTest, MigrationsRunOnceAndAgainIsANoOp) {
  { PostgresStore first(conninfo_); }
  {
    pg::Connection db(conninfo_);
    db.exec("INSERT INTO skills(name) VALUES ('billing')");
  }
  PostgresStore again(conninfo_);
  EXPECT_EQ(again.schema_version(), migrations().back().version);
  EXPECT_EQ(count("SELECT COUNT(*) FROM schema_migrations"),
            static_cast<std::int64_t>(migrations().size()));
  EXPECT_EQ(count("SELECT COUNT(*) FROM skills"), 1);
}

TEST_F(PostgresStoreTest, ADatabaseFromANewerServerIsRefused) {
  { PostgresStore first(conninfo_); }
  {
    pg::Connection db(conninfo_);
    db.exec("INSERT INTO schema_migrations(version, name) VALUES (9999, 'from_the_future')");
  }
  try {
    PostgresStore refused(conninfo_);
    ADD_FAILURE() << "a database at version 9999 was opened";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("9999"), std::string::npos) << error.what();
  }
}

TEST_F(PostgresStoreTest, AServerThatCannotBeReachedIsAStoreErrorSayingSo) {
  try {
    PostgresStore store("host=" + test::PostgresCluster::shared().folder() +
                        "/nowhere user=care dbname=none connect_timeout=2");
    ADD_FAILURE() << "connected to nothing";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("cannot connect"), std::string::npos) << error.what();
  }
}

TEST_F(PostgresStoreTest, AFailedStatementIsAStoreErrorWithItsSqlstateAndLeavesNothing) {
  PostgresStore store(conninfo_);
  Request request;
  request.customer = 42;  // no such customer
  request.title = "Router blinks red";
  try {
    store.create_request(request, 0);
    ADD_FAILURE() << "a request of a missing customer was stored";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("23503"), std::string::npos) << error.what();
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM requests"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit"), 0);
  // The connection that failed went back to the pool usable.
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(store.count_agents(), 0);
}

// The server's own "no room" (SQLSTATE class 53) is the store's StorageFull (507).
TEST_F(PostgresStoreTest, TheServerOutOfRoomIsStorageFull) {
  pg::Connection db(conninfo_);
  EXPECT_THROW(db.exec("DO $$ BEGIN RAISE EXCEPTION 'no room' USING ERRCODE = 'disk_full'; END $$"),
               StorageFull);
  try {
    db.exec("DO $$ BEGIN RAISE EXCEPTION 'other' USING ERRCODE = 'data_exception'; END $$");
    ADD_FAILURE() << "no error";
  } catch (const StorageFull&) {
    ADD_FAILURE() << "a data exception is not a full disk";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("22000"), std::string::npos) << error.what();
  }
}

// Two nodes on one database: a unit of work open on one does not hold back the other's
// writes (there is no write lock across the cluster), and what the other wrote stays
// when the unit gives up.
TEST_F(PostgresStoreTest, WritesOnAnotherNodeGoOnWhileAUnitOfWorkIsOpen) {
  PostgresStore node_a(conninfo_);
  PostgresStore node_b(conninfo_);
  Customer ole;
  ole.name = "Ole";
  std::atomic<bool> other_done{false};
  std::thread other;
  {
    Store::UnitOfWork work(node_a);
    Customer anna;
    anna.name = "Anna";
    node_a.create_customer(anna, 0);
    other = std::thread([&] {
      node_b.create_customer(ole, 0);
      other_done = true;
    });
    EXPECT_TRUE(test::done_before_waiting(conninfo_, other_done))
        << "a write on node B waited for node A's unit of work";
    // Anna's unit gives up (whatever the other thread did meanwhile).
  }
  other.join();
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 1);
  EXPECT_EQ(node_a.search_customers("Ole", 5).size(), 1u);
}

namespace {

// A request of its own, as stored, on `store`.
Request stored_request(Store& store, const std::string& title) {
  Request request;
  request.title = title;
  request.created_at = time_from_unix_ms(1'790'000'000'000);
  request.updated.at = request.created_at;
  return store.create_request(request, 0);
}

}  // namespace

// Sixteen saves of one request from one version at once, over two nodes, all waiting
// on the row together first: exactly one wins, the others change nothing (the save is
// UPDATE … WHERE version = $n, decided row by row under READ COMMITTED).
TEST_F(PostgresStoreTest, SavesOfOneVersionAtOnceOverTwoNodesHaveExactlyOneWinner) {
  PostgresStore node_a(conninfo_, 8);
  PostgresStore node_b(conninfo_, 8);
  const Request first = stored_request(node_a, "Refund");
  const std::int64_t audited_before = count("SELECT COUNT(*) FROM audit");
  pg::Connection holder(conninfo_);  // holds the row so that every save queues on it
  holder.exec("BEGIN");
  holder.query("SELECT 1 FROM requests WHERE id = $1 FOR UPDATE", first.id);
  constexpr int kSaves = 16;
  std::atomic<int> won{0};
  std::atomic<int> lost{0};
  std::vector<std::thread> savers;
  for (int i = 0; i < kSaves; ++i) {
    savers.emplace_back([&, i] {
      Request edit = first;
      edit.title = "Refund " + std::to_string(i);
      edit.version = first.version + 1;
      PostgresStore& node = i % 2 ? node_b : node_a;
      (node.save_request(edit, first.version, 0) ? won : lost)++;
    });
  }
  // Every saver waits on the row (a session waits for a lock) before it is let go.
  pg::Connection watcher(conninfo_);
  while (watcher
             .query("SELECT COUNT(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                    " WHERE NOT l.granted AND a.datname = current_database()")
             .integer(0, 0) < kSaves)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  holder.exec("COMMIT");
  for (auto& saver : savers)
    saver.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(lost.load(), kSaves - 1);
  EXPECT_EQ(node_b.request(first.id)->version, first.version + 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit") - audited_before, 1) << "one update audited";
}

// Creates at once on two nodes never collide: every request gets its own id.
TEST_F(PostgresStoreTest, CreatesAtOnceOverTwoNodesGetDistinctIds) {
  PostgresStore node_a(conninfo_, 8);
  PostgresStore node_b(conninfo_, 8);
  constexpr int kThreads = 16;
  constexpr int kEach = 20;
  std::vector<std::vector<Id>> ids(kThreads);
  std::vector<std::thread> creators;
  for (int t = 0; t < kThreads; ++t) {
    creators.emplace_back([&, t] {
      PostgresStore& node = t % 2 ? node_b : node_a;
      for (int i = 0; i < kEach; ++i)
        ids[static_cast<size_t>(t)].push_back(stored_request(node, "r").id);
    });
  }
  for (auto& creator : creators)
    creator.join();
  std::set<Id> distinct;
  for (const auto& mine : ids)
    distinct.insert(mine.begin(), mine.end());
  EXPECT_EQ(distinct.size(), static_cast<size_t>(kThreads * kEach));
  EXPECT_EQ(count("SELECT COUNT(*) FROM requests"), kThreads * kEach);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit WHERE action = 'create'"), kThreads * kEach);
}

// Units of work that look for something and create it when missing, on two nodes at
// once: the second one's look waits for the first unit to end, then finds what it
// made. `look` is the unit's first call; `make` what the first unit then stores;
// `found` whether the second unit's look saw it.
template <typename Look, typename Make, typename Found>
void second_look_waits_for_the_first_unit(const std::string& conninfo, PostgresStore& node_a,
                                          PostgresStore& node_b, Look look, Make make,
                                          Found found) {
  std::atomic<bool> first_looked{false};
  std::atomic<bool> go{false};
  std::thread first([&] {
    Store::UnitOfWork work(node_a);
    (void)look(node_a);
    first_looked = true;
    while (!go)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    make(node_a);
    work.commit();
  });
  while (!first_looked)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::atomic<bool> second_done{false};
  bool saw = false;
  std::thread second([&] {
    Store::UnitOfWork work(node_b);
    saw = found(look(node_b));
    second_done = true;
  });
  EXPECT_FALSE(test::done_before_waiting(conninfo, second_done))
      << "the second unit looked while the first was still deciding";
  go = true;
  first.join();
  second.join();
  EXPECT_TRUE(saw) << "the second unit did not see what the first made";
}

// Two copies of one chat line (one key) sent through two nodes at once store it once
// (R-J5): the record service looks the key up and stores the line in one unit.
TEST_F(PostgresStoreTest, OneMessageKeyLookedUpByTwoUnitsAtOnceIsDecidedOneAfterTheOther) {
  PostgresStore node_a(conninfo_);
  PostgresStore node_b(conninfo_);
  Activity chat;
  chat.media = MediaType::chat;
  const Id activity = node_a.create_activity(chat, "", 0).id;
  second_look_waits_for_the_first_unit(
      conninfo_, node_a, node_b, [&](Store& s) { return s.message_by_key(activity, "k1"); },
      [&](Store& s) {
        Message line;
        line.author = AuthorKind::agent;
        line.text = "Hello";
        line.key = "k1";
        s.add_message(activity, line);
      },
      [](const std::optional<Message>& sent) { return sent.has_value(); });
  EXPECT_EQ(count("SELECT COUNT(*) FROM messages WHERE client_key = 'k1'"), 1);
}

// One e-mail (one Message-ID) posted through two nodes at once makes one activity.
TEST_F(PostgresStoreTest, OneExternalReferenceLookedUpByTwoUnitsAtOnceIsDecidedOneAfterTheOther) {
  PostgresStore node_a(conninfo_);
  PostgresStore node_b(conninfo_);
  second_look_waits_for_the_first_unit(
      conninfo_, node_a, node_b,
      [&](Store& s) { return s.activity_by_ref(MediaType::email, "<m1@example.com>"); },
      [&](Store& s) {
        Activity mail;
        mail.media = MediaType::email;
        s.create_activity(mail, "<m1@example.com>", 0);
      },
      [](const std::optional<Activity>& first) { return first.has_value(); });
}

// Two accepts at once for chats of one customer who has no open request: the second
// unit's look at the customer's requests waits for the first, and joins the request it
// opened (R-A7) instead of opening another.
TEST_F(PostgresStoreTest, ACustomersRequestsLookedUpByTwoUnitsAtOnceAreDecidedOneAfterTheOther) {
  PostgresStore node_a(conninfo_);
  PostgresStore node_b(conninfo_);
  Customer anna;
  anna.name = "Anna";
  const Id customer = node_a.create_customer(anna, 0).id;
  second_look_waits_for_the_first_unit(
      conninfo_, node_a, node_b, [&](Store& s) { return s.requests_of(customer); },
      [&](Store& s) {
        Request opened;
        opened.customer = customer;
        opened.title = "Chat";
        s.create_request(opened, 0);
      },
      [](const std::vector<Request>& requests) { return requests.size() == 1; });
}

namespace {

// A request and an activity in it, as ingestion leaves an unknown contact's.
std::pair<Request, Activity> request_with_activity(PostgresStore& store, MediaType media) {
  Request request;
  request.title = "Refund";
  const Request opened = store.create_request(request, 0);
  Activity activity;
  activity.media = media;
  activity.request = opened.id;
  return {opened, store.create_activity(activity, "", 0)};
}

// A deadlock between `change` and another connection: `change`, on a thread of its
// own, locks the activity, then waits for the request that `other` holds; `other` then
// asks for the activity. PostgreSQL gives the change up (it waited first, so its check
// finds the circle: 40P01).
template <typename Change>
void deadlock_around(const std::string& conninfo, Id request, Id activity, Change change) {
  pg::Connection other(conninfo);
  // The change's check (after deadlock_timeout, 1 s) must find the circle; on a loaded
  // machine the two checks could come in either order, so this one's is late.
  other.exec("SET deadlock_timeout = '10s'");
  other.exec("BEGIN");
  other.query("SELECT 1 FROM requests WHERE id = $1 FOR UPDATE", request);
  std::atomic<bool> done{false};
  std::thread changing([&] {
    change();
    done = true;
  });
  EXPECT_FALSE(test::done_before_waiting(conninfo, done)) << "the change did not wait";
  other.query("SELECT 1 FROM activities WHERE id = $1 FOR UPDATE", activity);
  other.exec("COMMIT");
  changing.join();
}

// `save` of an edited activity in a deadlock; what it did is returned.
template <typename Save>
std::string deadlocked_save(const std::string& conninfo, PostgresStore& store, Save save) {
  const auto [opened, stored] = request_with_activity(store, MediaType::email);
  std::string outcome;
  deadlock_around(conninfo, opened.id, stored.id, [&] {
    Activity edited = stored;
    edited.subject = "Re: refund";
    edited.version = stored.version + 1;
    try {
      outcome = save(edited, stored.version) ? "saved" : "not saved";
    } catch (const StoreConflict&) {
      outcome = "StoreConflict";
    }
  });
  return outcome;
}

}  // namespace

// A write of its own that PostgreSQL gives up for a concurrent one is run again, and
// the caller never hears of it.
TEST_F(PostgresStoreTest, AWriteGivenUpInADeadlockIsRunAgain) {
  PostgresStore store(conninfo_);
  EXPECT_EQ(deadlocked_save(conninfo_, store,
                            [&](const Activity& edited, Version version) {
                              return store.save_activity(edited, version, 0);
                            }),
            "saved");
  EXPECT_EQ(count("SELECT COUNT(*) FROM activities WHERE subject = 'Re: refund'"), 1);
}

// In a unit of work it is StoreConflict (the router answers 503 busy): the unit's
// earlier calls cannot be run again from here.
TEST_F(PostgresStoreTest, AUnitOfWorkGivenUpInADeadlockIsAStoreConflict) {
  PostgresStore store(conninfo_);
  EXPECT_EQ(deadlocked_save(conninfo_, store,
                            [&](const Activity& edited, Version version) {
                              Store::UnitOfWork work(store);
                              const bool saved = store.save_activity(edited, version, 0);
                              work.commit();
                              return saved;
                            }),
            "StoreConflict");
  EXPECT_EQ(count("SELECT COUNT(*) FROM activities WHERE subject = 'Re: refund'"), 0);
}

// A task read inside a unit of work (a transition: accept, close, consult) is the
// unit's until it ends: another node's transition of it reads it after.
TEST_F(PostgresStoreTest, ATaskReadInAUnitOfWorkWaitsForAnotherUnitThatReadItFirst) {
  PostgresStore node_a(conninfo_);
  PostgresStore node_b(conninfo_);
  Queue chats;
  chats.name = "Chat";
  Task waiting;
  waiting.queue = node_a.create_queue(chats).id;
  waiting.channel = Channel::chat;
  Activity chat;
  chat.media = MediaType::chat;
  waiting.activity = node_a.create_activity(chat, "", 0).id;
  const Task task = node_a.create_task(waiting);
  second_look_waits_for_the_first_unit(
      conninfo_, node_a, node_b, [&](Store& s) { return s.task(task.id); },
      [&](Store& s) {
        Task closed = task;
        closed.state = TaskState::closed;
        closed.version = task.version + 1;
        ASSERT_TRUE(s.save_task(closed, task.version, 0));
      },
      [&](const std::optional<Task>& read) { return read && read->version == task.version + 1; });
}

// --database: the server runs on PostgreSQL, and /healthz says which database it has.
TEST_F(PostgresStoreTest, TheServerRunsOnPostgresAndItsHealthNamesTheDatabase) {
  Config config;
  config.database = conninfo_;
  server::testing::TestServer server(config);
  auto health = server.client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200) << health->body;
  Json body = Json::parse(health->body);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["schema"], migrations().back().version);
  EXPECT_EQ(body["database"], Json({{"engine", "postgresql"}, {"state", "ok"}}));
  EXPECT_FALSE(fs::exists(server.data_dir() / "care.db"));
  // A request that needs the database is answered from PostgreSQL.
  auto refused = server.client().Post("/api/session", R"({"username":"x","password":"y"})",
                                      "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401) << refused->body;
  EXPECT_NE(server.metrics_showing("care_database_up 1").find("care_database_up 1"),
            std::string::npos);
}

// A node that loses its database answers 503 (with a time to retry) for what needs
// it, and /healthz says so; once the database is back it serves again by itself: the
// pool drops the connections the server closed and connects anew.
TEST_F(PostgresStoreTest, ANodeThatLosesItsDatabaseAnswers503AndRecoversByItself) {
  Config config;
  config.database = conninfo_;
  server::testing::TestServer server(config);
  // A session the database does not know: 401 once it has looked.
  auto ask_me = [&] {
    return server.client().Get("/api/me", {{"Cookie", "care_session=unknown"}});
  };
  ASSERT_EQ(ask_me()->status, 401);
  // Background work (the router, the floor's samples) holds pooled connections too.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const std::string name = conninfo_.substr(conninfo_.find("dbname=") + 7);
  pg::Connection admin(test::PostgresCluster::shared().uri("postgres"));
  // As a stopped server does: every session ends, and no new one is let in.
  admin.exec("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
  admin.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name +
             "'");
  for (int i = 0; i < 3; ++i) {
    auto refused = ask_me();
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 503) << refused->body;
    EXPECT_EQ(refused->get_header_value("Retry-After"), "5");
    EXPECT_EQ(Json::parse(refused->body)["error"]["code"], "database_unavailable");
  }
  auto health = server.client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 503) << health->body;
  EXPECT_EQ(Json::parse(health->body)["database"]["state"], "unreachable");
  EXPECT_EQ(Json::parse(health->body)["status"], "unavailable");

  admin.exec("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
  EXPECT_EQ(server.client().Get("/healthz")->status, 200);
  // Every request after is served: none is handed a connection the server closed.
  for (int i = 0; i < 10; ++i) {
    auto served = ask_me();
    ASSERT_TRUE(served);
    EXPECT_EQ(served->status, 401) << served->body;
  }
}

// A change PostgreSQL gives up for a concurrent one (a deadlock in its unit of work)
// is answered 503 `busy`, to be tried again at once, and nothing of it is kept. Here a
// customer made for an unknown contact: the unit saves the activity, then waits for
// its request, which another connection holds and then asks for the activity.
TEST_F(PostgresStoreTest, AChangeGivenUpInADeadlockIsAnswered503BusyAndKeepsNothing) {
  Config config;
  config.database = conninfo_;
  server::testing::TestServer server(config);
  server.app().auth().create_agent("anna", "Anna Petrova", "correct horse", Role::Agent);
  auto signed_in = server.client().Post(
      "/api/session", R"({"username":"anna","password":"correct horse"})", "application/json");
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 200) << signed_in->body;
  const std::string set_cookie = signed_in->get_header_value("Set-Cookie");
  const httplib::Headers cookie{{"Cookie", set_cookie.substr(0, set_cookie.find(';'))}};

  PostgresStore db(conninfo_, 1);
  const auto [opened, stored] = request_with_activity(db, MediaType::chat);
  const std::string path = "/api/customers?activity=" + std::to_string(stored.id);
  const std::string body = R"({"kind":"contact","name":"New Person"})";
  int status = 0;
  std::string retry_after, answer;
  deadlock_around(conninfo_, opened.id, stored.id, [&] {
    if (auto result = server.client().Post(path, cookie, body, "application/json")) {
      status = result->status;
      retry_after = result->get_header_value("Retry-After");
      answer = result->body;
    }
  });
  ASSERT_EQ(status, 503) << answer;
  EXPECT_EQ(retry_after, "1");
  EXPECT_EQ(Json::parse(answer)["error"]["code"], "busy");
  EXPECT_EQ(count("SELECT COUNT(*) FROM customers"), 0);
  EXPECT_FALSE(db.activity(stored.id)->customer);

  // Tried again, it is done.
  auto again = server.client().Post(path, cookie, body, "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 201) << again->body;
  EXPECT_TRUE(db.activity(stored.id)->customer);
  EXPECT_NE(db.request(opened.id)->customer, 0);
}

// --- every method against SQLite's answers ------------------------------------------

// A result as JSON, so a difference shows readably.
Json view(const AgentRecord& a) {
  return Json{{"id", a.id},
              {"username", a.username},
              {"display_name", a.display_name},
              {"role", role_name(a.role)},
              {"state", a.state},
              {"reason", a.state_reason},
              {"since", a.state_since},
              {"language", a.language}};
}
Json view(const KbHit& h) {
  return Json{{"id", h.id},
              {"title", h.title},
              {"snippet", h.snippet},
              {"language", h.language},
              {"category", h.category},
              {"views", h.views}};
}
Json view(const KbCategory& c) {
  return Json{{"name", c.name}, {"articles", c.articles}};
}
Json view(const CannedResponse& c) {
  return Json{{"id", c.id}, {"name", c.name}, {"body", c.body}};
}
Json view(const HandledTasks& h) {
  return Json{{"agent", h.agent},
              {"queue", h.queue},
              {"channel", enum_name(h.channel)},
              {"count", h.count},
              {"handle_ms", h.handle_ms}};
}
Json view(const AcceptedWait& w) {
  return Json{{"queue", w.queue}, {"wait", w.wait.count()}};
}
Json view(const QueueRatings& r) {
  return Json{{"queue", r.queue}, {"count", r.ratings.count}, {"total", r.ratings.total}};
}
Json view(const WrapUpCode& c) {
  return Json{{"code", c.code}, {"label", c.label}, {"labels", c.labels}, {"active", c.active}};
}
Json view(const NotReadyReason& r) {
  return Json{{"code", r.code}, {"label", r.label}, {"labels", r.labels}, {"active", r.active}};
}
template <typename T>
Json view(const T& value);
template <typename T>
Json view(const std::optional<T>& value);
template <typename T>
Json view(const std::vector<T>& values);
template <typename A, typename B>
Json view(const std::pair<A, B>& pair);

template <typename T>
Json view(const T& value) {
  return Json(value);
}
template <typename T>
Json view(const std::optional<T>& value) {
  return value ? view(*value) : Json(nullptr);
}
template <typename T>
Json view(const std::vector<T>& values) {
  Json all = Json::array();
  for (const T& value : values)
    all.push_back(view(value));
  return all;
}
template <typename A, typename B>
Json view(const std::pair<A, B>& pair) {
  return Json::array({view(pair.first), view(pair.second)});
}

class BothStoresTest : public PostgresStoreTest {
 protected:
  void SetUp() override {
    PostgresStoreTest::SetUp();
    folder_ = fs::temp_directory_path() / ("care-both-" + std::to_string(::getpid()));
    fs::remove_all(folder_);
    fs::create_directories(folder_);
    sqlite_ = std::make_unique<SqliteStore>((folder_ / "care.db").string());
    postgres_ = std::make_unique<PostgresStore>(conninfo_);
  }
  void TearDown() override {
    sqlite_.reset();
    postgres_.reset();
    fs::remove_all(folder_);
    PostgresStoreTest::TearDown();
  }

  // Asks both stores the same; their answers must be the same. Returns SQLite's.
  template <typename Ask>
  auto both(const char* what, Ask&& ask) {
    auto expected = ask(static_cast<Store&>(*sqlite_));
    auto got = ask(static_cast<Store&>(*postgres_));
    EXPECT_EQ(view(expected).dump(), view(got).dump()) << what;
    ++asked_;
    return expected;
  }

  // Creates the customers in both stores; SQLite's.
  std::vector<Customer> create_customers(std::initializer_list<Customer> people) {
    std::vector<Customer> made;
    for (const Customer& person : people)
      made.push_back(
          both("create_customer", [&](Store& s) { return s.create_customer(person, 0); }));
    return made;
  }

  // Each query's first 10 customers from both stores, labelled `when` and the query.
  void search_both(const char* when, std::initializer_list<const char*> queries) {
    for (const char* query : queries) {
      const std::string label = std::string(when) + " " + query;
      both(label.c_str(), [&](Store& s) { return s.search_customers(query, 10); });
    }
  }

  fs::path folder_;
  std::unique_ptr<SqliteStore> sqlite_;
  std::unique_ptr<PostgresStore> postgres_;
  int asked_ = 0;
};

constexpr std::int64_t kT0 = 1'790'000'000'000;
Time at(std::int64_t offset_ms) {
  return time_from_unix_ms(kT0 + offset_ms);
}

Customer customer(std::string name, std::string email, std::string phone, std::int64_t when) {
  Customer c;
  c.name = std::move(name);
  c.email = std::move(email);
  c.phone = std::move(phone);
  c.language = "bg";
  c.created_at = at(when);
  c.updated.at = c.created_at;
  return c;
}

Request request_of(Id customer, std::string title, std::int64_t when) {
  Request r;
  r.customer = customer;
  r.title = std::move(title);
  r.created_at = at(when);
  r.updated.at = r.created_at;
  return r;
}

TEST_F(BothStoresTest, AgentsSessionsAndRoutingAnswerAsSqlite) {
  both("count_agents", [](Store& s) { return s.count_agents(); });
  auto admin = both("create_agent", [](Store& s) {
    return s.create_agent({"admin", "Ada Admin", "hash-a", Role::Admin}, kT0);
  });
  auto ole = both("create_agent 2", [](Store& s) {
    return s.create_agent({"ole", "Ole Olsen", "hash-o", Role::Agent}, kT0 + 1);
  });
  ASSERT_TRUE(admin && ole);
  both("taken ignoring case", [](Store& s) {
    return s.create_agent({"OLE", "Other", "h", Role::Agent}, kT0 + 2);
  });
  both("agent", [&](Store& s) { return s.agent(ole->id); });
  both("agent missing", [](Store& s) { return s.agent(999); });
  both("credentials ignoring case", [](Store& s) { return s.credentials("Ole"); });
  both("credentials missing", [](Store& s) { return s.credentials("nobody"); });
  both("set_agent_state",
       [&](Store& s) { return s.set_agent_state(ole->id, "ready", "", admin->id, kT0 + 10); });
  both("set_agent_state missing",
       [](Store& s) { return s.set_agent_state(999, "ready", "", std::nullopt, kT0 + 10); });
  both("agents", [](Store& s) { return s.agents(); });
  both("agent_state_counts", [](Store& s) { return s.agent_state_counts(); });
  both("sessions", [&](Store& s) {
    s.create_session("old", ole->id, kT0, kT0 + 5);
    s.create_session("fresh", ole->id, kT0 + 20, kT0 + 1000);
    s.create_session("admin", admin->id, kT0 + 20, kT0 + 1000);
    return std::vector<std::optional<AgentRecord>>{s.session_agent("fresh", kT0 + 30),
                                                   s.session_agent("old", kT0 + 30),
                                                   s.session_agent("fresh", kT0 + 1000)};
  });
  both("signed_in_agents", [](Store& s) { return s.signed_in_agents(kT0 + 30); });
  both("delete_session", [](Store& s) {
    s.delete_session("admin");
    return s.signed_in_agents(kT0 + 30);
  });

  Queue billing;
  billing.name = "Billing";
  billing.priority = 2;
  billing.required_skills = {"invoices", "Danish"};
  billing.labels = {{"en", "Billing"}, {"da", "Fakturering"}};
  billing.default_for = {Channel::email};
  auto queue = both("create_queue", [&](Store& s) { return s.create_queue(billing); });
  Queue support;
  support.name = "Support";
  auto second = both("create_queue 2", [&](Store& s) { return s.create_queue(support); });
  both("set_agent_routing", [&](Store& s) {
    s.set_agent_routing(ole->id, {queue.id, second.id}, {"danish", "Routers", "Routers"},
                        Capacity{2, 4});
    return s.routing_agents();
  });
  both("set_agent_last_task_end", [&](Store& s) {
    s.set_agent_last_task_end(ole->id, at(500));
    return s.routing_agent(ole->id);
  });
  both("routing_agent missing", [](Store& s) { return s.routing_agent(999); });
  both("set_queue_targets", [&](Store& s) {
    return std::vector<bool>{s.set_queue_targets(queue.id, {std::chrono::seconds(30), 3}),
                             s.set_queue_targets(999, {})};
  });
  both("set_queue_labels", [&](Store& s) {
    return std::vector<bool>{s.set_queue_labels(second.id, {{"hu", "Támogatás"}}),
                             s.set_queue_labels(999, {})};
  });
  both("set_queue_default_for", [&](Store& s) {
    return std::vector<bool>{s.set_queue_default_for(second.id, {Channel::chat, Channel::call}),
                             s.set_queue_default_for(999, {})};
  });
  both("queues", [](Store& s) { return s.queues(); });
  both("wrap_up_codes", [](Store& s) { return s.wrap_up_codes(); });
  both("put_wrap_up_code", [](Store& s) {
    return std::vector<bool>{s.put_wrap_up_code({"sale", "Sale", {{"da", "Salg"}}, true}),
                             s.put_wrap_up_code({"resolved", "Solved", {}, false})};
  });
  both("wrap_up_codes after", [](Store& s) { return s.wrap_up_codes(); });
  both("not_ready_reasons", [](Store& s) { return s.not_ready_reasons(); });
  both("put_not_ready_reason", [](Store& s) {
    return std::vector<bool>{s.put_not_ready_reason({"coaching", "Coaching", {}, true}),
                             s.put_not_ready_reason({"break", "Pause", {{"en", "Pause"}}, false})};
  });
  both("not_ready_reasons after", [](Store& s) { return s.not_ready_reasons(); });
  EXPECT_GT(asked_, 25);
}

TEST_F(BothStoresTest, CustomersAndTheirSearchAnswerAsSqlite) {
  auto agent = both("create_agent", [](Store& s) {
    return s.create_agent({"ole", "Ole Olsen", "hash", Role::Agent}, kT0);
  });
  ASSERT_TRUE(agent);
  const std::vector<Customer> people = {
      customer("Мария Иванова", "maria@example.bg", "+359 88 123 4567", 1),
      customer("Mara Madsen", "Mara.Madsen@Example.DK", "+45 20 30 40 50", 2),
      customer("Søren Åberg", "soren@example.dk", "", 3),
      customer("Mária Nagy", "", "06 30 123 4567", 4),
      customer("Ole O'Brien", "ole@example.ie", "+353 1 234 5678", 5),
  };
  std::vector<Customer> made;
  for (const Customer& person : people) {
    made.push_back(both("create_customer", [&](Store& s) { return s.create_customer(person, 0); }));
  }
  both("customer", [&](Store& s) { return s.customer(made[0].id); });
  both("customer missing", [](Store& s) { return s.customer(999); });
  Customer renamed = made[2];
  renamed.name = "Søren Åberg-Holm";
  renamed.phone = "+45 11 22 33 44";
  renamed.version = 2;
  renamed.updated = Stamp{agent->id, at(100)};
  both("save_customer", [&](Store& s) {
    return std::vector<bool>{s.save_customer(renamed, 1, agent->id),
                             s.save_customer(renamed, 1, agent->id)};
  });
  Request request;
  request.customer = made[4].id;
  request.title = "Fakturaen mangler";
  request.created_at = at(200);
  request.updated.at = at(200);
  both("create_request", [&](Store& s) { return s.create_request(request, agent->id); });

  for (const char* query :
       {"ma",       "мар",           "МАРИЯ ив",   "maria",   "mara mad", "soren",   "aberg",
        "søren",    "o'brien",       "fakturaen",  "mangler", "nobody",   "maria@",  "MARA.madsen@",
        "@example", "+35988",        "0881234567", "4567",    "06 30",    "0630123", "  ",
        "a\"b",     "ma*",           "(ma",        "ole",     "o brien",  "ole o",   "ma na",
        "2",        "иванова мария", "\"",         "\" \""}) {
    both(query, [&](Store& s) { return s.search_customers(query, 10); });
  }
  both("search limit", [](Store& s) { return s.search_customers("m", 2); });
  both("customer_by_email", [](Store& s) {
    return std::vector<std::optional<Customer>>{s.customer_by_email("MARIA@example.bg"),
                                                s.customer_by_email(""),
                                                s.customer_by_email("none@x")};
  });
  both("customer_by_phone", [](Store& s) {
    return std::vector<std::optional<Customer>>{s.customer_by_phone("+359881234567"),
                                                s.customer_by_phone("+45 11 22 33 44"),
                                                s.customer_by_phone("abc")};
  });
}

// PostgreSQL's name and title search reads word-start keys (migrations 0020, 0021) that
// follow every write: words longer than the five letters a key held in 0020, several
// words, a word twice, and names and titles edited (the old words no longer find the row).
TEST_F(BothStoresTest, SearchKeysFollowNamesAndTitlesAsSqlitesIndexesDo) {
  auto agent = both("create_agent", [](Store& s) {
    return s.create_agent({"ole", "Ole Olsen", "hash", Role::Agent}, kT0);
  });
  ASSERT_TRUE(agent);
  const std::vector<Customer> made = create_customers(
      {customer("Мария Иванова", "", "", 1), customer("Madsen Madsby", "", "", 2),
       customer("Kristoffer Kristensen", "", "", 3), customer("Anna Madsen Berg", "", "", 4)});
  const Request request = request_of(made[3].id, "Routeren blinker rødt", 200);
  Request saved = both("create_request", [&](Store& s) { return s.create_request(request, 0); });
  auto search = [&](const char* when) {
    search_both(when,
                {"иванова", "ивановa", "иванов", "madsen", "mads", "madsby", "madsen madsby",
                 "kristo", "kristoffer kristensen", "kristensen kristoffer", "kristian", "berg",
                 "anna berg", "blinker", "routeren blink", "rødt", "grønt", "holm", "madsen holm"});
  };
  search("created:");
  Customer renamed = made[3];
  renamed.name = "Anna Holm";
  renamed.version = 2;
  renamed.updated = Stamp{agent->id, at(300)};
  both("save_customer", [&](Store& s) { return s.save_customer(renamed, 1, agent->id); });
  Request retitled = saved;
  retitled.title = "Routeren lyser grønt";
  retitled.version = 2;
  retitled.updated = Stamp{agent->id, at(400)};
  both("save_request", [&](Store& s) { return s.save_request(retitled, 1, agent->id); });
  search("edited:");
  EXPECT_TRUE(postgres_->search_customers("madsen", 10).size() == 1);
  EXPECT_TRUE(postgres_->search_customers("holm", 10).size() == 1);
  EXPECT_TRUE(postgres_->search_customers("blinker", 10).empty());
}

// Since migration 0021 a word of up to 20 letters is its own key, so a whole surname
// typed is one key whose rows all have it (0020's keys held five letters: a surname
// was read through its first five and each row checked). The keys follow edits; a
// longer word is read through its first 20 letters; a token ending in a character
// PostgreSQL splits words at ("’") is read through the letters before it. The answers
// stay SQLite's.
TEST_F(BothStoresTest, AWordOfUpToTwentyLettersIsItsOwnKey) {
  const std::vector<Customer> made = create_customers(
      {customer("Kristoffer Kristensen", "", "", 1), customer("Kristian Kristensensen", "", "", 2),
       customer("Krista Kristiansen", "", "", 3), customer("Gallagher’s Pub", "", "", 4),
       customer("Ole Abcdefghijklmnopqrstuvwxyz", "", "", 5)});
  const Request request = request_of(made[0].id, "Internetforbindelsen forsvinder", 200);
  both("create_request", [&](Store& s) { return s.create_request(request, 0); });
  auto name_keys = [&](const std::string& key) {
    return count("SELECT COUNT(*) FROM customer_name_keys WHERE key = '" + key + "'");
  };
  EXPECT_EQ(name_keys("kristensen"), 2);  // Kristensen, Kristensensen
  EXPECT_EQ(name_keys("kristensens"), 1);
  EXPECT_EQ(name_keys("kristoffer"), 1);
  EXPECT_EQ(name_keys("krist"), 3);  // the five-letter keys of 0020 stay
  EXPECT_EQ(name_keys("abcdefghijklmnopqrst"), 1);
  EXPECT_EQ(name_keys("abcdefghijklmnopqrstu"), 0);  // 20 letters at most
  EXPECT_EQ(count("SELECT COUNT(*) FROM request_title_keys WHERE key = 'internetforbindelsen'"), 1);
  auto search = [&](const char* when) {
    search_both(when, {"kristensen", "kristensens", "kristoffer kristensen", "kristensen kristian",
                       "kristi", "gallagher’s", "gallagher’s pub", "gallagher",
                       "abcdefghijklmnopqrst", "abcdefghijklmnopqrstuvwxyz",
                       "abcdefghijklmnopqrstuvwxyzz", "ole abcdefghijklmnopqrstu",
                       "internetforbindelsen", "internetforbindelsen forsvinder", "holm"});
  };
  search("created:");
  Customer renamed = made[1];
  renamed.name = "Kristian Holm";
  renamed.version = 2;
  renamed.updated = Stamp{0, at(300)};
  both("save_customer", [&](Store& s) { return s.save_customer(renamed, 1, 0); });
  EXPECT_EQ(name_keys("kristensen"), 1);
  EXPECT_EQ(name_keys("kristensens"), 0);
  search("edited:");
  EXPECT_EQ(postgres_->search_customers("gallagher’s", 10).size(), 1u);
  EXPECT_EQ(postgres_->search_customers("kristensen", 10).size(), 1u);
}

TEST_F(BothStoresTest, RequestsActivitiesTasksAndKnowledgeAnswerAsSqlite) {
  auto agent = both("create_agent", [](Store& s) {
    return s.create_agent({"ole", "Ole Olsen", "hash", Role::Agent}, kT0);
  });
  ASSERT_TRUE(agent);
  Queue chat_queue;
  chat_queue.name = "Chat";
  auto queue = both("create_queue", [&](Store& s) { return s.create_queue(chat_queue); });
  auto person = both("create_customer", [](Store& s) {
    return s.create_customer(customer("Eszter Nagy", "eszter@example.hu", "", 0), 0);
  });
  Request request;
  request.customer = person.id;
  request.title = "Router blinks red";
  request.created_at = at(10);
  request.updated.at = at(10);
  auto first = both("create_request", [&](Store& s) { return s.create_request(request, 0); });
  request.title = "Invoice";
  request.created_at = at(20);
  request.updated.at = at(20);
  auto second = both("create_request 2", [&](Store& s) { return s.create_request(request, 0); });
  both("request", [&](Store& s) { return s.request(first.id); });
  Request closing = first;
  closing.status = RequestStatus::closed;
  closing.closed_at = at(30);
  closing.version = 2;
  closing.updated = Stamp{agent->id, at(30)};
  both("save_request", [&](Store& s) {
    return std::vector<bool>{s.save_request(closing, 1, agent->id),
                             s.save_request(closing, 1, agent->id)};
  });

  Activity chat;
  chat.request = second.id;
  chat.customer = person.id;
  chat.media = MediaType::email;
  chat.subject = "Számla";
  chat.from = "eszter@example.hu";
  chat.to = "help@example.com";
  chat.tags = {"billing", "VIP", "urgent"};
  chat.context.variables = {{"plan", "gold"}};
  chat.context.skills = {"hungarian"};
  chat.created_at = at(40);
  chat.updated.at = at(40);
  Message inbound;
  inbound.author = AuthorKind::customer;
  inbound.author_name = "Eszter";
  inbound.text = "Hol a számlám?";
  inbound.at = at(40);
  inbound.email = EmailHeaders{{"help@example.com"}, {"boss@example.hu"}, "Számla"};
  chat.messages = {inbound};
  chat.call_events = {{CallEventKind::ringing, at(41)}};
  auto activity = both("create_activity",
                       [&](Store& s) { return s.create_activity(chat, "<msg-1@example.hu>", 0); });
  Activity note;
  note.customer = person.id;
  note.media = MediaType::note;
  note.subject = "Called back";
  note.tags = {"later"};
  note.created_at = at(40);  // the same millisecond as the email: the journey's tie
  note.updated.at = at(40);
  auto waiting =
      both("create_activity 2", [&](Store& s) { return s.create_activity(note, "", 0); });
  both("activity", [&](Store& s) { return s.activity(activity.id); });
  both("activity missing", [](Store& s) { return s.activity(999); });
  both("activity_by_ref", [](Store& s) {
    return std::vector<std::optional<Activity>>{
        s.activity_by_ref(MediaType::email, "<msg-1@example.hu>"),
        s.activity_by_ref(MediaType::chat, "<msg-1@example.hu>")};
  });
  both("external_ref", [&](Store& s) {
    return std::vector<std::string>{s.external_ref(activity.id), s.external_ref(waiting.id)};
  });
  Activity moved = waiting;
  moved.request = first.id;
  moved.tags = {"later", "Moved"};
  moved.wrap_up = "resolved";
  moved.closed_at = at(60);
  moved.version = 2;
  moved.updated = Stamp{agent->id, at(60)};
  both("save_activity", [&](Store& s) {
    return std::vector<bool>{s.save_activity(moved, 1, agent->id),
                             s.save_activity(moved, 1, agent->id)};
  });
  both("activities_of_request", [&](Store& s) { return s.activities_of_request(first.id); });
  Message reply;
  reply.author = AuthorKind::agent;
  reply.agent = agent->id;
  reply.author_name = "Ole";
  reply.text = "Itt van.";
  reply.at = at(70);
  reply.key = "k-1";
  both("add_message", [&](Store& s) { return s.add_message(activity.id, reply); });
  both("message_by_key", [&](Store& s) {
    return std::vector<std::optional<Message>>{s.message_by_key(activity.id, "k-1"),
                                               s.message_by_key(activity.id, "k-2")};
  });
  both("add_call_event", [&](Store& s) {
    return std::vector<bool>{s.add_call_event(activity.id, {CallEventKind::answered, at(80)}),
                             s.add_call_event(activity.id, {CallEventKind::answered, at(80)})};
  });
  both("add_comment", [&](Store& s) {
    return s.add_comment(Comment{0, activity.id, agent->id, "", "Checked the invoice", at(90)});
  });
  both("comments", [&](Store& s) { return s.comments(activity.id); });
  both("requests_of", [&](Store& s) { return s.requests_of(person.id); });
  both("quiet_open_requests", [](Store& s) {
    return std::vector<std::vector<Request>>{s.quiet_open_requests(at(50), 10),
                                             s.quiet_open_requests(at(100), 10)};
  });
  both("journey_page", [&](Store& s) { return s.journey_page(person.id, std::nullopt, 1); });
  both("journey_page after", [&](Store& s) {
    auto page = s.journey_page(person.id, std::nullopt, 1);
    return s.journey_page(person.id, JourneyCursor{page.back().created_at, page.back().id}, 5);
  });
  both("activity_count_of_customer",
       [&](Store& s) { return s.activity_count_of_customer(person.id); });
  both("widget tokens", [&](Store& s) {
    s.add_widget_token("token-hash", activity.id, at(95));
    return std::vector<std::optional<Id>>{s.widget_activity("token-hash"),
                                          s.widget_activity("other")};
  });

  Task task;
  task.activity = activity.id;
  task.queue = queue.id;
  task.channel = Channel::email;
  task.skills = {"hungarian"};
  task.waiting_since = at(100);
  auto queued = both("create_task", [&](Store& s) { return s.create_task(task); });
  Task assigned = queued;
  assigned.state = TaskState::assigned;
  assigned.agent = agent->id;
  assigned.assigned_at = at(2'100);
  assigned.version = 2;
  both("save_task", [&](Store& s) {
    return std::vector<bool>{s.save_task(assigned, 1, agent->id),
                             s.save_task(assigned, 1, agent->id)};
  });
  both("open_tasks", [](Store& s) { return s.open_tasks(); });
  Task closed = assigned;
  closed.state = TaskState::closed;
  closed.closed_at = at(9'100);
  closed.version = 3;
  both("save_task closed", [&](Store& s) { return s.save_task(closed, 2, agent->id); });
  both("task", [&](Store& s) { return s.task(queued.id); });
  both("task_of_activity", [&](Store& s) {
    return std::vector<std::optional<Task>>{s.task_of_activity(activity.id),
                                            s.task_of_activity(999)};
  });
  both("closed_tasks_of", [&](Store& s) { return s.closed_tasks_of(agent->id, 10); });
  both("handled_tasks", [](Store& s) { return s.handled_tasks(at(0)); });
  both("accepted_waits", [](Store& s) { return s.accepted_waits(at(0)); });
  both("rate_activity", [&](Store& s) {
    return std::vector<bool>{s.rate_activity(activity.id, Rating{4, "Kind", at(9'500)}),
                             s.rate_activity(activity.id, Rating{1, "again", at(9'600)})};
  });
  both("rating", [&](Store& s) {
    return std::vector<std::optional<Rating>>{s.rating(activity.id), s.rating(999)};
  });
  both("ratings_since", [](Store& s) {
    return std::vector<std::vector<QueueRatings>>{s.ratings_since(at(0)),
                                                  s.ratings_since(at(9'501))};
  });

  for (int i = 0; i < 3; ++i) {
    KbArticle article;
    article.title = "Article " + std::to_string(i);
    article.body = std::string(i == 1 ? 200 : 20, 'a' + static_cast<char>(i)) + " é";
    article.language = i == 2 ? "da" : "en";
    article.category = i == 0 ? "" : "Routers";
    article.tags = {"t" + std::to_string(i)};
    article.updated.at = at(1000 + i);
    both("create_article", [&](Store& s) { return s.create_article(article, agent->id); });
  }
  both("article", [](Store& s) { return s.article(1); });
  both("search_articles without words", [](Store& s) { return s.search_articles({}, false, 10); });
  both("add_article_views", [](Store& s) {
    return std::vector<bool>{s.add_article_views(1, 5), s.add_article_views(999, 1)};
  });
  both("article_categories", [](Store& s) { return s.article_categories("en"); });
  both("popular_articles", [](Store& s) {
    return std::vector<std::vector<KbHit>>{s.popular_articles("en", std::nullopt, 10),
                                           s.popular_articles("en", "Routers", 10),
                                           s.popular_articles("da", "None", 10)};
  });
  both("create_canned_response", [&](Store& s) {
    return std::vector<std::optional<CannedResponse>>{
        s.create_canned_response({0, "thanks", "Thank you, {customer}!"}, agent->id, at(3)),
        s.create_canned_response({0, "Hello", "Hello {customer}"}, agent->id, at(4)),
        s.create_canned_response({0, "thanks", "again"}, agent->id, at(5))};
  });
  both("canned_responses", [](Store& s) { return s.canned_responses(); });
  both("canned_response", [](Store& s) {
    return std::vector<std::optional<CannedResponse>>{s.canned_response(1), s.canned_response(999)};
  });
  // The audit trails agree too.
  both("audit", [&](Store& s) {
    if (&s == sqlite_.get()) {
      Database db((folder_ / "care.db").string());
      Statement& rows = db.prepare(
          "SELECT COALESCE(group_concat(action || ' ' || record_type || ' ' || record_id, ', '),"
          " '') FROM (SELECT * FROM audit ORDER BY id)");
      rows.step();
      std::string all = rows.column_text(0);
      rows.reset();
      return all;
    }
    pg::Connection db(conninfo_);
    return db
        .query(
            "SELECT COALESCE(string_agg(action || ' ' || record_type || ' ' || record_id, ', '"
            " ORDER BY id), '') FROM audit")
        .text(0, 0);
  });
}

// Knowledge search (R-F5): PostgreSQL's tsvector answers as SQLite's FTS5 does, the
// same articles in the same order for the same words, all of them or any.
TEST_F(BothStoresTest, KnowledgeSearchAnswersAsSqlite) {
  auto agent = both("create_agent", [](Store& s) {
    return s.create_agent({"ole", "Ole Olsen", "hash", Role::Agent}, kT0);
  });
  ASSERT_TRUE(agent);
  struct Text {
    const char* title;
    const char* body;
    const char* language;
  };
  std::string long_body;
  for (int i = 0; i < 60; ++i)
    long_body += (i == 40 ? std::string("modem") : "word" + std::to_string(i)) + " ";
  long_body += "end.";
  const std::vector<Text> texts = {
      {"Lights on the front panel",
       "A red light means the router has no signal; restart the router.", "en"},
      {"Router keeps restarting", "Check the power supply first.", "en"},
      {"Invoices", "Invoices are sent on the first day of the month.", "en"},
      {"Рутерът мига червено", "Изключете рутера за десет секунди.", "bg"},
      {"Le café du support", "Ouvert de 9 h à 17 h.", "fr"},
      {"Søren's e-mail", "Restart the router AND wait. Use NEAR the window.", "da"},
      {"Modem manual", long_body.c_str(), "en"},
  };
  for (size_t i = 0; i < texts.size(); ++i) {
    KbArticle article;
    article.title = texts[i].title;
    article.body = texts[i].body;
    article.language = texts[i].language;
    article.updated.at = at(static_cast<std::int64_t>(i));
    both("create_article", [&](Store& s) { return s.create_article(article, agent->id); });
  }
  // Snippets of bodies up to 24 words are the whole body in both; a longer body's
  // snippet is cut around the match by each engine its own way, so it is compared
  // apart: the matched word in it, an ellipsis where the body goes on.
  auto without_long_snippets = [](std::vector<KbHit> hits) {
    for (KbHit& hit : hits) {
      if (hit.title == "Modem manual") hit.snippet = "(cut)";
    }
    return hits;
  };
  for (const char* query : {"router",
                            "rout rest",
                            "red rout",
                            "invoices",
                            "РУТЕР",
                            "рутер мига",
                            "cafe",
                            "CAFÉ",
                            "AND",
                            "near",
                            "title:router",
                            "\"",
                            "router\"*",
                            "o'brien",
                            "søren",
                            "soren",
                            "e-mail",
                            "e mail",
                            "mail",
                            "— «»",
                            "nothing-like-this",
                            "17",
                            "9 h",
                            "the",
                            "th",
                            "r",
                            "(ma",
                            "modem"}) {
    auto words = services::KnowledgeService::words_of(query);
    both(query,
         [&](Store& s) { return without_long_snippets(s.search_articles(words, false, 10)); });
    // Any of the words: the same articles. Their order may differ where they match
    // different words (bm25 adds each word's rarity, ts_rank does not): by id here.
    both((std::string(query) + " (any)").c_str(), [&](Store& s) {
      auto hits = without_long_snippets(s.search_articles(words, true, 10));
      std::sort(hits.begin(), hits.end(),
                [](const KbHit& a, const KbHit& b) { return a.id < b.id; });
      return hits;
    });
  }
  both("limit", [](Store& s) { return s.search_articles({"the"}, false, 2); });
  auto hits = postgres_->search_articles({"modem"}, false, 10);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_NE(hits[0].snippet.find("modem"), std::string::npos) << hits[0].snippet;
  EXPECT_EQ(hits[0].snippet.rfind("…", 0), 0u) << hits[0].snippet;
  EXPECT_LT(hits[0].snippet.size(), long_body.size()) << hits[0].snippet;
}

// Routing across nodes (issue 17): one node at a time leads (a session advisory lock on
// a connection of its own); when that connection ends, another node leads.
TEST_F(PostgresStoreTest, OneNodeAtATimeLeadsRoutingAndAnotherLeadsOnceItsConnectionIsGone) {
  PostgresStore node_a(conninfo_);
  auto node_b = std::make_unique<PostgresStore>(conninfo_);
  // The store looks at the database at most once a second: ask until it says `want`.
  auto comes_to = [](PostgresStore& node, bool want) {
    for (int tries = 0; tries < 100; ++tries) {
      if (node.routing_lead() == want) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  };
  EXPECT_TRUE(node_a.routing_lead());
  EXPECT_FALSE(node_b->routing_lead());
  EXPECT_TRUE(comes_to(*node_b, false)) << "two nodes lead";
  // The leader's connection is cut (as when its process is killed).
  pg::Connection admin(conninfo_);
  auto cut = admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
      " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
  ASSERT_EQ(cut.rows(), 1) << "the leader's lock";
  EXPECT_TRUE(comes_to(*node_b, true));
  EXPECT_TRUE(comes_to(node_a, false));
  node_b.reset();  // the new leader goes away: the first leads again
  EXPECT_TRUE(comes_to(node_a, true));
}

// What routing across nodes decides by, on each store: an agent's hands as stored, and
// the database's refusal of a second live offer to one agent (migration 0019).
TEST_F(BothStoresTest, AgentHandsAndAtMostOneLiveOfferPerAgent) {
  for (Store* s : {static_cast<Store*>(sqlite_.get()), static_cast<Store*>(postgres_.get())}) {
    SCOPED_TRACE(s == sqlite_.get() ? "sqlite" : "postgres");
    auto agent = s->create_agent({"ole", "Ole Olsen", "hash", Role::Agent}, kT0);
    ASSERT_TRUE(agent);
    s->set_agent_state(agent->id, "ready", "", std::nullopt, kT0);
    s->set_agent_routing(agent->id, {}, {}, Capacity{2, 1});
    Queue chats;
    chats.name = "Chat";
    const Id queue = s->create_queue(chats).id;
    Activity chat;
    chat.media = MediaType::chat;
    chat.from = "visitor";
    chat.created_at = at(1);
    chat.updated.at = at(1);
    Task waiting;
    waiting.queue = queue;
    waiting.channel = Channel::chat;
    waiting.waiting_since = at(2);
    waiting.activity = s->create_activity(chat, "", 0).id;
    const Task first = s->create_task(waiting);
    waiting.activity = s->create_activity(chat, "", 0).id;
    const Task second = s->create_task(waiting);

    Task offer = first;
    offer.state = TaskState::offered;
    offer.agent = agent->id;
    offer.offer_deadline = at(15'000);
    offer.version = 2;
    ASSERT_TRUE(s->save_task(offer, 1, 0));
    auto hands = s->agent_hands(agent->id);
    ASSERT_TRUE(hands);
    EXPECT_EQ(hands->presence, Presence::ready);
    EXPECT_EQ(hands->capacity.chats, 2);
    EXPECT_EQ(hands->capacity.emails, 1);
    ASSERT_EQ(hands->tasks.size(), 1u);
    EXPECT_EQ(hands->tasks.front().id, first.id);
    EXPECT_FALSE(s->agent_hands(999));

    Task another = second;
    another.state = TaskState::offered;
    another.agent = agent->id;
    another.offer_deadline = at(15'000);
    another.version = 2;
    EXPECT_THROW((void)s->save_task(another, 1, 0), StoreError) << "a second live offer";
    EXPECT_EQ(s->task(second.id)->state, TaskState::queued);
    Task pulled = second;  // a pull beside the offer is not an offer
    pulled.state = TaskState::assigned;
    pulled.agent = agent->id;
    pulled.assigned_at = at(3'000);
    pulled.version = 2;
    EXPECT_TRUE(s->save_task(pulled, 1, agent->id));
    EXPECT_EQ(s->agent_hands(agent->id)->tasks.size(), 2u);
  }
}

}  // namespace
}  // namespace care::server::store
