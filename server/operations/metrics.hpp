#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace care::server::operations {

// Prometheus text exposition (R-G4): request counts and latency histograms by
// method, route and status class, plus gauges read when /metrics is scraped.
class Metrics {
 public:
  static constexpr std::array<double, 11> kLatencyBuckets = {
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5};

  void observe_request(const std::string& method, const std::string& route, int status,
                       double seconds);

  // Each sample is {label set like `state="ready"` (or ""), value}.
  using Samples = std::vector<std::pair<std::string, double>>;
  void add_gauge(std::string name, std::string help, std::function<Samples()> read);
  // A counter kept elsewhere (it only goes up), read the same way.
  void add_counter(std::string name, std::string help, std::function<Samples()> read);

  std::string render() const;

 private:
  struct Series {
    std::uint64_t count = 0;
    double sum = 0.0;
    std::array<std::uint64_t, kLatencyBuckets.size()> buckets{};
  };
  struct Gauge {
    std::string name;
    std::string help;
    std::function<Samples()> read;
    const char* type = "gauge";
  };

  mutable std::mutex mutex_;
  // (method, route, status class "2xx") → series
  std::map<std::tuple<std::string, std::string, std::string>, Series> requests_;
  std::vector<Gauge> gauges_;
};

}  // namespace care::server::operations
