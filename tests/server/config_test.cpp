#include <gtest/gtest.h>

#include <cstdlib>

#include "config.hpp"

namespace care::server {
namespace {

Config parsed(std::vector<std::string> args) {
  ConfigResult result = parse_config(args);
  EXPECT_TRUE(std::holds_alternative<Config>(result));
  return std::holds_alternative<Config>(result) ? std::get<Config>(result) : Config{};
}

std::string error_of(std::vector<std::string> args) {
  ConfigResult result = parse_config(args);
  EXPECT_TRUE(std::holds_alternative<ConfigError>(result));
  return std::holds_alternative<ConfigError>(result) ? std::get<ConfigError>(result).message : "";
}

TEST(Config, DefaultsListenOnLoopbackPort8080) {
  Config config = parsed({});
  EXPECT_EQ(config.host, "127.0.0.1");
  EXPECT_EQ(config.port, 8080);
  EXPECT_EQ(config.data_dir, "data");
  EXPECT_FALSE(config.web_root.empty());
}

TEST(Config, FlagsSetHostPortDataAndWeb) {
  Config config =
      parsed({"--host", "0.0.0.0", "--port", "0", "--data", "/tmp/d", "--web", "/tmp/w"});
  EXPECT_EQ(config.host, "0.0.0.0");
  EXPECT_EQ(config.port, 0);
  EXPECT_EQ(config.data_dir, "/tmp/d");
  EXPECT_EQ(config.web_root, "/tmp/w");
}

TEST(Config, EnvironmentIsReadAndFlagsWin) {
  ::setenv("CARE_PORT", "9000", 1);
  ::setenv("CARE_DATA", "/tmp/env-data", 1);
  EXPECT_EQ(parsed({}).port, 9000);
  EXPECT_EQ(parsed({}).data_dir, "/tmp/env-data");
  EXPECT_EQ(parsed({"--port", "9001"}).port, 9001);
  ::setenv("CARE_PORT", "nine", 1);
  EXPECT_NE(error_of({}).find("CARE_PORT"), std::string::npos);
  ::unsetenv("CARE_PORT");
  ::unsetenv("CARE_DATA");
}

TEST(Config, DatabaseComesFromTheFlagOrCareDatabaseAndDefaultsToSqlite) {
  EXPECT_EQ(parsed({}).database, "");
  EXPECT_EQ(parsed({"--database", "postgres://care@db.example.com/care"}).database,
            "postgres://care@db.example.com/care");
  ::setenv("CARE_DATABASE", "postgresql:///care?host=/run/postgresql", 1);
  EXPECT_EQ(parsed({}).database, "postgresql:///care?host=/run/postgresql");
  EXPECT_EQ(parsed({"--database", "postgres://other/care"}).database, "postgres://other/care");
  ::setenv("CARE_DATABASE", "care.db", 1);
  EXPECT_NE(error_of({}).find("CARE_DATABASE needs a PostgreSQL URL"), std::string::npos);
  ::setenv("CARE_DATABASE", "", 1);  // set but empty: SQLite, as without it
  EXPECT_EQ(parsed({}).database, "");
  ::unsetenv("CARE_DATABASE");
}

TEST(Config, ADatabaseThatIsNotAPostgresUrlIsRefusedWithTheFlagNamed) {
  for (std::vector<std::string> args : {std::vector<std::string>{"--database"},
                                        {"--database", ""},
                                        {"--database", "mysql://care@db/care"},
                                        {"--database", "/var/lib/care/care.db"}}) {
    EXPECT_NE(error_of(args).find("--database needs a PostgreSQL URL"), std::string::npos);
  }
}

TEST(Config, BadPortIsRefusedWithTheFlagNamed) {
  EXPECT_NE(error_of({"--port", "65536"}).find("--port"), std::string::npos);
  EXPECT_NE(error_of({"--port", "-1"}).find("--port"), std::string::npos);
  EXPECT_NE(error_of({"--port", "80x"}).find("--port"), std::string::npos);
  EXPECT_NE(error_of({"--port"}).find("--port"), std::string::npos);
}

TEST(Config, ConnectionLimitsAndTimeoutsAreReadAndChecked) {
  Config config =
      std::get<Config>(parse_config({"--max-connections", "500", "--max-connections-per-address",
                                     "20", "--request-timeout", "5s", "--idle-timeout", "2m"}));
  EXPECT_EQ(config.max_connections, 500);
  EXPECT_EQ(config.max_connections_per_address, 20);
  EXPECT_EQ(config.request_timeout, std::chrono::seconds(5));
  EXPECT_EQ(config.idle_timeout, std::chrono::minutes(2));
  EXPECT_NE(error_of({"--max-connections", "0"}).find("--max-connections"), std::string::npos);
  EXPECT_NE(error_of({"--request-timeout", "500ms"}).find("--request-timeout"), std::string::npos);
  EXPECT_NE(error_of({"--idle-timeout", "2h"}).find("--idle-timeout"), std::string::npos);
}

TEST(Config, UnknownFlagIsRefused) {
  EXPECT_NE(error_of({"--colour", "blue"}).find("--colour"), std::string::npos);
}

TEST(Config, DurationsTakeAUnit) {
  using std::chrono::milliseconds;
  Config defaults = parsed({});
  EXPECT_EQ(defaults.offer_timeout, milliseconds(15'000));
  EXPECT_EQ(defaults.auto_close_after, milliseconds(5LL * 24 * 3600 * 1000));
  Config config = parsed({"--offer-timeout", "500ms", "--auto-close-after", "2h"});
  EXPECT_EQ(config.offer_timeout, milliseconds(500));
  EXPECT_EQ(config.auto_close_after, milliseconds(2LL * 3600 * 1000));
  EXPECT_EQ(parsed({"--offer-timeout", "3s"}).offer_timeout, milliseconds(3000));
  EXPECT_EQ(parsed({"--auto-close-after", "5d"}).auto_close_after,
            milliseconds(5LL * 24 * 3600 * 1000));
  EXPECT_NE(error_of({"--offer-timeout", "15"}).find("--offer-timeout"), std::string::npos);
  EXPECT_NE(error_of({"--offer-timeout", "0s"}).find("--offer-timeout"), std::string::npos);
  EXPECT_NE(error_of({"--auto-close-after", "-1d"}).find("--auto-close-after"), std::string::npos);
  EXPECT_NE(error_of({"--auto-close-after", "99999999999999d"}).find("--auto-close-after"),
            std::string::npos);
}

TEST(Config, TheFloorSamplesEveryThirtySecondsOrWhatIsAskedWithinBounds) {
  using std::chrono::milliseconds;
  EXPECT_EQ(parsed({}).floor_sample_every, milliseconds(30'000));
  EXPECT_EQ(parsed({"--floor-sample-every", "1m"}).floor_sample_every, milliseconds(60'000));
  EXPECT_EQ(parsed({"--floor-sample-every", "1s"}).floor_sample_every, milliseconds(1'000));
  for (const char* bad : {"999ms", "11m", "0s", "30", "soon"}) {
    EXPECT_NE(error_of({"--floor-sample-every", bad}).find("--floor-sample-every"),
              std::string::npos)
        << bad;
  }
  EXPECT_NE(error_of({"--floor-sample-every"}).find("--floor-sample-every"), std::string::npos);
}

TEST(Config, ReadThreadsAreChosenUnlessToldAndAreChecked) {
  EXPECT_EQ(parsed({}).read_threads, 0);
  EXPECT_EQ(parsed({"--read-threads", "8"}).read_threads, 8);
  ::setenv("CARE_READ_THREADS", "2", 1);
  EXPECT_EQ(parsed({}).read_threads, 2);
  EXPECT_EQ(parsed({"--read-threads", "3"}).read_threads, 3);
  ::unsetenv("CARE_READ_THREADS");
  for (const char* bad : {"1025", "-1", "many"}) {
    EXPECT_NE(error_of({"--read-threads", bad}).find("--read-threads"), std::string::npos) << bad;
  }
}

TEST(Config, DatabaseConnectionsDefaultToEightAndAreChecked) {
  EXPECT_EQ(parsed({}).database_connections, 8);
  EXPECT_EQ(parsed({"--database-connections", "32"}).database_connections, 32);
  ::setenv("CARE_DATABASE_CONNECTIONS", "16", 1);
  EXPECT_EQ(parsed({}).database_connections, 16);
  EXPECT_EQ(parsed({"--database-connections", "4"}).database_connections, 4);
  ::unsetenv("CARE_DATABASE_CONNECTIONS");
  for (const char* bad : {"1", "1001", "-8", "eight"}) {
    EXPECT_NE(error_of({"--database-connections", bad}).find("--database-connections"),
              std::string::npos)
        << bad;
  }
}

TEST(Config, ReadConnectionsDefaultToFourAndAreChecked) {
  EXPECT_EQ(parsed({}).read_connections, 4);
  EXPECT_EQ(parsed({"--read-connections", "0"}).read_connections, 0);
  EXPECT_EQ(parsed({"--read-connections", "16"}).read_connections, 16);
  ::setenv("CARE_READ_CONNECTIONS", "2", 1);
  EXPECT_EQ(parsed({}).read_connections, 2);
  EXPECT_EQ(parsed({"--read-connections", "3"}).read_connections, 3);
  ::unsetenv("CARE_READ_CONNECTIONS");
  for (const char* bad : {"65", "-1", "four"}) {
    EXPECT_NE(error_of({"--read-connections", bad}).find("--read-connections"), std::string::npos)
        << bad;
  }
}

TEST(Config, IntegrationKeyComesFromFlagOrEnvironment) {
  EXPECT_EQ(parsed({}).integration_key, "");
  EXPECT_EQ(parsed({"--integration-key", "k1"}).integration_key, "k1");
  setenv("CARE_INTEGRATION_KEY", "from-env", 1);
  EXPECT_EQ(parsed({}).integration_key, "from-env");
  unsetenv("CARE_INTEGRATION_KEY");
  EXPECT_NE(error_of({"--integration-key"}).find("--integration-key"), std::string::npos);
}

// Attachments (issue 18): 10 MB unless told, in KB, MB or bytes, 1 KB to 1024 MB.
TEST(Config, TheAttachmentLimitIsTenMegabytesOrWhatIsAskedWithinBounds) {
  EXPECT_EQ(parsed({}).max_attachment, 10 * 1024 * 1024);
  EXPECT_EQ(parsed({"--max-attachment", "512KB"}).max_attachment, 512 * 1024);
  EXPECT_EQ(parsed({"--max-attachment", "25MB"}).max_attachment, 25 * 1024 * 1024);
  EXPECT_EQ(parsed({"--max-attachment", "4096"}).max_attachment, 4096);
  ::setenv("CARE_MAX_ATTACHMENT", "2MB", 1);
  EXPECT_EQ(parsed({}).max_attachment, 2 * 1024 * 1024);
  EXPECT_EQ(parsed({"--max-attachment", "1MB"}).max_attachment, 1024 * 1024);
  ::unsetenv("CARE_MAX_ATTACHMENT");
  for (const char* bad : {"100", "2048MB", "10GB", "ten", "-5MB", ""}) {
    EXPECT_NE(error_of({"--max-attachment", bad}).find("--max-attachment"), std::string::npos)
        << bad;
  }
}

TEST(Config, HelpIsRecognised) {
  EXPECT_TRUE(std::holds_alternative<HelpRequested>(parse_config({"--help"})));
}

}  // namespace
}  // namespace care::server
