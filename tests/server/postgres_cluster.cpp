#include "postgres_cluster.hpp"

#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "store/postgres/pg_connection.hpp"
#include "store/postgres/pg_migrations.hpp"

namespace care::test {
namespace {

namespace fs = std::filesystem;

// initdb and pg_ctl: on the PATH, else in Debian's versioned folder (the newest).
std::string find_server_programs() {
  if (const char* path = std::getenv("PATH")) {
    std::stringstream folders(path);
    std::string folder;
    while (std::getline(folders, folder, ':')) {
      if (!folder.empty() && fs::exists(fs::path(folder) / "initdb") &&
          fs::exists(fs::path(folder) / "pg_ctl"))
        return folder;
    }
  }
  std::string best;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    fs::path bin = entry.path() / "bin";
    if (fs::exists(bin / "initdb") && fs::exists(bin / "pg_ctl") && bin.string() > best)
      best = bin.string();
  }
  return best;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void run(const std::string& command, const fs::path& log) {
  int status = std::system((command + " >>" + log.string() + " 2>&1").c_str());
  if (status != 0) {
    throw std::runtime_error("PostgreSQL test cluster: `" + command + "` failed (" +
                             std::to_string(status) + "):\n" + read_file(log));
  }
}

PostgresCluster* g_cluster = nullptr;

}  // namespace

bool PostgresCluster::requested() {
  const char* value = std::getenv("CARE_TEST_POSTGRES");
  return value && *value && std::string_view(value) != "0";
}

PostgresCluster& PostgresCluster::shared() {
  static std::unique_ptr<PostgresCluster> cluster;
  if (!cluster) {
    cluster = start({});
    g_cluster = cluster.get();
  }
  return *cluster;
}

PostgresCluster* PostgresCluster::shared_if_started() {
  return g_cluster;
}

std::unique_ptr<PostgresCluster> PostgresCluster::start(Options options) {
  return std::unique_ptr<PostgresCluster>(new PostgresCluster(options));
}

PostgresCluster::PostgresCluster(Options options) : options_(options) {
  bin_ = find_server_programs();
  if (bin_.empty()) {
    throw std::runtime_error(
        "PostgreSQL's server programs (initdb, pg_ctl) are not installed: the PostgreSQL "
        "store's tests need them. On Debian: apt-get install postgresql libpq-dev "
        "(scripts/setup.sh does it)");
  }
  std::string pattern = (fs::temp_directory_path() / "care-pg-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot make a temporary folder");
  folder_ = pattern;
  fs::path log = fs::path(folder_) / "cluster.log";
  if (::geteuid() == 0) {
    // PostgreSQL will not run as root: the cluster belongs to the postgres user.
    passwd* user = ::getpwnam("postgres");
    if (!user) {
      throw std::runtime_error(
          "running as root, the PostgreSQL test cluster needs the `postgres` user "
          "(apt-get install postgresql makes it)");
    }
    if (::chown(folder_.c_str(), user->pw_uid, user->pw_gid) != 0)
      throw std::runtime_error("cannot give " + folder_ + " to the postgres user");
    as_user_ = "runuser -u postgres -- ";
  }
  fs::permissions(folder_, fs::perms::owner_all);
  const std::string data = folder_ + "/data";
  run(as_user_ + bin_ + "/initdb --no-sync --auth=trust --username=care --encoding=UTF8" +
          " --locale=C.UTF-8 -D " + data,
      log);
  start_server();
}

void PostgresCluster::start_server() {
  const std::string data = folder_ + "/data";
  // Test data need not survive a crash unless asked: no fsync, which makes each test
  // far quicker.
  const std::string durability =
      options_.durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
  run(as_user_ + bin_ + "/pg_ctl -D " + data + " -l " + folder_ + "/server.log -w -t 60" +
          " -o \"-k " + folder_ + " -h ''" + durability + " -c max_connections=200\" start",
      fs::path(folder_) / "cluster.log");
  running_ = true;
}

void PostgresCluster::crash() {
  running_ = false;
  run(as_user_ + bin_ + "/pg_ctl -D " + folder_ + "/data -m immediate -w stop",
      fs::path(folder_) / "cluster.log");
}

void PostgresCluster::start_again() {
  start_server();
}

PostgresCluster::~PostgresCluster() {
  stop();
}

void PostgresCluster::stop() noexcept {
  if (running_) {
    running_ = false;
    std::string command =
        as_user_ + bin_ + "/pg_ctl -D " + folder_ + "/data -m immediate -w stop >/dev/null 2>&1";
    [[maybe_unused]] int status = std::system(command.c_str());
  }
  if (!folder_.empty()) {
    std::error_code ec;
    fs::remove_all(folder_, ec);
    folder_.clear();
  }
}

std::string PostgresCluster::conninfo(const std::string& database) const {
  return "host=" + folder_ + " user=care dbname=" + database;
}

std::string PostgresCluster::uri(const std::string& database) const {
  // The socket folder as the host, percent-encoded ('/' is %2F).
  std::string host;
  for (char ch : folder_) {
    if (ch == '/') {
      host += "%2F";
    } else {
      host += ch;
    }
  }
  return "postgresql://care@" + host + "/" + database;
}

std::string PostgresCluster::create_database() {
  std::string name = "care_test_" + std::to_string(++databases_);
  server::store::pg::Connection admin(conninfo("postgres"));
  admin.exec("CREATE DATABASE " + name);
  return conninfo(name);
}

std::string PostgresCluster::create_migrated_database() {
  server::store::pg::Connection admin(conninfo("postgres"));
  if (!template_ready_) {
    admin.exec("CREATE DATABASE care_migrated");
    {
      server::store::pg::Connection migrated(conninfo("care_migrated"));
      server::store::pg::apply_migrations(migrated);
    }  // a template is copied only while no one is connected to it
    template_ready_ = true;
  }
  std::string name = "care_test_" + std::to_string(++databases_);
  admin.exec("CREATE DATABASE " + name + " TEMPLATE care_migrated");
  return conninfo(name);
}

void PostgresCluster::drop_database(const std::string& database_conninfo) {
  auto at = database_conninfo.find("dbname=");
  if (at == std::string::npos) return;
  server::store::pg::Connection admin(conninfo("postgres"));
  admin.exec("DROP DATABASE IF EXISTS " + database_conninfo.substr(at + 7) + " WITH (FORCE)");
}

}  // namespace care::test
