// JUnit XML read back with a bounded XML reader: one testcase per result with the right
// classname, name, time and failure/error/skipped element, messages unescaped to the input.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "results/report/escape.h"
#include "results/report/junit_report.h"
#include "tests/unit/reports/report_fixture.h"
#include "tests/unit/reports/xml_reader.h"

using namespace tlsc::results;
using namespace tlsc::reports_test;

namespace {

std::string classname_of(const Result& r) {
  return r.iut + "." + r.iut_config + "." + std::string(to_string(r.role));
}

TEST(ReportJunit, EveryResultIsOneTestcaseWithItsOutcome) {
  const auto rs = sample_results();
  const std::string xml = render_junit(rs);
  std::unique_ptr<XmlNode> root;
  ASSERT_NO_THROW(root = XmlReader::parse(xml)) << xml;
  ASSERT_EQ(root->name, "testsuites");
  EXPECT_EQ(root->attrs.at("tests"), std::to_string(rs.size()));

  std::map<std::pair<std::string, std::string>, const XmlNode*> cases;
  size_t failures = 0, errors = 0, skipped = 0;
  for (const XmlNode* suite : root->all("testsuite")) {
    size_t n = 0;
    for (const XmlNode* tc : suite->all("testcase")) {
      ++n;
      EXPECT_TRUE(cases.emplace(std::pair{tc->attrs.at("classname"), tc->attrs.at("name")}, tc).second)
          << "duplicate testcase " << tc->attrs.at("name");
      failures += tc->all("failure").size();
      errors += tc->all("error").size();
      skipped += tc->all("skipped").size();
    }
    EXPECT_EQ(suite->attrs.at("tests"), std::to_string(n));
  }
  ASSERT_EQ(cases.size(), rs.size());
  EXPECT_EQ(root->attrs.at("failures"), std::to_string(failures));
  EXPECT_EQ(root->attrs.at("errors"), std::to_string(errors));
  EXPECT_EQ(root->attrs.at("skipped"), std::to_string(skipped));

  for (const Result& r : rs) {
    auto it = cases.find({classname_of(r), r.scenario});
    ASSERT_NE(it, cases.end()) << classname_of(r) << " " << r.scenario;
    const XmlNode& tc = *it->second;
    EXPECT_DOUBLE_EQ(std::stod(tc.attrs.at("time")), r.duration_s);
    const bool failure = r.verdict == Verdict::fail || r.verdict == Verdict::xpass;
    EXPECT_EQ(tc.all("failure").size(), failure ? 1u : 0u) << r.scenario;
    EXPECT_EQ(tc.all("error").size(), r.verdict == Verdict::error ? 1u : 0u) << r.scenario;
    EXPECT_EQ(tc.all("skipped").size(), r.verdict == Verdict::skip ? 1u : 0u) << r.scenario;
    if (failure) {
      const std::string msg = tc.all("failure")[0]->attrs.at("message");
      // The diagnosis, flattened to one line, comes back unescaped (markup, quotes and all).
      EXPECT_EQ(msg.rfind(one_line(r.diagnosis), 0), 0u) << msg;
      EXPECT_NE(tc.all("failure")[0]->text.find(r.diagnosis.substr(0, r.diagnosis.find('\x01'))), std::string::npos);
    }
    if (r.verdict == Verdict::skip) {
      EXPECT_EQ(tc.all("skipped")[0]->attrs.at("message"), r.reason);
    }
  }
}

TEST(ReportJunit, NoRawControlCharacterOrMarkupLeaks) {
  const std::string xml = render_junit(sample_results());
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  EXPECT_EQ(xml.find("<b>"), std::string::npos);
  EXPECT_EQ(xml.find("</script>"), std::string::npos);
}

}  // namespace
