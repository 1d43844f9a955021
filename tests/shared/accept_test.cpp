#include <gtest/gtest.h>

#include <vector>

#include "care/rules/accept.hpp"

namespace care {
namespace {

Request request(Id id, Id customer, std::int64_t created_ms, std::int64_t updated_ms,
                RequestStatus status = RequestStatus::open) {
  Request r;
  r.id = id;
  r.customer = customer;
  r.status = status;
  r.created_at = time_from_unix_ms(created_ms);
  r.updated = Stamp{0, time_from_unix_ms(updated_ms)};
  if (status == RequestStatus::closed) r.closed_at = r.updated.at;
  return r;
}

TEST(Accept, NoOpenRequestCreatesANewOne) {
  EXPECT_EQ(request_for_accept(7, {}), std::nullopt);
  const std::vector<Request> closed = {request(1, 7, 0, 10, RequestStatus::closed)};
  EXPECT_EQ(request_for_accept(7, closed), std::nullopt);
}

TEST(Accept, TheOnlyOpenRequestIsUsed) {
  const std::vector<Request> one = {request(1, 7, 0, 10, RequestStatus::closed),
                                    request(2, 7, 0, 5)};
  EXPECT_EQ(request_for_accept(7, one), 2);
}

TEST(Accept, TheMostRecentOfSeveralOpenRequestsIsUsed) {
  const std::vector<Request> several = {request(1, 7, 100, 500), request(2, 7, 300, 900),
                                        request(3, 7, 200, 700),
                                        request(4, 7, 0, 2000, RequestStatus::closed)};
  EXPECT_EQ(request_for_accept(7, several), 2);
}

TEST(Accept, TiesGoToTheLaterCreatedThenHigherId) {
  const std::vector<Request> same_update = {request(1, 7, 100, 900), request(2, 7, 300, 900)};
  EXPECT_EQ(request_for_accept(7, same_update), 2);
  const std::vector<Request> same_all = {request(5, 7, 100, 900), request(4, 7, 100, 900)};
  EXPECT_EQ(request_for_accept(7, same_all), 5);
}

TEST(Accept, OtherCustomersRequestsAndUnknownContactsAreIgnored) {
  const std::vector<Request> mixed = {request(1, 8, 0, 9999), request(2, 7, 0, 1)};
  EXPECT_EQ(request_for_accept(7, mixed), 2);
  EXPECT_EQ(request_for_accept(std::nullopt, mixed), std::nullopt);
}

}  // namespace
}  // namespace care
