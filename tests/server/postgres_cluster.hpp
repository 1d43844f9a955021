#pragma once
// A throw-away PostgreSQL cluster for the tests (issue 17): initdb into a temporary
// folder, the server listening only on a Unix socket in that folder (no TCP port), one
// fresh database per test. Started on first use, once per test binary, and stopped and
// removed when the binary ends. As root (CI) the cluster runs as the `postgres` user,
// since PostgreSQL refuses to run as root. Without PostgreSQL's server programs the
// tests fail, naming what to install: they are never skipped.
// Free of GoogleTest (postgres_cluster_environment.cpp stops the shared cluster at the
// end of a test binary), so the benchmarks start their clusters with it too.
#include <memory>
#include <string>

namespace care::test {

class PostgresCluster {
 public:
  // Whether the environment asks the server tests to run on PostgreSQL
  // (CARE_TEST_POSTGRES set and not "0").
  static bool requested();

  struct Options {
    // fsync and synchronous_commit on, as PostgreSQL ships: a commit is on disk when it
    // is acknowledged. Off by default (test data need not survive a crash, and each test
    // is far quicker); on for crash tests and the benchmarks.
    bool durable = false;
  };

  // The cluster, started now if it is not yet; throws std::runtime_error (which fails
  // the test) when it cannot start.
  static PostgresCluster& shared();
  // The shared cluster if this process started it, else nullptr.
  static PostgresCluster* shared_if_started();
  // A cluster of its own (a test that stops and starts it, a benchmark).
  static std::unique_ptr<PostgresCluster> start(Options options);

  // A new, empty database; its libpq connection string.
  std::string create_database();
  // A new database with every migration applied, copied from a template migrated once
  // per cluster (quicker than migrating each: the server tests make one per server).
  std::string create_migrated_database();
  // Drops a database made by create_database (no connection may be open on it).
  void drop_database(const std::string& conninfo);

  // The postgres:// URI of a database on this cluster (for --database).
  std::string uri(const std::string& database) const;
  const std::string& folder() const { return folder_; }

  ~PostgresCluster();
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  // Stops the cluster and removes its folder (the test environment calls it at exit).
  void stop() noexcept;

  // `pg_ctl stop -m immediate`: every PostgreSQL process quits at once, without a
  // checkpoint, as in a crash; the data folder stays.
  void crash();
  // Starts the server again on the same data folder (it recovers from its WAL first).
  void start_again();

 private:
  explicit PostgresCluster(Options options);
  std::string conninfo(const std::string& database) const;
  void start_server();

  std::string bin_;      // folder with initdb, pg_ctl
  std::string folder_;   // temporary: data/, the socket, the log
  std::string as_user_;  // "runuser -u postgres -- " when running as root
  Options options_;
  bool running_ = false;
  bool template_ready_ = false;
  int databases_ = 0;
};

}  // namespace care::test
