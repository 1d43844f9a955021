// SqliteStore: customers and their search (R-D1–D4).
#include <algorithm>
#include <cctype>

#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"

namespace care::server::store {
namespace {

constexpr const char* kCustomerColumns =
    "c.id, c.kind, c.name, c.email, c.phone, c.language, c.location, c.primary_contact_id,"
    " c.account_id, c.created_at, c.updated_by, c.updated_at, c.version";

Customer customer_from_row(const Statement& row) {
  Customer c;
  c.id = row.column_int(0);
  c.kind = enum_from_name<CustomerKind>(row.column_text(1)).value_or(CustomerKind::contact);
  c.name = row.column_text(2);
  c.email = row.column_text(3);
  c.phone = row.column_text(4);
  c.language = row.column_text(5);
  c.location = row.column_text(6);
  c.primary_contact = optional_id(row, 7);
  c.account = optional_id(row, 8);
  c.created_at = time_from_unix_ms(row.column_int(9));
  c.updated = Stamp{row.column_int(10), time_from_unix_ms(row.column_int(11))};
  c.version = row.column_int(12);
  return c;
}

std::vector<Customer> customers_from(Statement& statement) {
  std::vector<Customer> found;
  while (statement.step())
    found.push_back(customer_from_row(statement));
  statement.reset();
  return found;
}

// "Мария Ив" → "\"мария\"* \"ив\"*": every word as a quoted prefix, so the customer's
// text can never be read as FTS5 query syntax.
std::string prefix_query(std::string_view text) {
  std::string query;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!query.empty()) query += ' ';
    query += '"' + word + "\"*";
    word.clear();
  };
  for (char ch : text) {
    if (ch == ' ' || ch == '\t' || ch == '"' || ch == '\n') {
      flush();
    } else {
      word += ch;
    }
  }
  flush();
  return query;
}

std::string reversed(std::string text) {
  std::reverse(text.begin(), text.end());
  return text;
}

}  // namespace

std::string phone_key(std::string_view phone) {
  std::string digits;
  for (char ch : phone) {
    if (std::isdigit(static_cast<unsigned char>(ch))) digits += ch;
  }
  return digits;
}

Customer SqliteStore::create_customer(Customer customer, Id actor) {
  std::lock_guard lock(mutex_);
  db_.transaction([&] {
    db_.prepare(
           "INSERT INTO customers(kind, name, email, phone, phone_key, language, location,"
           " primary_contact_id, account_id, version, created_at, updated_at, updated_by,"
           " phone_key_reversed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)")
        .bind(1, enum_name(customer.kind))
        .bind(2, customer.name)
        .bind(3, customer.email)
        .bind(4, customer.phone)
        .bind(5, phone_key(customer.phone))
        .bind(6, customer.language)
        .bind(7, customer.location)
        .bind(8, customer.primary_contact)
        .bind(9, customer.account)
        .bind(10, unix_ms(customer.created_at))
        .bind(11, unix_ms(customer.updated.at))
        .bind(12, nullable_id(actor))
        .bind(13, reversed(phone_key(customer.phone)))
        .run();
    customer.id = db_.last_insert_id();
    customer.version = 1;
    audit(nullable_id(actor), "create", "customer", customer.id, "{}",
          unix_ms(customer.updated.at));
  });
  return customer;
}

std::optional<Customer> SqliteStore::customer(Id id) {
  Reading reading(*this);
  Statement& select =
      db_.prepare(std::string("SELECT ") + kCustomerColumns + " FROM customers c WHERE c.id = ?");
  select.bind(1, id);
  auto found = customers_from(select);
  if (found.empty()) return std::nullopt;
  return found.front();
}

bool SqliteStore::save_customer(const Customer& customer, Version edited, Id actor) {
  std::lock_guard lock(mutex_);
  return db_.transaction([&] {
    db_.prepare(
           "UPDATE customers SET kind = ?, name = ?, email = ?, phone = ?, phone_key = ?,"
           " language = ?, location = ?, primary_contact_id = ?, account_id = ?, version = ?,"
           " updated_at = ?, updated_by = ?, phone_key_reversed = ? WHERE id = ? AND version = ?")
        .bind(1, enum_name(customer.kind))
        .bind(2, customer.name)
        .bind(3, customer.email)
        .bind(4, customer.phone)
        .bind(5, phone_key(customer.phone))
        .bind(6, customer.language)
        .bind(7, customer.location)
        .bind(8, customer.primary_contact)
        .bind(9, customer.account)
        .bind(10, customer.version)
        .bind(11, unix_ms(customer.updated.at))
        .bind(12, nullable_id(actor))
        .bind(13, reversed(phone_key(customer.phone)))
        .bind(14, customer.id)
        .bind(15, edited)
        .run();
    if (db_.changes() == 0) return false;
    audit(nullable_id(actor), "update", "customer", customer.id,
          "{\"version\":" + std::to_string(customer.version) + "}", unix_ms(customer.updated.at));
    return true;
  });
}

std::vector<Customer> SqliteStore::search_customers(std::string_view query, int limit) {
  std::string text(query);
  text.erase(0, text.find_first_not_of(" \t"));
  text.erase(text.find_last_not_of(" \t") + 1);
  if (text.empty()) return {};
  Reading reading(*this);
  std::vector<Customer> found;
  auto add = [&](Statement& statement) {
    for (Customer& c : customers_from(statement)) {
      bool seen = std::any_of(found.begin(), found.end(),
                              [&](const Customer& other) { return other.id == c.id; });
      if (!seen && static_cast<int>(found.size()) < limit) found.push_back(std::move(c));
    }
  };
  const std::string columns = std::string("SELECT ") + kCustomerColumns;
  if (text.find('@') != std::string::npos) {
    // An email prefix: the NOCASE index answers a range query. The indexes are partial
    // (no empty values), and SQLite uses one only when the query repeats its condition.
    Statement& by_email = db_.prepare(
        columns +
        " FROM customers c WHERE c.email >= ? COLLATE NOCASE AND c.email < ? COLLATE NOCASE"
        " AND c.email <> '' ORDER BY c.email COLLATE NOCASE LIMIT ?");
    by_email.bind(1, text).bind(2, text + "\xF4\x8F\xBF\xBF").bind(3, limit);
    add(by_email);
    return found;
  }
  std::string digits = phone_key(text);
  bool looks_like_phone = digits.size() >= 3 && digits.size() * 2 >= text.size();
  if (looks_like_phone) {
    Statement& by_phone = db_.prepare(columns +
                                      " FROM customers c WHERE c.phone_key >= ? AND c.phone_key < ?"
                                      " AND c.phone_key <> '' ORDER BY c.phone_key LIMIT ?");
    by_phone.bind(1, digits).bind(2, digits + ":").bind(3, limit);  // ':' follows '9'
    add(by_phone);
    // A whole number typed in national form ("088…"): the digits after the trunk
    // zeros end the stored number.
    std::string national = digits.substr(std::min(digits.find_first_not_of('0'), digits.size()));
    if (national.size() >= 6 && static_cast<int>(found.size()) < limit) {
      std::string tail = reversed(national);
      Statement& by_suffix =
          db_.prepare(columns +
                      " FROM customers c WHERE c.phone_key_reversed >= ?"
                      " AND c.phone_key_reversed < ? AND c.phone_key_reversed <> ''"
                      " ORDER BY c.phone_key_reversed LIMIT ?");
      by_suffix.bind(1, tail).bind(2, tail + ":").bind(3, limit);
      add(by_suffix);
    }
    return found;
  }
  // Names and titles come oldest first, read from the index in its own order until the
  // limit. Ranking (bm25) scored every match and first counted each word's matches
  // over the whole index: 60–260 ms when a word of 1–3 letters matched tens of
  // thousands of names (those have their own prefix index, migration 0011). A name
  // matches every word typed, so rank told names apart by little more than how many
  // of their words matched, and equal ranks came oldest first.
  std::string match = prefix_query(text);
  // Only quotes and spaces typed: no word to look for (an empty MATCH is an error).
  if (match.empty()) return found;
  Statement& by_name = db_.prepare(columns +
                                   " FROM customers_search s JOIN customers c ON c.id = s.rowid"
                                   " WHERE customers_search MATCH ? ORDER BY s.rowid LIMIT ?");
  if (match.find(' ') == std::string::npos) {
    // One word typed: names with two words that start so ("Mara Madsen" for "ma")
    // ranked first, so they come first here too.
    by_name.bind(1, match + " + " + match).bind(2, limit);
    add(by_name);
  }
  if (static_cast<int>(found.size()) < limit) {
    // Those found already come again: read past them.
    by_name.bind(1, match).bind(2, limit + static_cast<int>(found.size()));
    add(by_name);
  }
  if (static_cast<int>(found.size()) < limit) {
    Statement& by_title = db_.prepare(columns +
                                      " FROM requests_search s JOIN requests r ON r.id = s.rowid"
                                      " JOIN customers c ON c.id = r.customer_id"
                                      " WHERE requests_search MATCH ? ORDER BY s.rowid LIMIT ?");
    by_title.bind(1, match).bind(2, limit);
    add(by_title);
  }
  return found;
}

std::optional<Customer> SqliteStore::customer_by_email(std::string_view email) {
  Reading reading(*this);
  Statement& select = db_.prepare(std::string("SELECT ") + kCustomerColumns +
                                  " FROM customers c WHERE c.email = ? COLLATE NOCASE"
                                  " AND c.email <> '' ORDER BY c.updated_at DESC LIMIT 1");
  select.bind(1, email);
  auto found = customers_from(select);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<Customer> SqliteStore::customer_by_phone(std::string_view phone) {
  std::string digits = phone_key(phone);
  if (digits.empty()) return std::nullopt;
  Reading reading(*this);
  Statement& select = db_.prepare(std::string("SELECT ") + kCustomerColumns +
                                  " FROM customers c WHERE c.phone_key = ? AND c.phone_key <> ''"
                                  " ORDER BY c.updated_at DESC LIMIT 1");
  select.bind(1, digits);
  auto found = customers_from(select);
  if (found.empty()) return std::nullopt;
  return found.front();
}

}  // namespace care::server::store
