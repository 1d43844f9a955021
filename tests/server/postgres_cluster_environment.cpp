// Stops the test binary's shared PostgreSQL cluster when its tests end (GoogleTest's
// environment tears down before static objects are destroyed).
#include <gtest/gtest.h>

#include "postgres_cluster.hpp"

namespace care::test {
namespace {

class ClusterEnvironment : public ::testing::Environment {
 public:
  void TearDown() override {
    if (PostgresCluster* cluster = PostgresCluster::shared_if_started()) cluster->stop();
  }
};

[[maybe_unused]] ::testing::Environment* const g_environment =
    ::testing::AddGlobalTestEnvironment(new ClusterEnvironment);

}  // namespace
}  // namespace care::test
