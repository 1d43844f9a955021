#include <gtest/gtest.h>

#include "care/codec/json.hpp"
#include "care/rules/concurrency.hpp"

namespace care {
namespace {

const Time kThen = time_from_unix_ms(1'700'000'000'000);

Request current_request() {
  Request r;
  r.id = 4;
  r.customer = 2;
  r.title = "Printer jam";
  r.created_at = kThen;
  r.updated = Stamp{12, kThen + Duration(5000)};
  r.version = 3;
  return r;
}

TEST(Concurrency, SaveOfTheCurrentVersionGoesAhead) {
  EXPECT_EQ(check_version(current_request(), 3), std::nullopt);
}

TEST(Concurrency, StaleVersionIsAConflictWithWhoAndWhen) {
  const auto conflict = check_version(current_request(), 2);
  ASSERT_TRUE(conflict);
  EXPECT_EQ(conflict->current, current_request());
  EXPECT_EQ(conflict->edited, 2);
  EXPECT_EQ(conflict->changed_by(), 12);
  EXPECT_EQ(conflict->changed_at(), kThen + Duration(5000));
  // A version from the future is just as wrong.
  EXPECT_TRUE(check_version(current_request(), 4));
}

TEST(Concurrency, RecordingAChangeAdvancesVersionAndStamp) {
  Request r = current_request();
  record_change(r, 7, kThen + Duration(9000));
  EXPECT_EQ(r.version, 4);
  EXPECT_EQ(r.updated, (Stamp{7, kThen + Duration(9000)}));
  EXPECT_TRUE(check_version(r, 3));
}

TEST(Concurrency, ConflictBodyCarriesTheCurrentRecord) {
  const auto conflict = check_version(current_request(), 2);
  const Json body = conflict_body(*conflict, "request");
  EXPECT_EQ(body["error"]["code"], "conflict");
  EXPECT_EQ(body["error"]["field"], "version");
  EXPECT_EQ(body["changed_by"], 12);
  EXPECT_EQ(body["changed_at"], "2023-11-14T22:13:25.000Z");
  EXPECT_EQ(decode<Request>(body["current"]).value(), current_request());
  EXPECT_EQ(decode_error_body(body)->code, ErrorCode::conflict);
}

}  // namespace
}  // namespace care
