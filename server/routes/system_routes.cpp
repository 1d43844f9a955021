#include "routes/system_routes.hpp"

#include "care/build_info.hpp"
#include "http/responses.hpp"

namespace care::server::routes {

void add_system_routes(http::Router& router, int schema_version) {
  router.get("/healthz", [schema_version](const httplib::Request&, httplib::Response& res) {
    http::send_json(res, 200, {{"status", "ok"}, {"schema", schema_version}});
  });
  router.get("/api/version", [](const httplib::Request&, httplib::Response& res) {
    http::send_json(res, 200,
                    {{"product", "Care Desktop"}, {"version", std::string(product_version())}});
  });
}

}  // namespace care::server::routes
