#include "routes/system_routes.hpp"

#include "care/build_info.hpp"
#include "http/responses.hpp"

namespace care::server::routes {

void add_system_routes(http::Router& router, int schema_version, const operations::Metrics& metrics,
                       const store::StorageState& storage) {
  router.get("/metrics", [&metrics](const httplib::Request&, httplib::Response& res) {
    res.set_content(metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  });
  // A full disk answers 200 "degraded", not 503: this node still serves reads and
  // sign-ins, and no other node has more room (they share the database), so a load
  // balancer that took it out of service would turn refused writes into an outage.
  // Monitoring alerts on "storage": "full" or care_storage_full instead.
  router.get("/healthz",
             [schema_version, &storage](const httplib::Request&, httplib::Response& res) {
               const bool full = storage.full();
               http::send_json(res, 200,
                               {{"status", full ? "degraded" : "ok"},
                                {"schema", schema_version},
                                {"storage", full ? "full" : "ok"}});
             });
  router.get("/api/version", [](const httplib::Request&, httplib::Response& res) {
    http::send_json(res, 200,
                    {{"product", "Care Desktop"}, {"version", std::string(product_version())}});
  });
}

}  // namespace care::server::routes
