#include "routes/system_routes.hpp"

#include "care/build_info.hpp"
#include "http/responses.hpp"

namespace care::server::routes {

void add_system_routes(http::Router& router, const operations::Metrics& metrics,
                       store::Store& store) {
  router.get("/metrics", [&metrics](const httplib::Request&, httplib::Response& res) {
    res.set_content(metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  });
  // A full disk answers 200 "degraded", not 503: this node still serves reads and
  // sign-ins, and no other node has more room (they share the database), so a load
  // balancer that took it out of service would turn refused writes into an outage.
  // Monitoring alerts on "storage": "full" or care_storage_full instead.
  // A database this node cannot reach is 503: nothing but the pages can be served, and
  // other nodes may still reach it (issue 17).
  router.get("/healthz", [&store](const httplib::Request&, httplib::Response& res) {
    const store::StoreHealth health = store.health();
    const char* status = !health.reachable ? "unavailable" : health.full ? "degraded" : "ok";
    if (!health.reachable) res.set_header("Retry-After", "5");
    http::send_json(
        res, health.reachable ? 200 : 503,
        {{"status", status},
         {"schema", store.schema_version()},
         {"storage", health.full ? "full" : "ok"},
         {"database",
          {{"engine", health.engine}, {"state", health.reachable ? "ok" : "unreachable"}}}});
  });
  router.get("/api/version", [](const httplib::Request&, httplib::Response& res) {
    http::send_json(res, 200,
                    {{"product", "Care Desktop"}, {"version", std::string(product_version())}});
  });
}

}  // namespace care::server::routes
