// The HTTP edge against hostile input (issue 14, item 8): control characters in paths,
// symlinks out of the web root, media types that only look like JSON, Hosts no one
// configured (DNS rebinding), pages without a Content-Security-Policy, and a session
// cookie without Secure behind TLS.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "config.hpp"
#include "raw_http.hpp"
#include "test_server.hpp"

namespace care::server {
namespace {

using nlohmann::json;
using testing::body_of;
using testing::header_of;
using testing::raw_exchange;
using testing::status_of;
using testing::TestServer;
namespace fs = std::filesystem;

std::string get_request(const std::string& path, const std::string& host) {
  return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
}

std::string get_raw(const TestServer& server, const std::string& path,
                    const std::string& host = "127.0.0.1") {
  return raw_exchange(server.port(), get_request(path, host));
}

json error_in(const std::string& raw_answer) {
  json body = json::parse(body_of(raw_answer), nullptr, false);
  return body.is_object() && body.contains("error") ? body["error"] : json();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

// --- control characters --------------------------------------------------------------

TEST(Edges, AControlCharacterInThePathIs400) {
  TestServer server;
  write_file(server.web_root() / "index.html", "<!doctype html><title>Care</title>");
  for (std::string path : {"/index.html%00.js", "/index.html%00", "/%0d%0aSet-Cookie:%20a=1",
                           "/index.html%1f", "/index.html%7f", "/api/version%00"}) {
    std::string answer = get_raw(server, path);
    EXPECT_EQ(status_of(answer), 400) << path << "\n" << answer;
    EXPECT_EQ(header_of(answer, "Content-Type"), "application/json") << path;
    EXPECT_EQ(error_in(answer)["field"], "path") << answer;
  }
  std::string page = get_raw(server, "/index.html");
  EXPECT_EQ(status_of(page), 200);
  EXPECT_EQ(header_of(page, "Content-Type"), "text/html");
}

// --- symlinks ----------------------------------------------------------------------

TEST(Edges, SymlinksOutOfTheWebRootAreNotFollowed) {
  TestServer server;
  const fs::path web = server.web_root();
  const fs::path outside = server.data_dir() / "outside";
  fs::create_directories(outside);
  write_file(outside / "secret.txt", "secret");
  write_file(outside / "index.html", "<p>secret page</p>");
  write_file(web / "page.txt", "page");
  fs::create_symlink(outside / "secret.txt", web / "leak.txt");
  fs::create_directory_symlink(outside, web / "leaks");
  fs::create_symlink(server.data_dir() / "care.db", web / "care.db");
  fs::create_symlink(web / "page.txt", web / "alias.txt");

  for (std::string path : {"/leak.txt", "/leaks/secret.txt", "/leaks/", "/care.db"}) {
    std::string answer = get_raw(server, path);
    EXPECT_EQ(status_of(answer), 404) << path << "\n" << answer;
    EXPECT_EQ(answer.find("secret"), std::string::npos) << path;
    EXPECT_EQ(error_in(answer)["code"], "not_found") << path;
  }
  // A link that stays inside the root is an ordinary file.
  std::string alias = get_raw(server, "/alias.txt");
  EXPECT_EQ(status_of(alias), 200);
  EXPECT_EQ(body_of(alias), "page");
}

TEST(Edges, AWebRootThatIsItselfASymlinkStillServes) {
  const fs::path real =
      fs::temp_directory_path() / ("care-edges-web-" + std::to_string(::getpid()));
  const fs::path link = real.string() + "-link";
  fs::create_directories(real);
  write_file(real / "index.html", "<!doctype html><title>Care</title>");
  fs::remove(link);
  fs::create_directory_symlink(real, link);
  {
    Config config;
    config.web_root = link.string();
    TestServer server(config);
    EXPECT_EQ(status_of(get_raw(server, "/")), 200);
    EXPECT_EQ(status_of(get_raw(server, "/index.html")), 200);
  }
  fs::remove(link);
  fs::remove_all(real);
}

// --- media types -------------------------------------------------------------------

TEST(Edges, OnlyJsonIsTakenAsJson) {
  TestServer server;
  auto post = [&](const std::string& type) {
    return server.client().Post("/api/session", "{}", type.c_str());
  };
  for (std::string type :
       {"application/jsonx", "application/json-seq", "application/json; charset=latin1",
        "application/json;x=1", "text/json", "application/json, text/plain", "application/",
        "application/json; charset=utf-8; x=1", ""}) {
    auto result = post(type);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 415) << "'" << type << "' → " << result->body;
  }
  // Declared JSON reaches the handler, which then finds the username missing.
  for (std::string type :
       {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\"",
        "application/json ; charset=utf-8", "application/json;"}) {
    auto result = post(type);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 400) << "'" << type << "' → " << result->body;
  }
}

// --- Host allow-list (DNS rebinding) -----------------------------------------------

TEST(Edges, AHostThePublicUrlDoesNotNameIsMisdirected) {
  Config config;
  config.public_urls = {"https://care.example.com", "http://desk.example.org:8443/"};
  TestServer server(config);
  const std::string port = std::to_string(server.port());
  for (std::string host :
       std::vector<std::string>{"evil.example", "care.example.com.evil.example",
                                "evil.example:" + port, "example.com", "desk.example.org.", ""}) {
    for (std::string path : {"/healthz", "/api/channels/kb?q=x", "/index.html"}) {
      std::string answer = get_raw(server, path, host);
      EXPECT_EQ(status_of(answer), 421) << host << " " << path << "\n" << answer;
      EXPECT_EQ(error_in(answer)["code"], "misdirected") << answer;
    }
  }
  for (std::string host : std::vector<std::string>{
           "care.example.com", "CARE.Example.com:443", "desk.example.org:8443", "127.0.0.1:" + port,
           "localhost:" + port, "localhost", "[::1]:" + port}) {
    std::string answer = get_raw(server, "/healthz", host);
    EXPECT_EQ(status_of(answer), 200) << host << "\n" << answer;
  }
}

TEST(Edges, WithoutAPublicUrlALoopbackServerTakesAnyHost) {
  TestServer server;
  EXPECT_EQ(status_of(get_raw(server, "/healthz", "anything.example")), 200);
}

TEST(Edges, ANonLoopbackBindWithoutAPublicUrlWarnsAtStart) {
  const fs::path data =
      fs::temp_directory_path() / ("care-edges-data-" + std::to_string(::getpid()));
  fs::create_directories(data);
  auto warnings = [&](Config config) {
    config.data_dir = data.string();
    config.port = 0;
    ::testing::internal::CaptureStdout();
    { App app(config); }
    std::string log = ::testing::internal::GetCapturedStdout();
    std::istringstream lines(log);
    std::string found;
    for (std::string line; std::getline(lines, line);) {
      json entry = json::parse(line, nullptr, false);
      if (entry.is_object() && entry.value("level", "") == "warn") found += entry.dump();
    }
    return found;
  };
  Config open;
  open.host = "0.0.0.0";
  EXPECT_NE(warnings(open).find("--public-url"), std::string::npos);
  Config named = open;
  named.public_urls = {"https://care.example.com"};
  EXPECT_EQ(warnings(named), "");
  Config loopback;
  loopback.host = "127.0.0.1";
  EXPECT_EQ(warnings(loopback), "");
  fs::remove_all(data);
}

TEST(Edges, PublicUrlsComeFromFlagsAndTheEnvironment) {
  auto parsed = [](std::vector<std::string> args) {
    ConfigResult result = parse_config(args);
    EXPECT_TRUE(std::holds_alternative<Config>(result));
    return std::holds_alternative<Config>(result) ? std::get<Config>(result) : Config{};
  };
  auto error = [](std::vector<std::string> args) {
    ConfigResult result = parse_config(args);
    EXPECT_TRUE(std::holds_alternative<ConfigError>(result));
    return std::holds_alternative<ConfigError>(result) ? std::get<ConfigError>(result).message : "";
  };
  Config config = parsed({"--public-url", "https://a.example,https://b.example:8443",
                          "--public-url", "http://c.example/"});
  EXPECT_EQ(config.public_urls,
            (std::vector<std::string>{"https://a.example", "https://b.example:8443",
                                      "http://c.example/"}));
  ::setenv("CARE_PUBLIC_URL", "https://env.example", 1);
  EXPECT_EQ(parsed({}).public_urls, std::vector<std::string>{"https://env.example"});
  EXPECT_EQ(parsed({"--public-url", "https://flag.example"}).public_urls,
            std::vector<std::string>{"https://flag.example"});
  ::unsetenv("CARE_PUBLIC_URL");
  for (std::string bad : {"ftp://a.example", "https://", "care.example.com",
                          "https://a.example/app", "https://a b.example", "https://a.example:x"}) {
    EXPECT_NE(error({"--public-url", bad}).find("--public-url"), std::string::npos) << bad;
  }
  EXPECT_NE(error({"--public-url"}).find("--public-url"), std::string::npos);

  EXPECT_EQ(parsed({"--embed-origin", "https://shop.example"}).embed_origins,
            std::vector<std::string>{"https://shop.example"});
  EXPECT_NE(error({"--embed-origin", "https://shop.example; script-src *"}).find("--embed-origin"),
            std::string::npos);
}

// --- Content-Security-Policy -------------------------------------------------------

class Pages : public ::testing::Test {
 protected:
  static void write_pages(const TestServer& server) {
    write_file(server.web_root() / "index.html", "<!doctype html><title>Care Desktop</title>");
    write_file(server.web_root() / "help.html", "<!doctype html><title>Help centre</title>");
  }
  static std::string policy(const TestServer& server, const std::string& path) {
    auto result = server.client().Get(path);
    EXPECT_TRUE(result);
    if (!result) return "";
    EXPECT_EQ(result->status, 200) << path;
    return result->get_header_value("Content-Security-Policy");
  }
};

TEST_F(Pages, TheDesktopHasAPolicyThatRunsItsWasmAndIsNeverFramed) {
  TestServer server;
  write_pages(server);
  for (std::string path : {"/", "/index.html"}) {
    std::string csp = policy(server, path);
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << path << ": " << csp;
    EXPECT_NE(csp.find("script-src 'self' 'wasm-unsafe-eval'"), std::string::npos) << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  }
}

TEST_F(Pages, TheHelpPortalMayBeFramedOnlyByTheConfiguredSites) {
  {
    TestServer server;
    write_pages(server);
    std::string csp = policy(server, "/help.html");
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("wasm-unsafe-eval"), std::string::npos) << csp;
  }
  Config config;
  config.embed_origins = {"https://shop.example.com", "https://www.example.org"};
  TestServer server(config);
  write_pages(server);
  EXPECT_NE(policy(server, "/help.html")
                .find("frame-ancestors https://shop.example.com https://www.example.org"),
            std::string::npos);
  EXPECT_NE(policy(server, "/").find("frame-ancestors 'none'"), std::string::npos);
}

// The policy allows no inline script or style, so the shipped pages must have none.
TEST(Edges, TheShippedPagesNeedNoInlineScriptOrStyle) {
  for (std::string page : {"index.html", "help.html"}) {
    std::ifstream file(std::string(CARE_SOURCE_DIR) + "/web/" + page);
    ASSERT_TRUE(file) << page;
    std::stringstream text;
    text << file.rdbuf();
    const std::string html = text.str();
    std::smatch found;
    EXPECT_FALSE(std::regex_search(html, found, std::regex("<script(?![^>]*\\ssrc=)[^>]*>")))
        << page << ": " << found.str();
    EXPECT_FALSE(std::regex_search(html, found, std::regex("<style"))) << page;
    EXPECT_FALSE(std::regex_search(html, found, std::regex("\\son[a-z]+\\s*=")))
        << page << ": " << found.str();
    EXPECT_FALSE(std::regex_search(html, found, std::regex("\\sstyle\\s*="))) << page;
  }
}

// --- the session cookie behind TLS -------------------------------------------------

class SessionCookie : public ::testing::Test {
 protected:
  static std::string set_cookie(TestServer& server, const std::string& host) {
    server.app().auth().create_agent("anna" + std::to_string(++made_), "Anna", "correct horse",
                                     store::Role::Agent);
    json body = {{"username", "anna" + std::to_string(made_)}, {"password", "correct horse"}};
    auto result =
        server.client().Post("/api/session", {{"Host", host}}, body.dump(), "application/json");
    EXPECT_TRUE(result);
    if (!result) return "";
    EXPECT_EQ(result->status, 200) << result->body;
    return result->get_header_value("Set-Cookie");
  }
  static inline int made_ = 0;
};

TEST_F(SessionCookie, IsSecureWhenReachedThroughAnHttpsPublicUrl) {
  Config config;
  config.public_urls = {"https://care.example.com"};
  TestServer server(config);
  std::string cookie = set_cookie(server, "care.example.com");
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  // Straight to the loopback port over plain HTTP (an admin on the host): a browser
  // would drop a Secure cookie there.
  std::string local = set_cookie(server, "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(local.find("Secure"), std::string::npos) << local;
}

TEST_F(SessionCookie, IsNotSecureOverPlainHttp) {
  Config config;
  config.public_urls = {"http://care.example.com"};
  TestServer server(config);
  std::string cookie = set_cookie(server, "care.example.com");
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << cookie;
}

}  // namespace
}  // namespace care::server
