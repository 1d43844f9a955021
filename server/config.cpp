#include "config.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "http/allowed_hosts.hpp"
#include "http/client_address.hpp"

namespace care::server {
namespace {

bool parse_port(const std::string& text, int& port) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > 65535) {
    return false;
  }
  port = value;
  return true;
}

bool parse_count(const std::string& text, int& out, int most = 100'000) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1 || value > most) {
    return false;
  }
  out = value;
  return true;
}

bool parse_timeout(const std::string& text, std::chrono::milliseconds& out) {
  std::chrono::milliseconds value{};
  if (!parse_duration(text, value) || value < std::chrono::seconds(1) ||
      value > std::chrono::hours(1))
    return false;
  out = value;
  return true;
}

bool parse_int(const std::string& text, int low, int high, int& out) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    return false;
  }
  out = value;
  return true;
}

// "a,b" → {"a", "b"}: lists come comma-separated or by repeating the flag.
bool add_urls(const std::string& text, std::vector<std::string>& out, bool origin_only) {
  size_t at = 0;
  while (at <= text.size()) {
    size_t comma = std::min(text.find(',', at), text.size());
    std::string url = text.substr(at, comma - at);
    while (!url.empty() && url.front() == ' ')
      url.erase(0, 1);
    while (!url.empty() && url.back() == ' ')
      url.pop_back();
    // An embed origin goes into a CSP header as written: no path, not even "/".
    if (!http::parse_public_url(url) || (origin_only && url.back() == '/')) return false;
    out.push_back(url);
    at = comma + 1;
  }
  return !text.empty();
}

// Whole-number settings (the abuse limits, the read connections), each with a flag and
// an environment variable.
struct LimitSetting {
  const char* flag;
  const char* env;
  int Config::*field;
  int low;
  int high;
};

constexpr LimitSetting kLimits[] = {
    {"--read-connections", "CARE_READ_CONNECTIONS", &Config::read_connections, 0, 64},
    {"--read-threads", "CARE_READ_THREADS", &Config::read_threads, 0, 1024},
    {"--database-connections", "CARE_DATABASE_CONNECTIONS", &Config::database_connections, 2, 1000},
    {"--webhook-attempts", "CARE_WEBHOOK_ATTEMPTS", &Config::webhook_attempts, 1, 30},
    {"--sign-in-checks", "CARE_SIGN_IN_CHECKS", &Config::sign_in_checks, 0, 64},
    {"--streams-per-chat", "CARE_STREAMS_PER_CHAT", &Config::streams_per_chat, 0, 100'000},
    {"--streams-per-session", "CARE_STREAMS_PER_SESSION", &Config::streams_per_session, 0, 100'000},
    {"--streams-per-address", "CARE_STREAMS_PER_ADDRESS", &Config::streams_per_address, 0, 100'000},
    {"--stream-reserve", "CARE_STREAM_RESERVE", &Config::stream_reserve, 0, 100'000},
    {"--chat-starts-per-address", "CARE_CHAT_STARTS_PER_ADDRESS", &Config::chat_starts_per_address,
     0, 1'000'000},
    {"--chat-starts-per-origin", "CARE_CHAT_STARTS_PER_ORIGIN", &Config::chat_starts_per_origin, 0,
     1'000'000},
    {"--connector-requests", "CARE_CONNECTOR_REQUESTS", &Config::connector_requests, 0, 10'000'000},
};

std::string limit_error(const LimitSetting& limit, const std::string& name) {
  return name + " needs a whole number from " + std::to_string(limit.low) + " to " +
         std::to_string(limit.high);
}

// A PostgreSQL connection URI, as libpq reads it (postgres:// or postgresql://).
bool is_database_url(const std::string& text) {
  for (const char* scheme : {"postgres://", "postgresql://"}) {
    if (text.rfind(scheme, 0) == 0) return true;
  }
  return false;
}

// "10MB", "512KB", "1048576" (bytes): at least 1 KB, at most 1 GB (PostgreSQL's
// bytea bound). KB and MB are 1024 and 1024².
bool parse_size(const std::string& text, std::int64_t& out) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data() || value < 0) return false;
  std::string unit(end, text.data() + text.size());
  std::int64_t scale = 0;
  if (unit.empty() || unit == "B") scale = 1;
  if (unit == "KB" || unit == "K" || unit == "kB") scale = 1024;
  if (unit == "MB" || unit == "M") scale = 1024 * 1024;
  if (scale == 0 || value > (std::int64_t{1} << 30) / scale) return false;
  value *= scale;
  if (value < 1024) return false;
  out = value;
  return true;
}

constexpr const char* kSizeExample = "a size from 1KB to 1024MB, such as 10MB or 512KB";

constexpr const char* kDatabaseExample =
    "a PostgreSQL URL such as postgres://care@db.example.com/care";

}  // namespace

bool parse_duration(const std::string& text, std::chrono::milliseconds& out) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data() || value < 0) return false;
  std::string unit(end, text.data() + text.size());
  long long scale = 0;
  if (unit == "ms") scale = 1;
  if (unit == "s") scale = 1000;
  if (unit == "m") scale = 60'000;
  if (unit == "h") scale = 3'600'000;
  if (unit == "d") scale = 86'400'000;
  if (scale == 0 || value > (1LL << 50) / scale) return false;
  out = std::chrono::milliseconds(value * scale);
  return true;
}

std::string usage() {
  return "usage: care-server [--host ADDR] [--port N] [--data DIR] [--web DIR]\n"
         "  --host ADDR  address to listen on (default 127.0.0.1; env CARE_HOST)\n"
         "  --port N     port, 0 for any free one (default 8080; env CARE_PORT)\n"
         "  --data DIR   data folder holding the database (default ./data; env CARE_DATA)\n"
         "  --database URL  keep the data in PostgreSQL (postgres://user@host/db; env\n"
         "               CARE_DATABASE) instead of SQLite in --data; nodes on one\n"
         "               database share events and routing (one of them leads offers)\n"
         "  --web DIR    web client folder to serve (default: the build's; env CARE_WEB_ROOT)\n"
         "  --offer-timeout T     how long an offer waits for Accept (default 15s;\n"
         "               env CARE_OFFER_TIMEOUT); T is a number with ms, s, m, h or d\n"
         "  --auto-close-after T  close requests with no update for T (default 5d;\n"
         "               env CARE_AUTO_CLOSE_AFTER)\n"
         "  --integration-key K   key for the channel ingestion API (env\n"
         "               CARE_INTEGRATION_KEY; prefer the environment: flags show in ps)\n"
         "  --max-streams N  event streams this node holds (default 1000;\n"
         "               env CARE_MAX_STREAMS)\n"
         "  --max-connections N  open connections in all (default 10000; env\n"
         "               CARE_MAX_CONNECTIONS); beyond it new ones get 503\n"
         "  --max-connections-per-address N  open connections from one address (default\n"
         "               256; env CARE_MAX_CONNECTIONS_PER_ADDRESS); beyond it 429\n"
         "  --request-timeout T  time for a request's head, and for its body (default 20s;\n"
         "               env CARE_REQUEST_TIMEOUT; 1s to 1h); then 408\n"
         "  --idle-timeout T  a kept-alive connection idle this long is closed (default 30s;\n"
         "               env CARE_IDLE_TIMEOUT; 1s to 1h)\n"
         "  --stream-heartbeat T  comment on quiet event streams every T (default 15s)\n"
         "  --public-url URL  the address people and connectors use, such as\n"
         "               https://care.example.com (repeat or comma-separate; env\n"
         "               CARE_PUBLIC_URL): other Host names get 421, https makes the\n"
         "               session cookie Secure\n"
         "  --embed-origin ORIGIN  a site that may show the help portal and its chat in a\n"
         "               frame, such as https://www.example.com (repeat or\n"
         "               comma-separate; env CARE_EMBED_ORIGINS; default: none)\n"
         "  --floor-sample-every T  sample each queue for the floor's last-hour chart\n"
         "               every T (default 30s; 1s to 10m)\n"
         "  --read-connections N  read-only database connections beside the writer, so\n"
         "               reads never wait for a write (default 4, 0 to 64; env\n"
         "               CARE_READ_CONNECTIONS; 0: reads share the writer's)\n"
         "  --read-threads N  reads (GET) answered at once, in arrival order (default 0:\n"
         "               as many as the cores on SQLite, twice as many on\n"
         "               PostgreSQL; env CARE_READ_THREADS)\n"
         "  --database-connections N  connections to PostgreSQL this node keeps (default\n"
         "               8, 2 to 1000; env CARE_DATABASE_CONNECTIONS)\n"
         "  --webhook-attempts N  tries to deliver a webhook before it is failed (default\n"
         "               10, 1 to 30; env CARE_WEBHOOK_ATTEMPTS)\n"
         "  --max-attachment SIZE  the largest file a chat or email may carry, such as\n"
         "               10MB or 512KB (default 10MB; env CARE_MAX_ATTACHMENT); larger: 413\n"
         "Abuse limits (0 turns a limit off; every flag also has its CARE_ variable):\n"
         "  --trusted-proxy ADDR[,ADDR...]  reverse proxies whose X-Forwarded-For names the\n"
         "               client (env CARE_TRUSTED_PROXY); without it the peer is the client\n"
         "  --sign-in-checks N  password checks at once, 64 MiB each; beyond, 503\n"
         "               (default: the cores, 2 to 8; env CARE_SIGN_IN_CHECKS)\n"
         "  --streams-per-chat N     event streams one chat widget may hold (default 4)\n"
         "  --streams-per-session N  event streams one signed-in session may hold (default 8)\n"
         "  --streams-per-address N  chat widget streams one address may hold (default 20)\n"
         "  --stream-reserve N  stream slots only signed-in agents may take (default a\n"
         "               quarter of --max-streams)\n"
         "  --chat-starts-per-address N  chats one address may start a minute (default 20)\n"
         "  --chat-starts-per-origin N   chats one widget Origin may start a minute (default 600)\n"
         "  --connector-requests N  email and call requests a minute per integration key\n"
         "               (default 6000, a tenth of it at once)\n"
         "  --demo       seed demo agents, queues, customers and knowledge, print the\n"
         "               sign-in details, and keep simulated traffic coming\n"
         "  --demo-rate N  new demo interactions a minute (default 4)\n"
         "  --demo-seed N  the demo's random seed (default 1): same seed, same demo\n"
         "  --create-admin NAME  create an admin account and exit; the password comes from\n"
         "               CARE_ADMIN_PASSWORD or standard input\n"
         "At start, CARE_ADMIN_USER + CARE_ADMIN_PASSWORD create that admin if it is missing.\n";
}

ConfigResult parse_config(const std::vector<std::string>& args) {
  Config config;
  config.web_root = CARE_DEFAULT_WEB_ROOT;
  if (const char* v = std::getenv("CARE_HOST")) config.host = v;
  if (const char* v = std::getenv("CARE_DATA")) config.data_dir = v;
  if (const char* v = std::getenv("CARE_WEB_ROOT")) config.web_root = v;
  if (const char* v = std::getenv("CARE_DATABASE"); v && *v) {
    if (!is_database_url(v))
      return ConfigError{std::string("CARE_DATABASE needs ") + kDatabaseExample};
    config.database = v;
  }
  if (const char* v = std::getenv("CARE_INTEGRATION_KEY")) config.integration_key = v;
  if (const char* v = std::getenv("CARE_OFFER_TIMEOUT")) {
    if (!parse_duration(v, config.offer_timeout))
      return ConfigError{"CARE_OFFER_TIMEOUT: not a duration such as 15s: " + std::string(v)};
  }
  if (const char* v = std::getenv("CARE_AUTO_CLOSE_AFTER")) {
    if (!parse_duration(v, config.auto_close_after))
      return ConfigError{"CARE_AUTO_CLOSE_AFTER: not a duration such as 5d: " + std::string(v)};
  }
  if (const char* v = std::getenv("CARE_MAX_STREAMS")) {
    if (!parse_count(v, config.max_streams))
      return ConfigError{"CARE_MAX_STREAMS: not a number from 1 to 100000: " + std::string(v)};
  }
  if (const char* v = std::getenv("CARE_MAX_CONNECTIONS")) {
    if (!parse_count(v, config.max_connections, 1'000'000))
      return ConfigError{"CARE_MAX_CONNECTIONS: not a number from 1 to 1000000: " + std::string(v)};
  }
  if (const char* v = std::getenv("CARE_MAX_CONNECTIONS_PER_ADDRESS")) {
    if (!parse_count(v, config.max_connections_per_address, 1'000'000))
      return ConfigError{"CARE_MAX_CONNECTIONS_PER_ADDRESS: not a number from 1 to 1000000: " +
                         std::string(v)};
  }
  if (const char* v = std::getenv("CARE_REQUEST_TIMEOUT")) {
    if (!parse_timeout(v, config.request_timeout))
      return ConfigError{"CARE_REQUEST_TIMEOUT: not a duration from 1s to 1h: " + std::string(v)};
  }
  if (const char* v = std::getenv("CARE_IDLE_TIMEOUT")) {
    if (!parse_timeout(v, config.idle_timeout))
      return ConfigError{"CARE_IDLE_TIMEOUT: not a duration from 1s to 1h: " + std::string(v)};
  }

  if (const char* v = std::getenv("CARE_PUBLIC_URL")) {
    if (!add_urls(v, config.public_urls, false)) {
      return ConfigError{"CARE_PUBLIC_URL: not a list of URLs such as https://care.example.com: " +
                         std::string(v)};
    }
  }
  if (const char* v = std::getenv("CARE_EMBED_ORIGINS")) {
    if (!add_urls(v, config.embed_origins, true)) {
      return ConfigError{"CARE_EMBED_ORIGINS: not a list of origins such as https://example.com: " +
                         std::string(v)};
    }
  }
  if (const char* v = std::getenv("CARE_TRUSTED_PROXY")) {
    if (!http::parse_address_list(v, config.trusted_proxies))
      return ConfigError{"CARE_TRUSTED_PROXY: not a list of IP addresses: " + std::string(v)};
  }
  for (const auto& limit : kLimits) {
    if (const char* v = std::getenv(limit.env)) {
      if (!parse_int(v, limit.low, limit.high, config.*limit.field))
        return ConfigError{limit_error(limit, limit.env) + ": " + v};
    }
  }
  if (const char* v = std::getenv("CARE_MAX_ATTACHMENT")) {
    if (!parse_size(v, config.max_attachment))
      return ConfigError{std::string("CARE_MAX_ATTACHMENT needs ") + kSizeExample + ": " + v};
  }
  if (const char* v = std::getenv("CARE_PORT")) {
    if (!parse_port(v, config.port))
      return ConfigError{"CARE_PORT: not a port number: " + std::string(v)};
  }

  // Flags replace what the environment said, as for every other setting.
  bool public_url_flag = false;
  bool embed_origin_flag = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (flag == "--help" || flag == "-h") return HelpRequested{};
    auto value = [&](std::string& out) -> bool {
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    std::string text;
    if (flag == "--host") {
      if (!value(config.host)) return ConfigError{"--host needs an address"};
    } else if (flag == "--port") {
      if (!value(text) || !parse_port(text, config.port)) {
        return ConfigError{"--port needs a number from 0 to 65535"};
      }
    } else if (flag == "--data") {
      if (!value(config.data_dir)) return ConfigError{"--data needs a folder"};
    } else if (flag == "--database") {
      if (!value(config.database) || !is_database_url(config.database)) {
        return ConfigError{std::string("--database needs ") + kDatabaseExample};
      }
    } else if (flag == "--create-admin") {
      if (!value(config.create_admin) || config.create_admin.empty()) {
        return ConfigError{"--create-admin needs a username"};
      }
    } else if (flag == "--offer-timeout") {
      if (!value(text) || !parse_duration(text, config.offer_timeout) ||
          config.offer_timeout.count() == 0) {
        return ConfigError{"--offer-timeout needs a duration such as 15s"};
      }
    } else if (flag == "--auto-close-after") {
      if (!value(text) || !parse_duration(text, config.auto_close_after) ||
          config.auto_close_after.count() == 0) {
        return ConfigError{"--auto-close-after needs a duration such as 5d"};
      }
    } else if (flag == "--demo") {
      config.demo = true;
    } else if (flag == "--demo-rate") {
      double rate = 0;
      if (!value(text) ||
          std::from_chars(text.data(), text.data() + text.size(), rate).ec != std::errc() ||
          rate <= 0 || rate > 6000) {
        return ConfigError{"--demo-rate needs interactions a minute, more than 0 and at most 6000"};
      }
      config.demo_per_minute = rate;
    } else if (flag == "--demo-seed") {
      unsigned seed = 0;
      if (!value(text) ||
          std::from_chars(text.data(), text.data() + text.size(), seed).ec != std::errc()) {
        return ConfigError{"--demo-seed needs a whole number"};
      }
      config.demo_seed = seed;
    } else if (flag == "--integration-key") {
      if (!value(config.integration_key) || config.integration_key.empty()) {
        return ConfigError{"--integration-key needs a key"};
      }
    } else if (flag == "--max-attachment") {
      if (!value(text) || !parse_size(text, config.max_attachment)) {
        return ConfigError{std::string("--max-attachment needs ") + kSizeExample};
      }
    } else if (flag == "--max-streams") {
      if (!value(text) || !parse_count(text, config.max_streams)) {
        return ConfigError{"--max-streams needs a number from 1 to 100000"};
      }
    } else if (flag == "--max-connections") {
      if (!value(text) || !parse_count(text, config.max_connections, 1'000'000)) {
        return ConfigError{"--max-connections needs a number from 1 to 1000000"};
      }
    } else if (flag == "--max-connections-per-address") {
      if (!value(text) || !parse_count(text, config.max_connections_per_address, 1'000'000)) {
        return ConfigError{"--max-connections-per-address needs a number from 1 to 1000000"};
      }
    } else if (flag == "--request-timeout") {
      if (!value(text) || !parse_timeout(text, config.request_timeout)) {
        return ConfigError{"--request-timeout needs a duration from 1s to 1h, such as 20s"};
      }
    } else if (flag == "--idle-timeout") {
      if (!value(text) || !parse_timeout(text, config.idle_timeout)) {
        return ConfigError{"--idle-timeout needs a duration from 1s to 1h, such as 30s"};
      }
    } else if (flag == "--stream-heartbeat") {
      if (!value(text) || !parse_duration(text, config.stream_heartbeat) ||
          config.stream_heartbeat.count() == 0) {
        return ConfigError{"--stream-heartbeat needs a duration such as 15s"};
      }
    } else if (flag == "--floor-sample-every") {
      if (!value(text) || !parse_duration(text, config.floor_sample_every) ||
          config.floor_sample_every < std::chrono::seconds(1) ||
          config.floor_sample_every > std::chrono::minutes(10)) {
        return ConfigError{"--floor-sample-every needs a duration from 1s to 10m, such as 30s"};
      }
    } else if (flag == "--public-url") {
      if (!public_url_flag) config.public_urls.clear();
      public_url_flag = true;
      if (!value(text) || !add_urls(text, config.public_urls, false)) {
        return ConfigError{"--public-url needs a URL such as https://care.example.com"};
      }
    } else if (flag == "--embed-origin") {
      if (!embed_origin_flag) config.embed_origins.clear();
      embed_origin_flag = true;
      if (!value(text) || !add_urls(text, config.embed_origins, true)) {
        return ConfigError{"--embed-origin needs an origin such as https://www.example.com"};
      }
    } else if (flag == "--web") {
      if (!value(config.web_root)) return ConfigError{"--web needs a folder"};
    } else if (flag == "--trusted-proxy") {
      if (!value(text) || !http::parse_address_list(text, config.trusted_proxies)) {
        return ConfigError{"--trusted-proxy needs IP addresses separated by commas"};
      }
    } else if (auto limit =
                   std::find_if(std::begin(kLimits), std::end(kLimits),
                                [&](const LimitSetting& each) { return flag == each.flag; });
               limit != std::end(kLimits)) {
      if (!value(text) || !parse_int(text, limit->low, limit->high, config.*limit->field)) {
        return ConfigError{limit_error(*limit, flag)};
      }
    } else {
      return ConfigError{"unknown flag: " + flag};
    }
  }
  if (config.stream_reserve >= config.max_streams) {
    return ConfigError{
        "--stream-reserve must be less than --max-streams, or no chat widget "
        "could open a stream"};
  }
  return config;
}

}  // namespace care::server
