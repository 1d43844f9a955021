#include "routes/system_routes.hpp"

#include "care/build_info.hpp"
#include "http/responses.hpp"

namespace care::server::routes {

void add_system_routes(http::Router& router, int schema_version,
                       const operations::Metrics& metrics) {
  router.get("/metrics", [&metrics](const httplib::Request&, httplib::Response& res) {
    res.set_content(metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  });
  router.get("/healthz", [schema_version](const httplib::Request&, httplib::Response& res) {
    http::send_json(res, 200, {{"status", "ok"}, {"schema", schema_version}});
  });
  router.get("/api/version", [](const httplib::Request&, httplib::Response& res) {
    http::send_json(res, 200,
                    {{"product", "Care Desktop"}, {"version", std::string(product_version())}});
  });
}

}  // namespace care::server::routes
