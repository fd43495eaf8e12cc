// The readiness prediction rules (results/report/readiness.h) on hand-made results: which verdicts
// make which prediction, what the real stack would log, and what the report says to fix.
#include <gtest/gtest.h>

#include "results/report/readiness.h"
#include "tests/unit/reports/browser.h"

namespace tlsc::results {
namespace {

namespace fs = std::filesystem;

ReadinessInput input() {
  ReadinessInput in;
  in.incident = "inc";
  in.stack = "Stack";
  in.log_alert_received = "event R code {code} ({alert})";
  in.log_alert_sent = "event S code {code} ({alert})";
  in.error_codes = {{"bad_record_mac", "0xBAD"}};
  in.alert_code = [](std::string_view n) -> std::optional<int> {
    if (n == "bad_record_mac") return 20;
    if (n == "handshake_failure") return 40;
    return std::nullopt;
  };
  in.iut_protocol = [](const std::string& iut) { return iut == "ftp" ? std::string("ftps") : std::string("tls"); };
  in.classes = {{"a", "Class A", "fails on A", "RFC 1 1", "", "", "", true, true, "tls"},
                {"b", "Class B", "fails on B", "RFC 2 2", "no B here", "", "", true, false, "tls"},
                {"f", "Class F", "fails on F", "RFC 3 3", "", "", "not F", true, true, "ftps"}};
  return in;
}

const ReadinessInput kIn = input();  // reports point into their input: it outlives them

Result result(const std::string& scenario, Role role, Verdict v, const std::string& link) {
  Result r;
  r.iut = "dev";
  r.iut_config = "default";
  r.role = role;
  r.scenario = scenario;
  r.verdict = v;
  r.reason = "because " + scenario;
  r.incidents = {"inc/" + link};
  r.rfc = {{"1", "1", "MUST", "do it right", ""}};
  return r;
}

const ReadinessRow& row(const ReadinessReport& rep, const std::string& id) {
  for (const auto& r : rep.rows)
    if (r.klass->id == id) return r;
  throw std::runtime_error("no row " + id);
}

TEST(ReadinessPrediction, AFailOrAKnownDeviationFailsTheClassAndTheOtherRoleStandsOnItsOwn) {
  std::vector<Result> rs = {result("a.one.srv", Role::server, Verdict::pass, "a"),
                            result("a.two.srv", Role::server, Verdict::xfail, "a"),
                            result("a.one.cli", Role::client, Verdict::pass, "a")};
  rs[1].diagnosis = "the product resumes wrongly";
  const auto reps = build_readiness(kIn, rs);
  ASSERT_EQ(reps.size(), 1u);
  const auto& a = row(reps[0], "a");
  EXPECT_EQ(a.as_server.prediction, Prediction::kFails);
  EXPECT_EQ(a.as_server.text, "fails on A");
  ASSERT_EQ(a.as_server.evidence.size(), 1u);
  EXPECT_EQ(a.as_server.evidence[0].fix, "the product resumes wrongly (RFC 1 1 MUST: do it right)");
  EXPECT_EQ(a.as_client.prediction, Prediction::kInteroperates);
}

TEST(ReadinessPrediction, TheStacksLogComesFromTheAlertOnTheJudgedConnection) {
  auto r = result("a.one.srv", Role::server, Verdict::fail, "a");
  r.observations["connections"] = {{{"peer_alert", ""}, {"our_alert", ""}},
                                   {{"peer_alert", "bad_record_mac"}, {"our_alert", ""}}};
  r.observations["violation"] = {{"connection", 2}};
  auto s = result("a.one.cli", Role::client, Verdict::fail, "a");
  s.observations["connections"] = {{{"peer_alert", ""}, {"our_alert", "handshake_failure"}}};
  const std::vector<Result> rs1 = {r, s};
  const auto reps = build_readiness(kIn, rs1);
  const auto& a = row(reps[0], "a");
  EXPECT_EQ(a.as_server.evidence[0].stack_log, "event R code 20 (bad_record_mac); error 0xBAD");
  EXPECT_EQ(a.as_client.evidence[0].stack_log, "event S code 40 (handshake_failure)");
}

TEST(ReadinessPrediction, SkipsAsNotApplicableSayTheClassesWordsOtherSkipsAreNotDetermined) {
  auto na = result("b.one.srv", Role::server, Verdict::skip, "b");
  na.observations["not_applicable"] = true;
  auto other = result("a.one.srv", Role::server, Verdict::skip, "a");  // e.g. a precondition not reached
  const std::vector<Result> rs2 = {na, other};
  const auto reps = build_readiness(kIn, rs2);
  EXPECT_EQ(row(reps[0], "b").as_server.prediction, Prediction::kNotApplicable);
  EXPECT_EQ(row(reps[0], "b").as_server.text, "not applicable: no B here");
  EXPECT_EQ(row(reps[0], "a").as_server.prediction, Prediction::kNotDetermined);
  EXPECT_EQ(row(reps[0], "a").as_server.text, "not determined: because a.one.srv");
}

TEST(ReadinessPrediction, AClassWithoutResultsIsNotApplicableOnlyWhenItCannotHappen) {
  const std::vector<Result> rs3 = {result("a.one.srv", Role::server, Verdict::pass, "a")};
  const auto reps = build_readiness(kIn, rs3);
  // b has no client-role scenario at all; f is for FTPS products; a's client role was not run.
  EXPECT_EQ(row(reps[0], "b").as_client.prediction, Prediction::kNotApplicable);
  EXPECT_EQ(row(reps[0], "f").as_server.text, "not applicable: not F");
  EXPECT_EQ(row(reps[0], "a").as_client.prediction, Prediction::kNotTested);
}

TEST(ReadinessPrediction, AnIutOfAnotherProtocolIsNotTestedUnlessTheClassSaysWhyItCannotHappen) {
  auto r = result("f.one.srv", Role::server, Verdict::pass, "f");
  r.iut = "ftp";  // an FTPS IUT: class a's TLS scenarios do not run against it
  const std::vector<Result> rs4 = {r};
  const auto reps = build_readiness(kIn, rs4);
  EXPECT_EQ(row(reps[0], "a").as_server.prediction, Prediction::kNotTested);
  EXPECT_EQ(row(reps[0], "a").as_server.text, "not tested: its scenarios are for tls IUTs, this one is ftps");
  EXPECT_EQ(row(reps[0], "f").as_server.prediction, Prediction::kInteroperates);
}

TEST(ReadinessPrediction, WarningsAndErrorsAreSaidAsSuch) {
  const std::vector<Result> rs5 = {result("a.one.srv", Role::server, Verdict::warn, "a"),
                                              result("a.one.cli", Role::client, Verdict::error, "a")};
  const auto reps = build_readiness(kIn, rs5);
  EXPECT_EQ(row(reps[0], "a").as_server.prediction, Prediction::kWarnings);
  EXPECT_EQ(row(reps[0], "a").as_client.prediction, Prediction::kNotDetermined);
}

TEST(ReadinessPrediction, ResultsOfOtherIncidentsAndEachConfigurationStandApart) {
  auto other = result("a.one.srv", Role::server, Verdict::fail, "a");
  other.incidents = {"another/a"};
  auto cfg = result("a.one.srv", Role::server, Verdict::fail, "a");
  cfg.iut_config = "ems-off";
  const std::vector<Result> rs6 = {result("a.one.srv", Role::server, Verdict::pass, "a"), other, cfg};
  const auto reps = build_readiness(kIn, rs6);
  ASSERT_EQ(reps.size(), 2u);
  EXPECT_EQ(row(reps[0], "a").as_server.prediction, Prediction::kInteroperates);
  EXPECT_EQ(reps[1].iut_config, "ems-off");
  EXPECT_EQ(row(reps[1], "a").as_server.prediction, Prediction::kFails);
}

TEST(ReadinessRender, MarkdownAndHtmlCarryThePredictionsAndEscapeWhatResultsHold) {
  auto r = result("a.one.srv", Role::server, Verdict::fail, "a");
  r.diagnosis = "<script>x</script> | pipe";
  const auto& in = kIn;
  const std::vector<Result> rs0 = {r};
  const auto reps = build_readiness(in, rs0);
  const auto md = render_readiness_markdown(in, reps[0]);
  const auto html = render_readiness_html(in, reps[0]);
  EXPECT_NE(md.find("| Class A | **fails on A** |"), std::string::npos) << md;
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("data-prediction=\"fails\""), std::string::npos);
  EXPECT_EQ(html.find("<script>x"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;x"), std::string::npos);
}

TEST(ReadinessBrowser, TheHtmlReportRendersItsPredictionsInChromium) {
  const std::string exe = reports_test::find_chromium();
  if (exe.empty()) GTEST_SKIP() << "chromium is not installed (scripts/setup installs it)";
  auto failing = result("a.one.srv", Role::server, Verdict::fail, "a");
  failing.diagnosis = "the product resumes wrongly";
  failing.observations["connections"] = {{{"peer_alert", "bad_record_mac"}, {"our_alert", ""}}};
  auto na = result("b.one.srv", Role::server, Verdict::skip, "b");
  na.observations["not_applicable"] = true;
  const std::vector<Result> rs = {failing, result("a.one.cli", Role::client, Verdict::pass, "a"), na};
  const auto reps = build_readiness(kIn, rs);
  const fs::path dir = fs::temp_directory_path() / ("tlsc-readiness-html-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  reports_test::write_file(dir / "readiness.html", render_readiness_html(kIn, reps[0]));
  reports_test::Browser b{exe, dir / "profile"};
  const std::string url = "file://" + (dir / "readiness.html").string();
  const auto dom = b.run({"--dump-dom"}, url);
  ASSERT_EQ(dom.code, 0) << dom.err;
  // The browser's DOM has one prediction row per class, each cell with its prediction and mark.
  EXPECT_NE(dom.out.find("<tr data-class=\"a\">"), std::string::npos) << dom.out;
  EXPECT_NE(dom.out.find("data-prediction=\"fails\""), std::string::npos);
  EXPECT_NE(dom.out.find("data-prediction=\"interoperates\""), std::string::npos);
  EXPECT_NE(dom.out.find("data-prediction=\"not-applicable\""), std::string::npos);
  EXPECT_NE(dom.out.find("event R code 20 (bad_record_mac); error 0xBAD"), std::string::npos);
  EXPECT_NE(dom.out.find("the product resumes wrongly (RFC 1 1 MUST: do it right)"), std::string::npos);
  reports_test::screenshot(b, url, "readiness", "1300,1100");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tlsc::results
