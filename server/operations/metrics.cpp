#include "operations/metrics.hpp"

#include <cstdio>
#include <exception>

namespace care::server::operations {
namespace {

std::string number(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

// Label values are ours (methods, documented routes), but escape them anyway.
std::string escaped(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void Metrics::observe_request(const std::string& method, const std::string& route, int status,
                              double seconds) {
  std::string status_class = std::to_string(status / 100) + "xx";
  // Requests no route took (static files, 404s) share one series, so that a scan
  // of random paths cannot grow the series without bound.
  std::string series_route = route.empty() ? "other" : route;
  std::lock_guard lock(mutex_);
  Series& series = requests_[{method, series_route, status_class}];
  ++series.count;
  series.sum += seconds;
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) ++series.buckets[i];
  }
}

void Metrics::add_gauge(std::string name, std::string help, std::function<Samples()> read) {
  std::lock_guard lock(mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

void Metrics::add_counter(std::string name, std::string help, std::function<Samples()> read) {
  std::lock_guard lock(mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read), "counter"});
}

std::string Metrics::render() const {
  std::string out;
  std::vector<Gauge> gauges;
  {
    std::lock_guard lock(mutex_);
    out += "# HELP care_http_requests_total HTTP requests answered.\n";
    out += "# TYPE care_http_requests_total counter\n";
    for (const auto& [key, series] : requests_) {
      const auto& [method, route, status] = key;
      out += "care_http_requests_total{method=\"" + escaped(method) + "\",route=\"" +
             escaped(route) + "\",status=\"" + status + "\"} " + std::to_string(series.count) +
             "\n";
    }
    out += "# HELP care_http_request_duration_seconds Time to answer, by route.\n";
    out += "# TYPE care_http_request_duration_seconds histogram\n";
    for (const auto& [key, series] : requests_) {
      const auto& [method, route, status] = key;
      std::string labels = "method=\"" + escaped(method) + "\",route=\"" + escaped(route) +
                           "\",status=\"" + status + "\"";
      for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
        out += "care_http_request_duration_seconds_bucket{" + labels + ",le=\"" +
               number(kLatencyBuckets[i]) + "\"} " + std::to_string(series.buckets[i]) + "\n";
      }
      out += "care_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
             std::to_string(series.count) + "\n";
      out += "care_http_request_duration_seconds_sum{" + labels + "} " + number(series.sum) + "\n";
      out += "care_http_request_duration_seconds_count{" + labels + "} " +
             std::to_string(series.count) + "\n";
    }
    gauges = gauges_;
  }
  // Gauges are read outside the lock: they may query the store. One that cannot be read
  // (the database is gone: issue 17) is left without samples, so the rest still answer,
  // care_database_up 0 among them, when the operator needs them most.
  for (const Gauge& gauge : gauges) {
    out += "# HELP " + gauge.name + " " + gauge.help + "\n";
    out += "# TYPE " + gauge.name + " " + gauge.type + "\n";
    Samples samples;
    try {
      samples = gauge.read();
    } catch (const std::exception&) {
      continue;
    }
    for (const auto& [labels, value] : samples) {
      out += gauge.name + (labels.empty() ? "" : "{" + labels + "}") + " " + number(value) + "\n";
    }
  }
  return out;
}

}  // namespace care::server::operations
