#include "http/request_scope.hpp"

#include <chrono>

namespace care::server::http::request_scope {
namespace {

struct Scope {
  std::chrono::steady_clock::time_point start;
  const std::string* route = nullptr;
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

}  // namespace care::server::http::request_scope
