// Expectations files (harness/expectations.h): bad files give one line naming the file and the
// field; apply_expectations turns a predicted fail into xfail and a fixed one into xpass, and leaves
// everything else alone.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "harness/expectations.h"

namespace tlsc::harness {
namespace {

using results::Verdict;

class ExpectationsFile : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("tlsc-expect-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".json"))
                .string();
  }
  void TearDown() override { std::filesystem::remove(path_); }
  // The loader's message for `text`, or "loaded".
  std::string error_of(const std::string& text) {
    std::ofstream(path_) << text;
    try {
      load_expectations(path_);
      return "loaded";
    } catch (const std::runtime_error& e) {
      return e.what();
    }
  }
  std::string path_;
};

TEST_F(ExpectationsFile, MissingReason) {
  EXPECT_EQ(error_of(R"({"iut": "openssl", "expectations": [{"scenario": "a.srv", "verdict": "fail"}]})"),
            path_ + ": expectations[0].reason: missing or not a string");
}

TEST_F(ExpectationsFile, EmptyReason) {
  for (const char* reason : {"", "  ", "\t", "\n", " \r\n "}) {
    nlohmann::json j = {{"iut", "openssl"},
                        {"expectations", {{{"scenario", "a.srv"}, {"verdict", "fail"}, {"reason", reason}}}}};
    EXPECT_EQ(error_of(j.dump()), path_ + ": expectations[0].reason: must not be empty") << j.dump();
  }
}

TEST_F(ExpectationsFile, BadVerdict) {
  for (const char* v : {"pass", "xfail", "skip", "FAIL"}) {
    nlohmann::json j = {{"iut", "openssl"},
                        {"expectations", {{{"scenario", "a.srv"}, {"verdict", v}, {"reason", "r"}}}}};
    EXPECT_EQ(error_of(j.dump()), path_ + ": expectations[0].verdict: must be fail, warn or error") << v;
  }
}

TEST_F(ExpectationsFile, UnknownFields) {
  EXPECT_EQ(error_of(R"({"iut": "openssl", "expectations": [], "version": 1})"), path_ + ": version: unknown field");
  EXPECT_EQ(error_of(R"({"iut": "openssl", "expectations": [
              {"scenario": "a.srv", "verdict": "fail", "reason": "r"},
              {"scenario": "b.srv", "verdict": "fail", "reason": "r", "because": "x"}]})"),
            path_ + ": expectations[1].because: unknown field");
}

TEST_F(ExpectationsFile, OtherBadShapes) {
  EXPECT_EQ(error_of(R"({"expectations": []})"), path_ + ": iut: missing or not a string");
  EXPECT_EQ(error_of(R"([])"), path_ + ": iut: missing or not a string");
  EXPECT_EQ(error_of(R"({"iut": "openssl"})"), path_ + ": expectations: missing or not an array");
  EXPECT_EQ(error_of(R"({"iut": "openssl", "expectations": [3]})"), path_ + ": expectations[0]: must be an object");
  EXPECT_EQ(error_of(R"({"iut": "openssl", "expectations": [{"verdict": "fail", "reason": "r"}]})"),
            path_ + ": expectations[0].scenario: missing or not a string");
  EXPECT_EQ(error_of(R"({"iut": "openssl", "expectations": [{"scenario": "a", "verdict": "fail", "reason": "r",
              "config": 1}]})"),
            path_ + ": expectations[0].config: must be a string");
  EXPECT_EQ(error_of(R"({"iut": "openssl", )"), path_ + ": byte 20: not valid JSON");
}

TEST_F(ExpectationsFile, MissingFile) {
  EXPECT_THROW(
      {
        try {
          load_expectations(path_ + ".none");
        } catch (const std::runtime_error& e) {
          EXPECT_EQ(std::string(e.what()), path_ + ".none: cannot read");
          throw;
        }
      },
      std::runtime_error);
}

TEST_F(ExpectationsFile, Loads) {
  EXPECT_EQ(error_of(R"({"iut": "openssl", "expectations": [
              {"scenario": "ems.full.malformed.cli", "verdict": "fail", "reason": "r1"},
              {"scenario": "ems.resume.no-no.*", "config": "default", "verdict": "warn", "reason": "r2"}]})"),
            "loaded");
  auto all = load_expectations(path_);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].iut, "openssl");
  EXPECT_EQ(all[0].scenario, "ems.full.malformed.cli");
  EXPECT_EQ(all[0].config, "");
  EXPECT_EQ(all[0].verdict, Verdict::fail);
  EXPECT_EQ(all[0].reason, "r1");
  EXPECT_EQ(all[1].scenario, "ems.resume.no-no.*");
  EXPECT_EQ(all[1].config, "default");
  EXPECT_EQ(all[1].verdict, Verdict::warn);
}

TEST(RealExpectations, Load) {
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(TLSC_SOURCE_DIR) / "iut" / "expectations")) {
    if (e.path().extension() != ".json") continue;
    auto all = load_expectations(e.path().string());
    EXPECT_FALSE(all.empty()) << e.path();
    for (const auto& x : all) EXPECT_EQ(x.iut, e.path().stem().string()) << e.path();
  }
}

// ---------------------------------------------------------------- apply_expectations

results::Result result(const std::string& scenario, Verdict v, const std::string& iut = "openssl",
                       const std::string& config = "default") {
  results::Result r;
  r.iut = iut;
  r.iut_config = config;
  r.scenario = scenario;
  r.verdict = v;
  r.reason = "why";
  return r;
}

Expectation expect(const std::string& scenario, Verdict v, const std::string& config = "") {
  return Expectation{"openssl", scenario, config, v, "known: " + scenario, ""};
}

TEST(ApplyExpectations, MatchingFailBecomesXfail) {
  auto r = result("ems.full.malformed.cli", Verdict::fail);
  apply_expectations({expect("ems.full.malformed.cli", Verdict::fail)}, r);
  EXPECT_EQ(r.verdict, Verdict::xfail);
  EXPECT_EQ(r.reason, "why [expected: known: ems.full.malformed.cli]");
}

TEST(ApplyExpectations, MatchingWarnAndErrorBecomeXfail) {
  auto w = result("a.srv", Verdict::warn);
  apply_expectations({expect("a.srv", Verdict::warn)}, w);
  EXPECT_EQ(w.verdict, Verdict::xfail);
  auto e = result("a.srv", Verdict::error);
  apply_expectations({expect("a.srv", Verdict::error)}, e);
  EXPECT_EQ(e.verdict, Verdict::xfail);
  EXPECT_EQ(e.reason, "why [expected: known: a.srv]");
}

TEST(ApplyExpectations, PassBecomesXpass) {
  auto r = result("ems.full.malformed.cli", Verdict::pass);
  apply_expectations({expect("ems.full.malformed.cli", Verdict::fail)}, r);
  EXPECT_EQ(r.verdict, Verdict::xpass);
  EXPECT_EQ(r.reason, "why [expected fail: known: ems.full.malformed.cli]");
}

TEST(ApplyExpectations, OtherVerdictsAreLeftAlone) {
  for (Verdict v : {Verdict::warn, Verdict::skip, Verdict::error}) {
    auto r = result("a.srv", v);
    apply_expectations({expect("a.srv", Verdict::fail)}, r);
    EXPECT_EQ(r.verdict, v);
    EXPECT_EQ(r.reason, "why");
  }
}

TEST(ApplyExpectations, OtherIutConfigOrScenarioIsLeftAlone) {
  const std::vector<Expectation> all = {expect("a.srv", Verdict::fail, "ems-off")};
  auto other_iut = result("a.srv", Verdict::fail, "gnutls", "ems-off");
  auto other_config = result("a.srv", Verdict::fail, "openssl", "default");
  auto other_scenario = result("a.cli", Verdict::fail, "openssl", "ems-off");
  auto longer_id = result("a.srv.x", Verdict::fail, "openssl", "ems-off");  // no '*': exact ids only
  auto matching = result("a.srv", Verdict::fail, "openssl", "ems-off");
  for (auto* r : {&other_iut, &other_config, &other_scenario, &longer_id, &matching}) apply_expectations(all, *r);
  EXPECT_EQ(other_iut.verdict, Verdict::fail);
  EXPECT_EQ(other_config.verdict, Verdict::fail);
  EXPECT_EQ(other_scenario.verdict, Verdict::fail);
  EXPECT_EQ(longer_id.verdict, Verdict::fail);
  EXPECT_EQ(matching.verdict, Verdict::xfail);
  // Without a config, every configuration matches.
  auto any_config = result("a.srv", Verdict::fail, "openssl", "client-cert");
  apply_expectations({expect("a.srv", Verdict::fail)}, any_config);
  EXPECT_EQ(any_config.verdict, Verdict::xfail);
}

TEST(ApplyExpectations, PrefixPatterns) {
  const std::vector<Expectation> all = {expect("ems.resume.no-no.*", Verdict::warn)};
  auto id = result("ems.resume.no-no.id.srv", Verdict::warn);
  auto ticket = result("ems.resume.no-no.ticket.cli", Verdict::pass);
  auto other = result("ems.resume.no-yes.id.srv", Verdict::warn);
  for (auto* r : {&id, &ticket, &other}) apply_expectations(all, *r);
  EXPECT_EQ(id.verdict, Verdict::xfail);
  EXPECT_EQ(ticket.verdict, Verdict::xpass);
  EXPECT_EQ(other.verdict, Verdict::warn);
  auto everything = result("dhe.x.srv", Verdict::fail);
  apply_expectations({expect("*", Verdict::fail)}, everything);
  EXPECT_EQ(everything.verdict, Verdict::xfail);
}

TEST(ApplyExpectations, FirstMatchingExpectationDecides) {
  // As documented: the first expectation that matches the result is the one applied, even when
  // its verdict is not the result's.
  auto r = result("ems.full.x.srv", Verdict::fail);
  apply_expectations({expect("ems.*", Verdict::warn), expect("ems.full.x.srv", Verdict::fail)}, r);
  EXPECT_EQ(r.verdict, Verdict::fail);
  auto s = result("ems.full.x.srv", Verdict::fail);
  apply_expectations({expect("dhe.*", Verdict::warn), expect("ems.full.x.srv", Verdict::fail)}, s);
  EXPECT_EQ(s.verdict, Verdict::xfail);
}

}  // namespace
}  // namespace tlsc::harness
