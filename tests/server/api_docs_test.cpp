// docs/api/openapi.yaml stays true: every route the server answers is documented
// with its method, and every documented operation is served. (The document's own
// validity is checked by Redocly's linter, a CTest test of its own.)
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "test_server.hpp"

namespace care::server {
namespace {

std::set<std::string> documented_operations() {
  std::ifstream file(CARE_SOURCE_DIR "/docs/api/openapi.yaml");
  EXPECT_TRUE(file.good());
  static const std::regex path_line(R"(^  (/[^:]*):\s*$)");
  static const std::regex method_line(R"(^    (get|post|put|patch|delete):\s*$)");
  std::set<std::string> operations;
  std::string path;
  for (std::string line; std::getline(file, line);) {
    std::smatch match;
    if (std::regex_match(line, match, path_line)) {
      path = match[1];
    } else if (!path.empty() && std::regex_match(line, match, method_line)) {
      std::string method = match[1];
      for (char& c : method)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      operations.insert(method + " " + path);
    } else if (!line.empty() && line[0] != ' ') {
      path.clear();  // left the paths section
    }
  }
  return operations;
}

TEST(ApiDocs, EveryRouteIsDocumentedAndEveryDocumentedOperationIsServed) {
  testing::TestServer server;
  std::set<std::string> served;
  for (const auto& route : server.app().router().routes())
    served.insert(route.method + " " + route.path);
  std::set<std::string> documented = documented_operations();
  ASSERT_FALSE(documented.empty());
  for (const auto& operation : served)
    EXPECT_TRUE(documented.count(operation)) << "undocumented: " << operation;
  for (const auto& operation : documented)
    EXPECT_TRUE(served.count(operation)) << "not served: " << operation;
}

}  // namespace
}  // namespace care::server
