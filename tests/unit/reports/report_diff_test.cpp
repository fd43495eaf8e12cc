// The regression diff: categories by (IUT, configuration, role, scenario), across IUT versions.
#include <gtest/gtest.h>

#include "results/report/diff.h"
#include "tests/unit/reports/report_fixture.h"

using namespace tlsc::results;
using namespace tlsc::reports_test;

namespace {

TEST(ReportDiff, SortsChangesIntoCategories) {
  std::vector<Result> old_rs = {
      make("openssl", "default", Role::server, "ems.a.srv", Verdict::pass),   // -> fail: regression
      make("openssl", "default", Role::server, "ems.b.srv", Verdict::fail),   // -> pass: fixed
      make("openssl", "default", Role::server, "ems.c.srv", Verdict::fail),   // same verdict, new diagnosis
      make("openssl", "default", Role::server, "ems.d.srv", Verdict::pass),   // removed
      make("openssl", "default", Role::client, "ems.e.cli", Verdict::warn),   // -> xpass: regression
      make("openssl", "default", Role::client, "ems.f.cli", Verdict::skip),   // unchanged
  };
  std::vector<Result> new_rs = old_rs;
  for (auto& r : new_rs) r.iut_version = "3.0.20";  // a new release is compared with the old one
  new_rs[0].verdict = Verdict::fail;
  new_rs[1].verdict = Verdict::pass;
  new_rs[2].diagnosis = "another root cause";
  new_rs.erase(new_rs.begin() + 3);
  new_rs[3].verdict = Verdict::xpass;
  new_rs.push_back(make("gnutls", "default", Role::server, "ems.g.srv", Verdict::fail));  // added

  const ResultDiff d = diff_results(old_rs, new_rs);
  ASSERT_EQ(d.newly_failing.size(), 2u);
  EXPECT_EQ(d.newly_failing[0].scenario, "ems.a.srv");  // by IUT, configuration, role (server first)
  EXPECT_EQ(d.newly_failing[1].scenario, "ems.e.cli");
  ASSERT_EQ(d.newly_passing.size(), 1u);
  EXPECT_EQ(d.newly_passing[0].scenario, "ems.b.srv");
  ASSERT_EQ(d.changed.size(), 1u);
  EXPECT_EQ(d.changed[0].scenario, "ems.c.srv");
  ASSERT_EQ(d.added.size(), 1u);
  EXPECT_EQ(d.added[0].iut, "gnutls");
  ASSERT_EQ(d.removed.size(), 1u);
  EXPECT_EQ(d.removed[0].scenario, "ems.d.srv");
  EXPECT_EQ(d.unchanged, 1u);
  EXPECT_TRUE(d.has_regressions());

  const std::string text = render_diff(d);
  EXPECT_NE(text.find("Newly failing (2):"), std::string::npos) << text;
  EXPECT_NE(text.find("now: another root cause"), std::string::npos) << text;

  EXPECT_FALSE(diff_results(old_rs, old_rs).has_regressions());
  EXPECT_EQ(diff_results(old_rs, old_rs).unchanged, old_rs.size());
}

}  // namespace
