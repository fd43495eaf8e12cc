// `tlsconform run --iut all` and repeated --iut: one command, one results.json for every IUT.
// The profiles folder holds two cheap IUTs (our own engine under two names), one whose program is
// not installed and one FTPS profile; `all` runs the first two and says why the others were left out.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>
#include <tuple>

#include "run_test_util.h"

namespace tlsc {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

using Row = std::tuple<std::string, std::string, std::string>;  // iut, scenario, verdict

fs::path write_profiles(const fs::path& dir) {
  fs::create_directories(dir);
  nlohmann::json peer = nlohmann::json::parse(testutil::slurp(fs::path(TLSC_SOURCE_DIR) / "iut/profiles/tlsconform-peer.json"));
  for (const char* name : {"peer-a", "peer-b"}) {
    peer["name"] = name;
    std::ofstream(dir / (std::string(name) + ".json")) << peer.dump(2);
  }
  nlohmann::json missing = peer;
  missing["name"] = "not-installed";
  missing["programs"] = {"/nonexistent/tlsc-no-such-iut"};
  std::ofstream(dir / "not-installed.json") << missing.dump(2);
  nlohmann::json ftps = nlohmann::json::parse(testutil::slurp(fs::path(TLSC_SOURCE_DIR) / "iut/profiles/tlsconform-ftps.json"));
  ftps["name"] = "ftps-iut";
  std::ofstream(dir / "ftps-iut.json") << ftps.dump(2);
  return dir;
}

class IutSelection : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testutil::fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    profiles_ = write_profiles(dir_ / "profiles");
  }
  void TearDown() override { fs::remove_all(dir_); }
  testutil::CliRun run(const std::string& out, std::vector<std::string> iut_args) {
    std::vector<std::string> a = {"run", "--profiles", profiles_.string(), "--scenario", "ems.full.negotiated.srv",
                                  "--scenario", "ems.full.negotiated.cli", "--out", (dir_ / out).string(), "--quiet"};
    a.insert(a.end(), iut_args.begin(), iut_args.end());
    return testutil::run_cli(a, dir_ / (out + ".log"), 120s);
  }
  std::vector<Row> rows(const std::string& out) {
    auto read = results::read_results(dir_ / out / "results.json");
    EXPECT_TRUE(read.problems.empty()) << read.problems.front();
    std::vector<Row> r;
    for (const auto& x : read.results) r.emplace_back(x.iut, x.scenario, std::string(results::to_string(x.verdict)));
    return r;
  }
  fs::path dir_, profiles_;
};

const std::vector<Row> kBoth = {{"peer-a", "ems.full.negotiated.srv", "pass"},
                                {"peer-a", "ems.full.negotiated.cli", "pass"},
                                {"peer-b", "ems.full.negotiated.srv", "pass"},
                                {"peer-b", "ems.full.negotiated.cli", "pass"}};

TEST_F(IutSelection, AllRunsEveryInstalledTlsProfileInOneResultsFile) {
  auto r = run("all", {"--iut", "all"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::vector<Row> got = rows("all");
  std::sort(got.begin(), got.end());
  std::vector<Row> want = kBoth;
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
  EXPECT_NE(r.output.find("--iut all: 2 IUT(s): peer-a, peer-b; left out: "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("ftps-iut (protocol ftps)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("not-installed (/nonexistent/tlsc-no-such-iut is not installed)"), std::string::npos)
      << r.output;
}

TEST_F(IutSelection, RepeatedIutGivesTheSameResultsAsAll) {
  auto r = run("two", {"--iut", "peer-a", "--iut", "peer-b"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::vector<Row> got = rows("two");
  std::sort(got.begin(), got.end());
  std::vector<Row> want = kBoth;
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
  EXPECT_EQ(r.output.find("left out"), std::string::npos) << r.output;
}

TEST_F(IutSelection, AllWithAConfigurationNoProfileHasIsAOneLineUsageError) {
  auto r = run("none", {"--iut", "all", "--config", "no-such-config"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--iut all: no profile can run (left out: "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("peer-a (no configuration 'no-such-config')"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace tlsc
