// PostgresStore: customers and their search (R-D1–D4), as SqliteStore's customers file.
#include <algorithm>
#include <cctype>

#include "store/postgres/pg_rows.hpp"
#include "store/postgres/postgres_store.hpp"

namespace care::server::store {
namespace {

constexpr const char* kCustomerColumns =
    "c.id, c.kind, c.name, c.email, c.phone, c.language, c.location, c.primary_contact_id,"
    " c.account_id, c.created_at, c.updated_by, c.updated_at, c.version";

Customer customer_from_row(const pg::Result& rows, int row) {
  Customer c;
  c.id = rows.integer(row, 0);
  c.kind = enum_from_name<CustomerKind>(rows.text(row, 1)).value_or(CustomerKind::contact);
  c.name = rows.text(row, 2);
  c.email = rows.text(row, 3);
  c.phone = rows.text(row, 4);
  c.language = rows.text(row, 5);
  c.location = rows.text(row, 6);
  c.primary_contact = pg::optional_id(rows, row, 7);
  c.account = pg::optional_id(rows, row, 8);
  c.created_at = pg::time_at(rows, row, 9);
  c.updated = Stamp{pg::optional_id(rows, row, 10).value_or(0), pg::time_at(rows, row, 11)};
  c.version = rows.integer(row, 12);
  return c;
}

std::vector<Customer> customers_from(const pg::Result& rows) {
  std::vector<Customer> found;
  for (int row = 0; row < rows.rows(); ++row)
    found.push_back(customer_from_row(rows, row));
  return found;
}

// The words typed, split where SQLite's search splits them (spaces, tabs, newlines and
// quotes), each matched as the start of a word of the name.
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char ch : text) {
    if (ch == ' ' || ch == '\t' || ch == '"' || ch == '\n') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += ch;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string reversed(std::string text) {
  std::reverse(text.begin(), text.end());
  return text;
}

// A typed word as FTS5 reads a quoted prefix term: split into tokens where it is not a
// letter or digit ("o'brien" is "o" then "brien", "(ma" is "ma"), the tokens in a row
// in the name, the last one as a prefix. As a regular expression for the words' start;
// a token holds only letters and digits, so nothing typed is read as its syntax.
// Empty when the word has no token.
std::string word_pattern(std::string_view word) {
  std::string pattern;
  bool in_token = false;
  for (char ch : word) {
    auto byte = static_cast<unsigned char>(ch);
    bool token_char = byte >= 0x80 || std::isalnum(byte);
    if (token_char) {
      if (!in_token && !pattern.empty()) pattern += "[^[:alnum:]]+";
      pattern += ch;
    }
    in_token = token_char;
  }
  return pattern;
}

// `column` (folded as migration 0012's care_fold folds) has every typed word ($1, $2, …,
// patterns from word_pattern) as a word's start: the exact condition, checked on the
// rows the keys found.
std::string matches_all(const char* column, size_t words) {
  std::string all;
  for (size_t i = 1; i <= words; ++i) {
    if (!all.empty()) all += " AND ";
    all += std::string("care_fold(") + column + ") ~ ('(^|[^[:alnum:]])' || care_fold($" +
           std::to_string(i) + "))";
  }
  return all;
}

// A typed word's first token: its pattern up to the first separator (a token holds only
// letters and digits, so no '[').
std::string first_token(const std::string& pattern) {
  return pattern.substr(0, pattern.find('['));
}

// A key holds at most a word's first 20 letters (migration 0021's care_word_keys).
constexpr int kKeyLetters = 20;

// The ids (`id`) in `keys` (migrations 0020, 0021) whose text has a word starting with
// every typed word's first token ($n+1 … $2n for n words), in id order: one key's rows
// come in id order, and several are joined id by id. The key is the folded token up to
// its first character the keys split words at (a letter or digit to this file, such as
// "’", is not one to PostgreSQL: "gallagher’s" is read through 'gallagher'), cut to
// kKeyLetters letters: a word of up to 20 letters is its own key, a longer one is read
// through its first 20 and the rest checked. With `twice`, only texts with two words
// that start so (a necessary condition for "w + w"). A subquery the planner may not
// merge into the rest (OFFSET 0): the keys are read first, and the rows they name are
// checked after.
std::string ids_with_all(const char* keys, const char* id, size_t words, bool twice) {
  std::string from, where;
  for (size_t i = 0; i < words; ++i) {
    const std::string k = "k" + std::to_string(i);
    from += (i ? " JOIN " : "") + std::string(keys) + " " + k +
            (i ? " ON " + k + "." + id + " = k0." + id : "");
    where += std::string(i ? " AND " : "") + k + ".key = left(substring((SELECT care_fold($" +
             std::to_string(words + i + 1) + ")) FROM '^[[:alnum:]]*'), " +
             std::to_string(kKeyLetters) + ")" + (twice ? " AND " + k + ".tokens >= 2" : "");
  }
  return std::string("(SELECT k0.") + id + " FROM " + from + " WHERE " + where + " ORDER BY k0." +
         id + " OFFSET 0) ids";
}

// The statement's parameters: the words' patterns, their first tokens, then the limit.
std::vector<pg::Param> word_params(const std::vector<std::string>& words, int limit) {
  std::vector<pg::Param> params(words.begin(), words.end());
  for (const std::string& word : words)
    params.push_back(first_token(word));
  params.push_back(pg::param(limit));
  return params;
}

}  // namespace

Customer PostgresStore::create_customer(Customer customer, Id actor) {
  return write([&](pg::Connection& db) {
    pg::Result inserted = db.query(
        "INSERT INTO customers(kind, name, email, phone, phone_key, language, location,"
        " primary_contact_id, account_id, version, created_at, updated_at, updated_by,"
        " phone_key_reversed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $12, $13)"
        " RETURNING id",
        enum_name(customer.kind), customer.name, customer.email, customer.phone,
        phone_key(customer.phone), customer.language, customer.location, customer.primary_contact,
        customer.account, unix_ms(customer.created_at), unix_ms(customer.updated.at),
        nullable_id(actor), reversed(phone_key(customer.phone)));
    customer.id = inserted.integer(0, 0);
    customer.version = 1;
    audit(db, nullable_id(actor), "create", "customer", customer.id, "{}",
          unix_ms(customer.updated.at));
    return customer;
  });
}

std::optional<Customer> PostgresStore::customer(Id id) {
  return read([&](pg::Connection& db) -> std::optional<Customer> {
    auto found = customers_from(db.query(
        std::string("SELECT ") + kCustomerColumns + " FROM customers c WHERE c.id = $1", id));
    if (found.empty()) return std::nullopt;
    return found.front();
  });
}

bool PostgresStore::save_customer(const Customer& customer, Version edited, Id actor) {
  return write([&](pg::Connection& db) {
    pg::Result updated = db.query(
        "UPDATE customers SET kind = $1, name = $2, email = $3, phone = $4, phone_key = $5,"
        " language = $6, location = $7, primary_contact_id = $8, account_id = $9, version = $10,"
        " updated_at = $11, updated_by = $12, phone_key_reversed = $13"
        " WHERE id = $14 AND version = $15",
        enum_name(customer.kind), customer.name, customer.email, customer.phone,
        phone_key(customer.phone), customer.language, customer.location, customer.primary_contact,
        customer.account, customer.version, unix_ms(customer.updated.at), nullable_id(actor),
        reversed(phone_key(customer.phone)), customer.id, edited);
    if (updated.affected() == 0) return false;
    audit(db, nullable_id(actor), "update", "customer", customer.id,
          "{\"version\":" + std::to_string(customer.version) + "}", unix_ms(customer.updated.at));
    return true;
  });
}

std::vector<Customer> PostgresStore::search_customers(std::string_view query, int limit) {
  std::string text(query);
  text.erase(0, text.find_first_not_of(" \t"));
  text.erase(text.find_last_not_of(" \t") + 1);
  if (text.empty()) return {};
  return read([&](pg::Connection& db) {
    std::vector<Customer> found;
    auto add = [&](const pg::Result& rows) {
      for (Customer& c : customers_from(rows)) {
        bool seen = std::any_of(found.begin(), found.end(),
                                [&](const Customer& other) { return other.id == c.id; });
        if (!seen && static_cast<int>(found.size()) < limit) found.push_back(std::move(c));
      }
    };
    const std::string columns = std::string("SELECT ") + kCustomerColumns;
    if (text.find('@') != std::string::npos) {
      // An email prefix, ignoring case, as a byte range the prefix index answers
      // (U+10FFFF, the last character, closes it), in the order of the emails ignoring case.
      add(db.query(columns + " FROM customers c WHERE c.email <> ''"
                             " AND lower(c.email) ~>=~ lower($1)"
                             " AND lower(c.email) ~<~ (lower($1) || chr(1114111))"
                             " ORDER BY lower(c.email) COLLATE \"C\", c.id LIMIT $2",
                   text, limit));
      return found;
    }
    std::string digits = phone_key(text);
    bool looks_like_phone = digits.size() >= 3 && digits.size() * 2 >= text.size();
    if (looks_like_phone) {
      // Digit prefixes as byte ranges (':' follows '9'), which the indexes of 0002 answer.
      add(db.query(columns + " FROM customers c WHERE c.phone_key <> ''"
                             " AND c.phone_key ~>=~ $1 AND c.phone_key ~<~ ($1 || ':')"
                             " ORDER BY c.phone_key COLLATE \"C\", c.id LIMIT $2",
                   digits, limit));
      // A whole number typed in national form ("088…"): the digits after the trunk
      // zeros end the stored number.
      std::string national = digits.substr(std::min(digits.find_first_not_of('0'), digits.size()));
      if (national.size() >= 6 && static_cast<int>(found.size()) < limit) {
        add(db.query(columns + " FROM customers c WHERE c.phone_key_reversed <> ''"
                               " AND c.phone_key_reversed ~>=~ $1"
                               " AND c.phone_key_reversed ~<~ ($1 || ':')"
                               " ORDER BY c.phone_key_reversed COLLATE \"C\", c.id LIMIT $2",
                     reversed(national), limit));
      }
      return found;
    }
    // Names, then request titles, oldest first, as SqliteStore orders them.
    std::vector<std::string> words;
    for (const std::string& word : words_of(text)) {
      if (std::string pattern = word_pattern(word); !pattern.empty()) words.push_back(pattern);
    }
    if (words.empty()) return found;
    const std::string limit_param = "$" + std::to_string(2 * words.size() + 1);
    // The keys name the candidates in id order; each is then read by its id (LATERAL,
    // OFFSET 0: never a scan of the table) and checked against the words' patterns.
    const std::string customer_of =
        " CROSS JOIN LATERAL (SELECT * FROM customers c"
        " WHERE c.id = ids.customer_id OFFSET 0) c WHERE ";
    if (words.size() == 1) {
      // One word typed: names with two words in a row that start so ("Mara Madsen" for
      // "ma") first.
      add(db.run(columns + " FROM " +
                     ids_with_all("customer_name_keys", "customer_id", words.size(), true) +
                     customer_of +
                     "care_fold(c.name) ~ ('(^|[^[:alnum:]])' || care_fold($1) ||"
                     " '[[:alnum:]]*[^[:alnum:]]+' || care_fold($1))"
                     " ORDER BY ids.customer_id LIMIT " +
                     limit_param,
                 word_params(words, limit)));
    }
    if (static_cast<int>(found.size()) < limit) {
      // Those found already come again: read past them.
      add(db.run(columns + " FROM " +
                     ids_with_all("customer_name_keys", "customer_id", words.size(), false) +
                     customer_of + matches_all("c.name", words.size()) +
                     " ORDER BY ids.customer_id LIMIT " + limit_param,
                 word_params(words, limit + static_cast<int>(found.size()))));
    }
    if (static_cast<int>(found.size()) < limit) {
      add(db.run(columns + " FROM " +
                     ids_with_all("request_title_keys", "request_id", words.size(), false) +
                     " CROSS JOIN LATERAL (SELECT r.title, r.customer_id FROM requests r"
                     " WHERE r.id = ids.request_id OFFSET 0) r"
                     " CROSS JOIN LATERAL (SELECT * FROM customers c"
                     " WHERE c.id = r.customer_id OFFSET 0) c WHERE " +
                     matches_all("r.title", words.size()) + " ORDER BY ids.request_id LIMIT " +
                     limit_param,
                 word_params(words, limit)));
    }
    return found;
  });
}

std::optional<Customer> PostgresStore::customer_by_email(std::string_view email) {
  return read([&](pg::Connection& db) -> std::optional<Customer> {
    auto found =
        customers_from(db.query(std::string("SELECT ") + kCustomerColumns +
                                    " FROM customers c WHERE lower(c.email) = lower($1)"
                                    " AND c.email <> '' ORDER BY c.updated_at DESC LIMIT 1",
                                email));
    if (found.empty()) return std::nullopt;
    return found.front();
  });
}

std::optional<Customer> PostgresStore::customer_by_phone(std::string_view phone) {
  std::string digits = phone_key(phone);
  if (digits.empty()) return std::nullopt;
  return read([&](pg::Connection& db) -> std::optional<Customer> {
    auto found = customers_from(db.query(std::string("SELECT ") + kCustomerColumns +
                                             " FROM customers c WHERE c.phone_key = $1"
                                             " AND c.phone_key <> '' ORDER BY c.updated_at DESC"
                                             " LIMIT 1",
                                         digits));
    if (found.empty()) return std::nullopt;
    return found.front();
  });
}

}  // namespace care::server::store
