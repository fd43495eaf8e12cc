// A result records the configurations the IUT really ran in: the run's (iut_config, the matrix
// column) and, when the scenario added its own, all of them (observations.iut_configs).
#include <gtest/gtest.h>

#include "tests/unit/selftest/catalog_run.h"

namespace tlsc::selftest {
namespace {

TEST(ConfigRecord, ScenarioConfigurationIsRecordedBesideTheRunConfiguration) {
  auto run = run_catalog_of("tlsconform-peer", "default", {},
                            {"--scenario", "certreq.resume-authenticated.srv", "--scenario", "ems.full.negotiated.srv"});
  ASSERT_EQ(run.by_id.size(), 2u) << run.output;
  const auto& own = run.by_id.at("certreq.resume-authenticated.srv");
  EXPECT_EQ(own.iut_config, "default");
  ASSERT_TRUE(own.observations.contains("iut_configs")) << own.observations.dump();
  EXPECT_EQ(own.observations["iut_configs"].dump(), R"(["client-cert-required"])");
  const auto& plain = run.by_id.at("ems.full.negotiated.srv");
  EXPECT_EQ(plain.iut_config, "default");
  EXPECT_FALSE(plain.observations.contains("iut_configs")) << plain.observations.dump();
}

}  // namespace
}  // namespace tlsc::selftest
