#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace care::server {

// Everything care-server can be told, by flag or by environment (flags win).
struct Config {
  std::string host = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                 // 0 picks a free port (tests)
  std::string data_dir = "data";
  // --database postgres://…: keep the data in PostgreSQL instead of SQLite in data_dir
  // (issue 17). Empty: SQLite. The server refuses to start on PostgreSQL while its
  // store is not complete (store::PostgresStore::unsupported()).
  std::string database;
  std::string web_root;  // folder with index.html, client.js, client.wasm, assets/
  // --create-admin NAME: create this admin (password from CARE_ADMIN_PASSWORD or
  // standard input) and exit. There is never a default password.
  std::string create_admin;
  // How long an offer waits for Accept before the task goes back to its queue (R-A3).
  std::chrono::milliseconds offer_timeout{15'000};
  // A request with no update for this long is closed by the sweeper (R-C3).
  std::chrono::milliseconds auto_close_after{std::chrono::hours(24 * 5)};
  // The key channel gateways (telephony, mail, the chat widget's server side) send in
  // `Authorization: Bearer …` to the ingestion API (R-B4). Empty: ingestion is off.
  std::string integration_key;
  // --demo: seed a fresh data folder and keep simulated traffic coming (R-H2).
  bool demo = false;
  unsigned demo_seed = 1;
  double demo_per_minute = 4.0;
  // Event streams one node holds (GET /api/events and the chat widget's). They are
  // written by one thread (events::StreamLoop) and cost a descriptor and a buffer
  // each. Beyond it a new stream gets 503.
  int max_streams = 1000;
  // Open connections, in all and from one client address; beyond either a new
  // connection is answered 503 / 429 and closed. Idle ones cost a descriptor, not a
  // thread (see http::ConnectionGate).
  int max_connections = 10'000;
  int max_connections_per_address = 256;
  // Time for a request's head, and again for its body, from its first byte; past it
  // the client gets 408 and the connection closes (slow clients hold no thread, but
  // they would hold a descriptor for ever).
  std::chrono::milliseconds request_timeout{20'000};
  // How long a kept-alive connection may wait idle for its next request.
  std::chrono::milliseconds idle_timeout{30'000};
  // A comment on quiet streams this often, so proxies keep them and dead peers show.
  std::chrono::milliseconds stream_heartbeat{15'000};
  // --public-url: the addresses people and connectors reach this server by
  // (https://care.example.com). Requests naming another Host are refused (DNS
  // rebinding), and an https one puts Secure on the session cookie. Empty: any Host
  // passes (a warning at start when not bound to loopback).
  std::vector<std::string> public_urls;
  // --embed-origin: sites that may show the help portal and its chat widget in a frame
  // (CSP frame-ancestors). Empty: no site may; the desktop never may.
  std::vector<std::string> embed_origins;
  // Read-only database connections beside the one writer, so reads never wait for a
  // write to reach the disk (WAL). 0: every read waits its turn at the writer.
  int read_connections = 4;
  // Threads answering reads (GET) at once; 0: chosen from the cores and the store.
  int read_threads = 0;
  // PostgreSQL (--database): the node's pool of connections to it, shared by reads and
  // writes (a unit of work holds one to its end). Every node opens this many, so the
  // database's max_connections bounds nodes × this.
  int database_connections = 8;
  // How often the supervisor's floor samples each queue for its last-hour chart (R-H3).
  std::chrono::milliseconds floor_sample_every{30'000};
  // Attempts to deliver one webhook (issue 18) before it is failed and waits for an
  // admin's retry; they start 1 s apart and double up to 5 min.
  int webhook_attempts = 10;
  // The largest file a chat or email may carry (issue 18), in bytes: a larger upload
  // gets 413 while it arrives. --max-attachment takes 10MB, 512KB or a byte count.
  std::int64_t max_attachment = 10 * 1024 * 1024;

  // Abuse limits (issue 14). Per-address limits key on the client's address: the peer,
  // or behind these reverse proxies the address they forward (X-Forwarded-For).
  std::vector<std::string> trusted_proxies;
  // Password checks at once (each holds 64 MiB for ~0.15 s); beyond, sign-in is 503.
  // 0: the machine's cores, from 2 to 8.
  int sign_in_checks = 0;
  // Event streams one chat (widget token), one session, one address (widgets) may hold.
  int streams_per_chat = 4;
  int streams_per_session = 8;
  int streams_per_address = 20;
  // Stream slots only signed-in agents may take; -1: a quarter of max_streams.
  int stream_reserve = -1;
  // Chats a client address, and a widget Origin, may start a minute (burst the same).
  int chat_starts_per_address = 20;
  int chat_starts_per_origin = 600;
  // Requests a minute per integration key on the connector API (burst a tenth).
  int connector_requests = 6000;
};

struct ConfigError {
  std::string message;
};

struct HelpRequested {};

using ConfigResult = std::variant<Config, ConfigError, HelpRequested>;

// "15s", "500ms", "5d", "2h", "30m" → milliseconds; false if it is not one of those.
bool parse_duration(const std::string& text, std::chrono::milliseconds& out);

// Reads CARE_HOST, CARE_PORT, CARE_DATA, CARE_DATABASE, CARE_WEB_ROOT, CARE_OFFER_TIMEOUT,
// CARE_AUTO_CLOSE_AFTER, CARE_INTEGRATION_KEY, CARE_MAX_STREAMS, CARE_TRUSTED_PROXY
// and the limits' variables (see usage()), then the flags.
ConfigResult parse_config(const std::vector<std::string>& args);

std::string usage();

}  // namespace care::server
