// R-G2: a 2xx means committed. care-server runs as a real process under a write load,
// is killed with SIGKILL mid-load, and every acknowledged write must be in the file.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>
#include <vector>

#include "raw_connection.hpp"
#include "server_process.hpp"
#include "store/database.hpp"
#include "test_server.hpp"

namespace care::server {
namespace {

using nlohmann::json;

using testing::ServerProcess;

ServerProcess start_server(const std::filesystem::path& data) {
  return testing::start_server_process({"--data", data.string()});
}

TEST(Durability, EveryAcknowledgedWriteSurvivesKillNine) {
  auto data = std::filesystem::temp_directory_path() / ("care-kill9-" + std::to_string(::getpid()));
  std::filesystem::remove_all(data);
  ServerProcess server = start_server(data);
  ASSERT_GT(server.port, 0);

  httplib::Client login("127.0.0.1", server.port);
  auto signed_in = login.Post("/api/session", R"({"username":"root","password":"correct horse"})",
                              "application/json");
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 200);
  std::string set_cookie = signed_in->get_header_value("Set-Cookie");
  httplib::Headers cookie = {{"Cookie", set_cookie.substr(0, set_cookie.find(';'))}};

  std::atomic<bool> stop{false};
  std::atomic<int> acknowledged{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      httplib::Client client("127.0.0.1", server.port);
      client.set_read_timeout(2);
      for (int i = 0; !stop; ++i) {
        json body = (i + w) % 2 ? json{{"state", "ready"}}
                                : json{{"state", "not_ready"}, {"reason", "break"}};
        auto result = client.Put("/api/me/state", cookie, body.dump(), "application/json");
        if (result && result->status == 200) ++acknowledged;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ::kill(server.pid, SIGKILL);
  int status = 0;
  ::waitpid(server.pid, &status, 0);
  stop = true;
  for (auto& writer : writers)
    writer.join();
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_GT(acknowledged.load(), 20) << "the load was too light to mean anything";
  std::printf("acknowledged writes before SIGKILL: %d\n", acknowledged.load());

  {
    // Opening the file replays the WAL as a restarted server would.
    store::Database db((data / "care.db").string());
    store::Statement& count = db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'agent.state'");
    ASSERT_TRUE(count.step());
    EXPECT_GE(count.column_int(0), acknowledged.load());
  }
  // And the server itself starts again on the same folder.
  ServerProcess again = start_server(data);
  ASSERT_GT(again.port, 0);
  auto health = httplib::Client("127.0.0.1", again.port).Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  ::kill(again.pid, SIGTERM);
  ::waitpid(again.pid, &status, 0);
  std::filesystem::remove_all(data);
}

// SIGTERM with event streams open: the server ends them and exits. The signal
// thread's stop() and the App's destructor in main() once raced to join the same
// threads, and the process then hung at exit in about one stop of eight.
TEST(Durability, SigtermWithStreamsOpenExitsEveryTime) {
  auto data =
      std::filesystem::temp_directory_path() / ("care-sigterm-" + std::to_string(::getpid()));
  for (int run = 0; run < 16; ++run) {
    std::filesystem::remove_all(data);
    ServerProcess server = start_server(data);
    ASSERT_GT(server.port, 0);
    auto signed_in = httplib::Client("127.0.0.1", server.port)
                         .Post("/api/session", R"({"username":"root","password":"correct horse"})",
                               "application/json");
    ASSERT_TRUE(signed_in);
    std::string set_cookie = signed_in->get_header_value("Set-Cookie");
    std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
    std::vector<std::unique_ptr<testing::RawConnection>> streams;
    for (int i = 0; i < 2; ++i) {
      streams.push_back(std::make_unique<testing::RawConnection>(server.port));
      streams.back()->send("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookie +
                           "\r\n\r\n");
      ASSERT_EQ(testing::RawConnection::status_of(streams.back()->response()), 200);
    }
    ::kill(server.pid, SIGTERM);
    // Bounded, so that a hang fails the test instead of stalling the suite.
    int status = 0;
    pid_t exited = 0;
    for (int i = 0; i < 1000 && exited == 0; ++i) {
      exited = ::waitpid(server.pid, &status, WNOHANG);
      if (exited == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (exited == 0) {
      ::kill(server.pid, SIGKILL);
      ::waitpid(server.pid, &status, 0);
    }
    ASSERT_EQ(exited, server.pid) << "care-server did not exit after SIGTERM (run " << run << ")";
    EXPECT_TRUE(WIFEXITED(status));
    // Each ended with its last chunk first.
    for (auto& stream : streams)
      EXPECT_NE(stream->read_until("\r\n0\r\n\r\n"), "");
  }
  std::filesystem::remove_all(data);
}

}  // namespace
}  // namespace care::server
