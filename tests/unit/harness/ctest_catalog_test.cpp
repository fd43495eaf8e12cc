// The CTest registration of the catalog: names, commands and labels of the generated tests.
#include <gtest/gtest.h>

#include "harness/ctest_catalog.h"

#include <fstream>
#include <regex>

#include "run_test_util.h"
#include "iut/profile.h"
#include "scenarios/loader.h"

namespace tlsc {
namespace {

TEST(CtestCatalog, OneTestPerIutAndScenarioWithLabelsAndCommand) {
  auto catalog = scenarios::load_catalog(TLSC_FAULT_CATALOG);
  auto profile = iut::load_profile_text(R"({"name": "fake", "title": "t", "programs": ["true"], "capabilities": [],
      "server": {"argv": ["true", "{port}"]}})", "fake.json");
  harness::CatalogCtestOptions o;
  o.tlsconform = "/bin/tlsconform";
  o.work = "/w";
  o.catalog = TLSC_FAULT_CATALOG;
  const std::string script = harness::catalog_ctest_script(catalog, {profile}, o);
  // The fault catalog has two server scenarios and one client scenario; the profile has a
  // server only.
  EXPECT_NE(script.find("add_test([=[catalog/fake/fault.complete.srv]=] [=[/bin/tlsconform]=] [=[run]=] [=[--iut]=] "
                        "[=[fake]=] [=[--scenario]=] [=[fault.complete.srv]=] [=[--out]=] "
                        "[=[/w/fake/fault.complete.srv]=] [=[--jobs]=] [=[1]=] [=[--quiet]=] [=[--catalog]=]"),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("set_tests_properties([=[catalog/fake/fault.complete.srv]=] PROPERTIES LABELS "
                        "[=[catalog;family:fault;iut:fake;rfc5246;role:server]=] TIMEOUT 600 SKIP_REGULAR_EXPRESSION "
                        "[=[1 results in [0-9.]+s \\(1 skip\\). results in]=])"),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("catalog/fake/fault.abort-ok.srv"), std::string::npos);
  EXPECT_EQ(script.find("fault.complete.cli"), std::string::npos) << "no client command: no client test";
  size_t tests = 0;
  for (size_t p = script.find("add_test("); p != std::string::npos; p = script.find("add_test(", p + 1)) ++tests;
  EXPECT_EQ(tests, 2u);
}

TEST(CtestCatalog, ExpectationsFileOfTheIutIsPassed) {
  auto catalog = scenarios::load_catalog(TLSC_FAULT_CATALOG);
  auto profile = iut::load_profile_text(R"({"name": "openssl", "title": "t", "programs": ["true"], "capabilities": [],
      "client": {"argv": ["true", "{port}"]}})", "openssl.json");
  harness::CatalogCtestOptions o;
  o.tlsconform = "/bin/tlsconform";
  o.work = "/w";
  o.expectations = std::filesystem::path(TLSC_SOURCE_DIR) / "iut/expectations";
  const std::string script = harness::catalog_ctest_script(catalog, {profile}, o);
  EXPECT_NE(script.find("[=[--expect]=] [=[" + (o.expectations / "openssl.json").string() + "]=]"), std::string::npos)
      << script;
  EXPECT_NE(script.find("role:client"), std::string::npos);
}

TEST(CtestCatalog, QuoteSurvivesBracketsInText) {
  EXPECT_EQ(harness::cmake_quote("a b"), "[=[a b]=]");
  EXPECT_EQ(harness::cmake_quote("x]=]y"), "[==[x]=]y]==]");
}

// Issue 14: a catalog test whose unit is a skip shows as Skipped in CTest, not Passed: the
// SKIP_REGULAR_EXPRESSION matches what a skipping run prints, and not a passing one's line.
TEST(CtestCatalog, SkippedUnitMatchesTheSkipExpression) {
  namespace fs = std::filesystem;
  const fs::path dir = testutil::fresh_dir("ctest-skip");
  fs::create_directories(dir / "profiles");
  std::ofstream(dir / "profiles" / "absent.json")
      << R"({"name": "absent", "title": "t", "programs": ["tlsc-no-such-program"], "capabilities": [],
             "server": {"argv": ["tlsc-no-such-program", "{port}"]}})";
  auto run = testutil::run_cli({"run", "--profiles", (dir / "profiles").string(), "--catalog", TLSC_FAULT_CATALOG,
                                "--iut", "absent", "--scenario", "fault.complete.srv", "--out", (dir / "out").string(),
                                "--jobs", "1", "--quiet"},
                               dir / "cli.log", std::chrono::seconds(30));
  // A run that tested nothing exits 4; CTest's SKIP_REGULAR_EXPRESSION wins over the exit code.
  ASSERT_EQ(run.exit_code, 4) << run.output;
  const std::regex skipped(harness::kSkippedRun, std::regex::extended);
  EXPECT_TRUE(std::regex_search(run.output, skipped)) << run.output;
  EXPECT_FALSE(std::regex_search(std::string("1 results in 0.2s (1 pass); results in x"), skipped));
  // CTest splits the property at ';' into several expressions, any of which makes a skip.
  EXPECT_EQ(std::string(harness::kSkippedRun).find(';'), std::string::npos) << harness::kSkippedRun;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tlsc
