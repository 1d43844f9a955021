#include "http/request_scope.hpp"

#include <chrono>
#include <utility>

namespace care::server::http::request_scope {
namespace {

struct Scope {
  std::chrono::steady_clock::time_point start;
  const std::string* route = nullptr;
  HandOff hand_off;
};

thread_local Scope scope;
const std::string kNoRoute;

}  // namespace

void begin() {
  begin(std::chrono::steady_clock::now());
}

void begin(std::chrono::steady_clock::time_point start) {
  scope.start = start;
  scope.route = nullptr;
  // Not taken by the last request (its server was not an HttpServer): dropped, and
  // whatever it held (a subscription) is released.
  scope.hand_off = nullptr;
}

void set_route(const std::string* route) {
  scope.route = route;
}

const std::string& route() {
  return scope.route ? *scope.route : kNoRoute;
}

double elapsed_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - scope.start).count();
}

void hand_off(HandOff take) {
  scope.hand_off = std::move(take);
}

HandOff take_hand_off() {
  return std::exchange(scope.hand_off, nullptr);
}

}  // namespace care::server::http::request_scope
