// bench_customer_search: 1,000,000 customers (multilingual names like the demo's,
// emails, phones) and 200,000 requests in the database; GET /api/customers?q= timed
// over many queries of each kind the search answers: name word prefixes of 1 to 5
// letters, whole surnames, first names, full names, an email prefix, phone digits
// (international and national form) and a request title word. Prints p50/p99 per
// kind at each size asked (growth shows across them). Figures only, no pass/fail
// (issues 5 and 15).
//
//   bench_customer_search [--customers N[,N...]] [--requests N] [--queries Q]
//                         [--keep DIR] [--server PATH] [--dir DIR]
//
// The rows go straight into the SQLite file before the server starts (one
// transaction, the schema's own triggers fill the FTS5 indexes). Requests default to
// a fifth of the customers. --keep DIR seeds DIR/N/data once per size and reuses it
// on later runs with the same counts.
#include <sqlite3.h>

#include <array>
#include <random>
#include <string_view>

#include "bench_support.hpp"
#include "care/url.hpp"
#include "demo/demo_data.hpp"

using namespace care::bench;

namespace {

constexpr const char* kUsage =
    "usage: bench_customer_search [--customers N[,N...]] [--requests N] [--queries Q]\n"
    "                             [--keep DIR] [--server PATH] [--dir DIR]\n";

// More names per language than the demo's eight, built the way each language builds
// them, so a surname prefix matches hundreds or thousands of people, not a tenth of
// the table. Index = the demo's language order (bg, hu, da, sr-Latn, uk, en).
struct NameParts {
  std::array<std::string_view, 8> more_first;
  std::array<std::string_view, 16> roots;
  std::array<std::string_view, 4> middles;
  std::array<std::string_view, 6> endings;
};

constexpr std::array<NameParts, 6> kParts = {{
    {{"Александър", "Виктория", "Калина", "Стефан", "Цветелина", "Борислав", "Йорданка", "Христо"},
     {"Арс", "Бож", "Вел", "Гор", "Драг", "Жел", "Злат", "Кир", "Люб", "Мил", "Нед", "Пав", "Рад",
      "Слав", "Тих", "Цвет"},
     {"ен", "ан", "ин", ""},
     {"ов", "ова", "ев", "ева", "ски", "ска"}},
    {{"Dóra", "Ferenc", "Hajnalka", "Imre", "Judit", "Kristóf", "Noémi", "Zoltán"},
     {"Bal", "Fek", "Hal", "Kár", "Lak", "Mes", "Nád", "Rác", "Sár", "Tam", "Vég", "Zöl", "Bod",
      "Csi", "Fer", "Gyu"},
     {"o", "a", "e", ""},
     {"s", "si", "ter", "nyi", "di", "gó"}},
    {{"Astrid", "Frederik", "Karen", "Magnus", "Nanna", "Rasmus", "Signe", "Thor"},
     {"Mad", "Kjær", "Dam", "Lund", "Holm", "Berg", "Skov", "Vest", "Bro", "Fisk", "Kro", "Møl",
      "Riis", "Strand", "Thom", "Ebbe"},
     {"", "e", "s", "ing"},
     {"sen", "gaard", "holm", "lund", "by", "strup"}},
    {{"Dragana", "Filip", "Jovana", "Luka", "Mina", "Nemanja", "Sanja", "Vuk"},
     {"Mil", "Rad", "Vuk", "Drag", "Bran", "Ljub", "Pet", "Živ", "Stoj", "Đur", "Ran", "Vel", "Zor",
      "Jak", "Nen", "Stev"},
     {"o", "i", "a", ""},
     {"ović", "ević", "ić", "kić", "anović", "ković"}},
    {{"Василь", "Галина", "Дмитро", "Людмила", "Максим", "Софія", "Остап", "Христина"},
     {"Бой", "Гон", "Дац", "Зуб", "Кли", "Лев", "Мар", "Осі", "Пет", "Рог", "Сав", "Тка", "Фед",
      "Хом", "Шев", "Яре"},
     {"ч", "ен", "ар", ""},
     {"енко", "ук", "чук", "ський", "ишин", "ак"}},
    {{"Charlotte", "Daniel", "Grace", "Henry", "Lucy", "Samuel", "Sophie", "William"},
     {"Ash", "Black", "Brad", "Clark", "Down", "Elm", "Fair", "Green", "Hart", "King", "Lang",
      "Mor", "North", "Red", "Stan", "West"},
     {"", "er", "ing", "s"},
     {"ton", "ford", "wood", "ley", "field", "by"}},
}};

// Latin letters for an email address from a name in any of the seed scripts.
std::string ascii(std::string_view name) {
  static const std::pair<std::string_view, std::string_view> kMap[] = {
      {"а", "a"},  {"б", "b"},  {"в", "v"},  {"г", "g"},   {"д", "d"},   {"е", "e"},  {"ж", "zh"},
      {"з", "z"},  {"и", "i"},  {"й", "y"},  {"к", "k"},   {"л", "l"},   {"м", "m"},  {"н", "n"},
      {"о", "o"},  {"п", "p"},  {"р", "r"},  {"с", "s"},   {"т", "t"},   {"у", "u"},  {"ф", "f"},
      {"х", "h"},  {"ц", "ts"}, {"ч", "ch"}, {"ш", "sh"},  {"щ", "sht"}, {"ъ", "a"},  {"ь", ""},
      {"ю", "yu"}, {"я", "ya"}, {"є", "ye"}, {"і", "i"},   {"ї", "yi"},  {"ґ", "g"},  {"А", "a"},
      {"Б", "b"},  {"В", "v"},  {"Г", "h"},  {"Д", "d"},   {"Е", "e"},   {"Ж", "zh"}, {"З", "z"},
      {"И", "i"},  {"Й", "y"},  {"К", "k"},  {"Л", "l"},   {"М", "m"},   {"Н", "n"},  {"О", "o"},
      {"П", "p"},  {"Р", "r"},  {"С", "s"},  {"Т", "t"},   {"У", "u"},   {"Ф", "f"},  {"Х", "h"},
      {"Ц", "ts"}, {"Ч", "ch"}, {"Ш", "sh"}, {"Щ", "sht"}, {"Ю", "yu"},  {"Я", "ya"}, {"І", "i"},
      {"Є", "ye"}, {"á", "a"},  {"é", "e"},  {"í", "i"},   {"ó", "o"},   {"ö", "o"},  {"ő", "o"},
      {"ú", "u"},  {"ü", "u"},  {"ű", "u"},  {"Ö", "o"},   {"Ü", "u"},   {"ø", "o"},  {"æ", "ae"},
      {"å", "a"},  {"Ø", "o"},  {"Æ", "ae"}, {"Å", "a"},   {"š", "s"},   {"đ", "dj"}, {"č", "c"},
      {"ć", "c"},  {"ž", "z"},  {"Š", "s"},  {"Đ", "dj"},  {"Č", "c"},   {"Ć", "c"},  {"Ž", "z"},
      {"É", "e"},  {"Á", "a"},  {"Ó", "o"}};
  std::string out;
  for (size_t i = 0; i < name.size();) {
    unsigned char lead = static_cast<unsigned char>(name[i]);
    size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    std::string_view ch = name.substr(i, length);
    i += length;
    if (length == 1) {
      if (std::isalpha(lead)) out += static_cast<char>(std::tolower(lead));
      continue;
    }
    for (const auto& [from, to] : kMap) {
      if (from == ch) {
        out += to;
        break;
      }
    }
  }
  return out;
}

// The first `characters` characters of UTF-8 text.
std::string first_chars(std::string_view text, size_t characters) {
  size_t cut = 0;
  for (size_t n = 0; n < characters && cut < text.size(); ++n) {
    unsigned char lead = static_cast<unsigned char>(text[cut]);
    cut += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  }
  return std::string(text.substr(0, std::min(cut, text.size())));
}

size_t characters(std::string_view text) {
  size_t n = 0;
  for (char ch : text)
    n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

struct Person {
  std::string first;
  std::string last;
  std::string name;
  std::string email;
  std::string phone;
  std::string language;
};

// Customer number i, always the same for the same i (so queries can be drawn from
// the table without keeping it in memory).
Person person(long i) {
  std::mt19937_64 random(static_cast<std::uint64_t>(i) * 0x9E3779B97F4A7C15ULL + 17);
  const auto& language = care::server::demo::kLanguages[random() % 6];
  const auto& parts =
      kParts[static_cast<size_t>(&language - care::server::demo::kLanguages.data())];
  Person p;
  p.language = language.code;
  p.first = random() % 2 ? std::string(language.first_names[random() % 8])
                         : std::string(parts.more_first[random() % 8]);
  if (random() % 4 == 0) {
    p.last = language.last_names[random() % 8];  // the common names stay common
  } else {
    p.last = std::string(parts.roots[random() % 16]) + std::string(parts.middles[random() % 4]) +
             std::string(parts.endings[random() % 6]);
  }
  p.name = p.first + " " + p.last;
  std::string f = ascii(p.first), l = ascii(p.last);
  switch (random() % 3) {
    case 0:
      p.email = f + "." + l;
      break;
    case 1:
      p.email = f + "." + l + std::to_string(random() % 100);
      break;
    default:
      p.email = f.substr(0, 1) + l + std::to_string(random() % 1000);
      break;
  }
  p.email += random() % 3 ? "@" + std::string(language.email_domain) : "@mail.example.net";
  char digits[16];
  std::snprintf(digits, sizeof digits, "%03d %04d", static_cast<int>(random() % 1000),
                static_cast<int>(random() % 10000));
  p.phone = std::string(language.phone_prefix) + " " + digits;
  return p;
}

std::string digits_of(std::string_view text) {
  std::string out;
  for (char ch : text) {
    if (ch >= '0' && ch <= '9') out += ch;
  }
  return out;
}

struct Db {
  sqlite3* db = nullptr;
  explicit Db(const fs::path& path) {
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) fail("open " + path.string());
  }
  ~Db() { sqlite3_close(db); }
  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      fail(std::string(error ? error : "?") + " in " + sql);
    }
  }
  long long scalar(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) return -1;
    long long value =
        sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : -1;
    sqlite3_finalize(statement);
    return value;
  }
  sqlite3_stmt* prepare(const char* sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) fail(sqlite3_errmsg(db));
    return statement;
  }
  void step(sqlite3_stmt* statement) {
    if (sqlite3_step(statement) != SQLITE_DONE) fail(sqlite3_errmsg(db));
    sqlite3_reset(statement);
  }
};

void bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
  sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

// Customers and requests in one transaction; the schema's triggers fill
// customers_search and requests_search as they would one insert at a time.
void seed(const fs::path& db_path, long customers, long requests) {
  {
    // Migrations, and the agent whose session searches.
    care::server::store::SqliteStore store(db_path.string());
    seed_accounts(store, "agent", 1, care::server::store::Role::Agent);
  }
  Db db(db_path);
  db.exec("PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY; BEGIN");
  sqlite3_stmt* customer = db.prepare(
      "INSERT INTO customers(id, kind, name, email, phone, phone_key, phone_key_reversed, language,"
      " created_at, updated_at) VALUES (?1, 'contact', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
  std::int64_t at = wall_ms() - customers * 1000;
  for (long i = 1; i <= customers; ++i) {
    Person p = person(i);
    std::string key = digits_of(p.phone);
    std::string reversed(key.rbegin(), key.rend());
    sqlite3_bind_int64(customer, 1, i);
    bind_text(customer, 2, p.name);
    bind_text(customer, 3, p.email);
    bind_text(customer, 4, p.phone);
    bind_text(customer, 5, key);
    bind_text(customer, 6, reversed);
    bind_text(customer, 7, p.language);
    sqlite3_bind_int64(customer, 8, at + i * 1000);
    db.step(customer);
  }
  sqlite3_finalize(customer);
  sqlite3_stmt* request = db.prepare(
      "INSERT INTO requests(customer_id, title, status, created_at, updated_at, last_activity_at)"
      " VALUES (?1, ?2, ?3, ?4, ?4, ?4)");
  std::mt19937_64 random(42);
  for (long r = 0; r < requests; ++r) {
    long owner = static_cast<long>(random() % static_cast<std::uint64_t>(customers)) + 1;
    const auto& language = care::server::demo::kLanguages[random() % 6];
    sqlite3_bind_int64(request, 1, owner);
    bind_text(request, 2, std::string(language.questions[random() % 6]));
    bind_text(request, 3, random() % 5 ? "closed" : "open");
    sqlite3_bind_int64(request, 4, at + r * 5000);
    db.step(request);
  }
  sqlite3_finalize(request);
  db.exec("COMMIT");
}

struct Kind {
  std::string label;
  std::vector<std::string> queries;
  std::vector<double> ms;
  std::vector<double> hits;
};

// The searches of one size: seeds (or reuses) the database, starts a server on it,
// times each kind of query and prints the figures.
void measure(long customers, long requests, int queries, const std::string& server,
             const std::string& keep, const std::string& dir) {
  fs::path root =
      !keep.empty() ? fs::path(keep) / std::to_string(customers) : work_dir(dir, "search");
  fs::path db_path = root / "data" / "care.db";
  fs::create_directories(root / "data");
  bool reuse = false;
  if (!keep.empty() && fs::exists(db_path)) {
    Db db(db_path);
    reuse = db.scalar("SELECT COUNT(*) FROM customers") == customers &&
            db.scalar("SELECT COUNT(*) FROM requests") == requests;
    if (!reuse) fail(db_path.string() + " holds other counts; remove it or pick another --keep");
  }
  auto seeding = Clock::now();
  if (!reuse) {
    seed(db_path, customers, requests);
    std::printf("seeded %ld customers and %ld requests in %.1f s (%.0f MB)\n", customers, requests,
                ms(Clock::now() - seeding) / 1000,
                static_cast<double>(fs::file_size(db_path)) / 1e6);
  } else {
    std::printf("reusing %s: %ld customers, %ld requests (%.0f MB)\n", db_path.c_str(), customers,
                requests, static_cast<double>(fs::file_size(db_path)) / 1e6);
  }

  // Queries drawn from the rows: what an agent would type about a real customer.
  std::mt19937_64 random(7);
  auto someone = [&] {
    return person(static_cast<long>(random() % static_cast<std::uint64_t>(customers)) + 1);
  };
  std::mt19937_64 more(11);
  auto someone_else = [&] {
    return person(static_cast<long>(more() % static_cast<std::uint64_t>(customers)) + 1);
  };
  std::vector<Kind> kinds;
  for (const char* label :
       {"name, 1 letter of a surname", "name, 2 letters (typing)", "name, 3 letters of a surname",
        "name, 4 letters of a surname", "name, 5 letters of a surname", "name, a whole surname",
        "name, a first name alone", "name, first name + surname start",
        "name, first name + whole surname", "email, local part + @ + domain start",
        "phone, international digits prefix", "phone, national form (suffix)",
        "request title word"})
    kinds.push_back(Kind{label, {}, {}, {}});
  for (int q = 0; q < queries; ++q) {
    Person p = someone();
    kinds[2].queries.push_back(first_chars(p.last, 3));
    kinds[1].queries.push_back(first_chars(someone().last, 2));
    Person other = someone();
    kinds[7].queries.push_back(other.first + " " + first_chars(other.last, 3));
    Person mail = someone();
    kinds[9].queries.push_back(mail.email.substr(0, mail.email.find('@') + 4));
    Person phone = someone();
    kinds[10].queries.push_back(phone.phone.substr(0, phone.phone.size() - 5));  // "+359 88 123"
    // "+359 88 123 4567" → "088 123 4567": a trunk zero and the national number.
    std::string national = phone.phone.substr(phone.phone.find(' ') + 1);
    kinds[11].queries.push_back("0" + national);
    const auto& language = care::server::demo::kLanguages[random() % 6];
    std::string title(language.questions[random() % 6]);
    std::vector<std::string> words;
    size_t start = 0;
    while (start < title.size()) {
      size_t end = title.find_first_of(" ?,.!", start);
      if (end == std::string::npos) end = title.size();
      std::string word = title.substr(start, end - start);
      if (characters(word) >= 4) words.push_back(word);
      start = end + 1;
    }
    if (words.empty()) words.push_back(title.substr(0, title.find(' ')));
    kinds[12].queries.push_back(words[random() % words.size()]);
    // The kinds added in issue 15 draw from their own sequence, so the ones above
    // stay the queries earlier runs measured.
    kinds[0].queries.push_back(first_chars(someone_else().last, 1));
    kinds[3].queries.push_back(first_chars(someone_else().last, 4));
    kinds[4].queries.push_back(first_chars(someone_else().last, 5));
    kinds[5].queries.push_back(someone_else().last);
    kinds[6].queries.push_back(someone_else().first);
    Person full = someone_else();
    kinds[8].queries.push_back(full.first + " " + full.last);
  }

  ServerProcess process(server, root / "data", {});
  Connection api(process.port());
  const std::string token = token_for("agent", 0);
  auto search = [&](const std::string& q, double& hits) {
    auto start = Clock::now();
    auto reply = api.exchange("GET", "/api/customers?q=" + care::percent_encode(q), token);
    double took = ms(Clock::now() - start);
    if (reply.status != 200)
      fail("search " + q + ": " + std::to_string(reply.status) + " " + reply.body);
    // Count hits without a full parse: each customer has one "kind" field.
    hits = 0;
    for (size_t at = 0; (at = reply.body.find("\"kind\":", at)) != std::string::npos; ++at)
      hits += 1;
    return took;
  };
  // Warm the page cache the way a running server's would be: a few of each kind.
  double ignored;
  for (auto& kind : kinds) {
    for (int i = 0; i < std::min(queries, 20); ++i)
      search(kind.queries[static_cast<size_t>(i)], ignored);
  }
  // Interleave the kinds so each sees the same cache and machine.
  auto measuring = Clock::now();
  for (int q = 0; q < queries; ++q) {
    for (auto& kind : kinds) {
      double hits = 0;
      kind.ms.push_back(search(kind.queries[static_cast<size_t>(q)], hits));
      kind.hits.push_back(hits);
    }
  }
  double measured_s = ms(Clock::now() - measuring) / 1000;
  ProcStatus status = proc_status(process.pid());
  process.stop();
  if (keep.empty()) fs::remove_all(root);

  std::printf(
      "GET /api/customers?q= over %ld customers and %ld requests, %d queries of each kind"
      " (one client, keep-alive; %.1f s):\n",
      customers, requests, queries, measured_s);
  std::vector<double> all;
  const Kind* worst = &kinds.front();
  for (const auto& kind : kinds) {
    std::printf(
        "  %-38s p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms  hits p50 %2.0f"
        "  e.g. \"%s\"\n",
        kind.label.c_str(), percentile(kind.ms, 0.5), percentile(kind.ms, 0.9),
        percentile(kind.ms, 0.99), *std::max_element(kind.ms.begin(), kind.ms.end()),
        percentile(kind.hits, 0.5), kind.queries.front().c_str());
    all.insert(all.end(), kind.ms.begin(), kind.ms.end());
    if (percentile(kind.ms, 0.99) > percentile(worst->ms, 0.99)) worst = &kind;
  }
  std::printf("  %-38s p50 %7.2f ms  p99 %7.2f ms; the worst kind's p99 %.2f ms (%s)\n",
              "all kinds", percentile(all, 0.5), percentile(all, 0.99), percentile(worst->ms, 0.99),
              worst->label.c_str());
  std::printf("server after the run: RSS %.1f MB (peak %.1f MB)\n\n",
              static_cast<double>(status.rss_kb) / 1024, static_cast<double>(status.hwm_kb) / 1024);
}

}  // namespace

int main(int argc, char** argv) {
  g_name = "bench_customer_search";
  Flags flags(argc, argv, {"--customers", "--requests", "--queries", "--keep", "--server", "--dir"},
              kUsage);
  std::vector<long> sizes;
  std::string list = flags.text("--customers", "10000,100000,1000000");
  for (size_t at = 0; at < list.size();) {
    size_t comma = std::min(list.find(',', at), list.size());
    long size = std::atol(list.substr(at, comma - at).c_str());
    if (size < 1) fail("--customers needs sizes such as 10000,1000000");
    sizes.push_back(size);
    at = comma + 1;
  }
  const int queries = std::max(1, flags.integer("--queries", 300));
  for (long customers : sizes) {
    long requests = flags.has("--requests") ? flags.integer("--requests", 0) : customers / 5;
    measure(customers, requests, queries, flags.text("--server", CARE_SERVER_BIN),
            flags.text("--keep", ""), flags.text("--dir", ""));
  }
  return 0;
}
