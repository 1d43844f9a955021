#pragma once
// A server that takes ingestion from a gateway holding the key "gateway-key".
#include "config.hpp"

namespace care::server::testing {

inline Config gateway_config() {
  Config config;
  config.integration_key = "gateway-key";
  return config;
}

}  // namespace care::server::testing
