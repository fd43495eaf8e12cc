// The HTML report: its embedded JSON reads back to the input; nothing in it is fetched; it shows
// the runs' metadata and a legend of every verdict; and in headless Chromium (when installed) the
// matrix renders one cell per result with the IUT versions in the column heads, the filters from
// the URL fragment change what is shown, and the counts and charts count exactly the shown
// results. Screenshots are saved under <build dir>/report-screens/.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <tuple>

#include "results/report/html_report.h"
#include "results/report/matrix.h"
#include "results/report/verdict_style.h"
#include "tests/unit/reports/browser.h"
#include "tests/unit/reports/report_fixture.h"

using namespace tlsc::results;
using namespace tlsc::reports_test;
namespace fs = std::filesystem;

namespace {

std::string embedded_json(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"tlsc-data\">";
  const size_t b = html.find(open);
  if (b == std::string::npos) return "";
  const size_t e = html.find("</script>", b);
  return html.substr(b + open.size(), e - b - open.size());
}

size_t count(const std::string& s, const std::string& needle) {
  size_t n = 0;
  for (size_t p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) ++n;
  return n;
}

TEST(ReportHtml, EmbeddedDataReadsBackAndNothingIsFetched) {
  const auto rs = sample_results();
  const std::string html = render_html(rs, "t <&> itle");
  const std::string data = embedded_json(html);
  ASSERT_FALSE(data.empty());
  EXPECT_EQ(data.find("</"), std::string::npos) << "'</' must not appear inside the script element";
  EXPECT_EQ(data.find('<'), std::string::npos);
  const auto j = nlohmann::ordered_json::parse(data);
  ASSERT_EQ(j["results"].size(), rs.size());
  for (size_t i = 0; i < rs.size(); ++i) {
    auto r = j["results"][i];
    ASSERT_TRUE(r["seed"].is_string()) << "seeds are strings in the page (JavaScript rounds numbers > 2^53)";
    r["seed"] = std::stoull(r["seed"].get<std::string>());
    EXPECT_EQ(result_from_json(r), rs[i]);
  }
  // The matrix the page draws: every result in exactly one cell.
  size_t cells = 0;
  for (const auto& row : j["cells"])
    for (const auto& c : row) cells += !c.is_null();
  EXPECT_EQ(cells, rs.size());
  EXPECT_EQ(count(html, "<script"), 2u);  // the data and the inline renderer, nothing with src=
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_NE(html.find("<title>t &lt;&amp;&gt; itle</title>"), std::string::npos);
}

// The runs the page names, from the results and the run files; and the legend, every verdict of
// the table with its mark and meaning (static HTML: readable without the script).
TEST(ReportHtml, RunMetadataAndLegendAreInThePage) {
  const auto rs = sample_results();
  RunInfo run{"run-openssl", "9.8.7", "2026-12-01T10:00:00Z", "2026-12-01T10:42:00Z", 2188661136183952314ull,
              {"tlsconform", "run"}, "lab-host-1"};
  const std::string html = render_html(rs, "t", {{run}, "2026-12-02T08:00:00Z", "9.9.0"});
  const size_t meta = html.find("<section id=\"run-meta\"");
  ASSERT_NE(meta, std::string::npos);
  const std::string runs = html.substr(meta, html.find("</section>", meta) - meta);
  const size_t openssl_row = runs.find("<tr data-run=\"run-openssl\">");
  ASSERT_NE(openssl_row, std::string::npos) << runs;
  const std::string row = runs.substr(openssl_row, runs.find("</tr>", openssl_row) - openssl_row);
  for (const std::string cell : {"<td class=\"started\">2026-12-01T10:00:00Z</td>", "<td class=\"finished\">2026-12-01T10:42:00Z</td>",
                                 "<td class=\"tool\">9.8.7</td>", "<td class=\"seed\">2188661136183952314</td>",
                                 "<td class=\"host\">lab-host-1</td>"})
    EXPECT_NE(row.find(cell), std::string::npos) << cell << "\n" << row;
  size_t n_openssl = 0;
  for (const auto& r : rs) n_openssl += r.run_id == "run-openssl";
  EXPECT_NE(row.find("<td class=\"n\">" + std::to_string(n_openssl) + "</td>"), std::string::npos) << row;
  // run-gnutls has results but no run file: the page says so instead of inventing a date.
  const size_t gnutls_row = runs.find("<tr data-run=\"run-gnutls\">");
  ASSERT_NE(gnutls_row, std::string::npos) << runs;
  EXPECT_NE(runs.find("not recorded", gnutls_row), std::string::npos);
  EXPECT_NE(runs.find("This page was written on 2026-12-02T08:00:00Z by tlsconform 9.9.0."), std::string::npos);

  const size_t legend = html.find("<section id=\"legend\"");
  ASSERT_NE(legend, std::string::npos);
  const std::string lg = html.substr(legend, html.find("</section>", legend) - legend);
  ASSERT_EQ(kAllVerdicts.size(), 7u);
  for (Verdict v : kAllVerdicts) {
    const std::string name(to_string(v));
    ASSERT_EQ(parse_verdict(name), v);
    const std::string item = "<li data-verdict=\"" + name + "\"><span class=\"mark v-" + name + "\" aria-hidden=\"true\">" +
                             std::string(verdict_style(v).mark) + "</span> <b>" + name + "</b>: ";
    EXPECT_NE(lg.find(item), std::string::npos) << item << "\n" << lg;
    EXPECT_GT(verdict_style(v).meaning.size(), 20u) << name;
    EXPECT_NE(lg.find(std::string(verdict_style(v).meaning)), std::string::npos) << name;
  }
  EXPECT_EQ(count(lg, "<li data-verdict=\""), kAllVerdicts.size() + 1) << "every verdict and the blank cell, nothing else";
  // Marks are told apart without colour: each verdict's mark is its own.
  for (Verdict a : kAllVerdicts)
    for (Verdict b : kAllVerdicts)
      if (a != b) {
        EXPECT_NE(verdict_style(a).mark, verdict_style(b).mark) << to_string(a) << " " << to_string(b);
      }
}

// Each browser test writes its page into a fresh folder and loads it in headless Chromium;
// without chromium the test is skipped, saying why.
class ReportHtmlBrowser : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string exe = find_chromium();
    if (exe.empty()) GTEST_SKIP() << "chromium is not installed (scripts/setup installs it)";
    dir_ = temp_dir(std::string("html-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    b = Browser{exe, dir_ / "profile"};
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  // Writes `html` as report.html in the test's folder; returns its file:// URL.
  std::string load(const std::string& html) {
    write_file(dir_ / "report.html", html);
    return "file://" + (dir_ / "report.html").string();
  }
  Browser b;

 private:
  fs::path dir_;
};

// A filtered view, as the URL fragment sets it.
struct View {
  std::string family, iut, role, verdict;
  std::string fragment() const {
    std::string f;
    for (const auto& [k, v] : {std::pair{"family", family}, {"iut", iut}, {"role", role}, {"verdict", verdict}})
      if (!v.empty()) f += (f.empty() ? "#" : "&") + std::string(k) + "=" + v;
    return f;
  }
  bool shows(const Result& r) const {
    return (family.empty() || family_of(r.scenario) == family) && (iut.empty() || r.iut == iut) &&
           (role.empty() || to_string(r.role) == role) && (verdict.empty() || to_string(r.verdict) == verdict);
  }
};

// What the page counts: per verdict on the page, per (column, verdict) in the table foot ("" is
// the column's total), per (column, family, verdict) in the charts; and the results whose cells
// are shown (not dimmed).
struct Tallies {
  std::map<std::string, size_t> page;
  std::map<std::pair<size_t, std::string>, size_t> column;
  std::map<std::tuple<size_t, std::string, std::string>, size_t> chart;
  std::set<size_t> shown;
};

// The counts the test expects, from its own input: zero entries for every verdict and column,
// as the page writes them; chart segments only where there are results.
Tallies expected_tallies(const std::vector<Result>& rs, const View& view) {
  const Matrix m = build_matrix(rs);
  Tallies t;
  for (Verdict v : kAllVerdicts) {
    t.page[std::string(to_string(v))] = 0;
    for (size_t c = 0; c < m.columns.size(); ++c) t.column[{c, std::string(to_string(v))}] = 0;
  }
  for (size_t c = 0; c < m.columns.size(); ++c) t.column[{c, ""}] = 0;
  for (size_t i = 0; i < rs.size(); ++i) {
    if (!view.shows(rs[i])) continue;
    const std::string v(to_string(rs[i].verdict));
    const size_t c = *column_of(m, rs[i]);
    ++t.page[v];
    ++t.column[{c, v}];
    ++t.column[{c, ""}];
    ++t.chart[{c, family_of(rs[i].scenario), v}];
    t.shown.insert(i);
  }
  return t;
}

std::string between(const std::string& s, const std::string& open, const std::string& close) {
  const size_t b = s.find(open);
  if (b == std::string::npos) return "";
  const size_t e = s.find(close, b);
  return s.substr(b, e == std::string::npos ? std::string::npos : e - b);
}

// The value of attribute `name` in one start tag ("" when absent): the page sets attributes in
// different orders (a hidden column's class comes before its count), so each is read on its own.
std::string attr_of(const std::string& tag, const std::string& name) {
  std::smatch m;
  return std::regex_search(tag, m, std::regex(" " + name + "=\"([^\"]*)\"")) ? m[1].str() : "";
}

// Calls fn(tag) for every start tag `<NAME ...>` in `text` that has attribute `must`.
template <class Fn>
void each_tag(const std::string& text, const std::string& name, const std::string& must, Fn fn) {
  const std::regex r("<" + name + " [^>]*>");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), r); it != std::sregex_iterator(); ++it)
    if (it->str().find(" " + must + "=\"") != std::string::npos) fn(it->str());
}

Tallies dom_tallies(const std::string& dom) {
  Tallies t;
  each_tag(between(dom, "<p id=\"counts\"", "</p>"), "span", "data-n",
           [&](const std::string& tag) { t.page[attr_of(tag, "data-verdict")] = std::stoul(attr_of(tag, "data-n")); });
  each_tag(between(dom, "<tfoot>", "</tfoot>"), "td", "data-n", [&](const std::string& tag) {
    t.column[{std::stoul(attr_of(tag, "data-col")), attr_of(tag, "data-verdict")}] = std::stoul(attr_of(tag, "data-n"));
  });
  each_tag(between(dom, "<div id=\"chart-grid\"", "</section>"), "span", "data-family", [&](const std::string& tag) {
    t.chart[{std::stoul(attr_of(tag, "data-col")), attr_of(tag, "data-family"), attr_of(tag, "data-verdict")}] =
        std::stoul(attr_of(tag, "data-n"));
  });
  // A shown cell's class is exactly "cell v-<verdict>"; a dimmed one adds " off".
  each_tag(between(dom, "<table id=\"matrix\"", "</table>"), "td", "data-r", [&](const std::string& tag) {
    if (std::regex_match(attr_of(tag, "class"), std::regex("cell v-\\w+"))) t.shown.insert(std::stoul(attr_of(tag, "data-r")));
  });
  return t;
}

// The IUT versions as the labs' results give them, as in a published report.
std::vector<Result> published_results() {
  auto rs = sample_results();
  for (auto& r : rs) r.iut_version = r.iut == "openssl" ? "OpenSSL 3.0.19" : "GnuTLS 3.7.9";
  return rs;
}

TEST_F(ReportHtmlBrowser, MatrixRendersAndFiltersApply) {
  const auto rs = sample_results();
  const std::string url = load(render_html(rs, "tlsconform results"));

  auto attr = [](const std::string& dom, const std::string& name) {
    std::smatch m;
    return std::regex_search(dom, m, std::regex(name + "=\"(\\d+)\"")) ? std::stoul(m[1]) : 0ul;
  };

  Outcome o = b.run({"--dump-dom"}, url);
  ASSERT_FALSE(o.timed_out);
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(count(o.out, "data-r=\""), rs.size()) << "one cell per result";
  EXPECT_EQ(attr(o.out, "data-total"), rs.size());
  EXPECT_EQ(attr(o.out, "data-shown"), rs.size());
  EXPECT_EQ(count(o.out, " off\""), 0u);

  size_t fails = 0, gnutls_fails = 0;
  for (const auto& r : rs) {
    fails += r.verdict == Verdict::fail;
    gnutls_fails += r.verdict == Verdict::fail && r.iut == "gnutls";
  }
  ASSERT_GT(fails, gnutls_fails);
  o = b.run({"--dump-dom"}, url + "#verdict=fail");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(attr(o.out, "data-shown"), fails) << "the fragment filter applies";
  EXPECT_EQ(count(o.out, "class=\"cell v-fail\""), fails);
  EXPECT_EQ(count(o.out, " off\""), rs.size() - fails);

  o = b.run({"--dump-dom"}, url + "#iut=gnutls&verdict=fail");
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(attr(o.out, "data-shown"), gnutls_fails);

}

// The page's counts (per verdict, per column) and charts (per column and family) count exactly
// the results a fragment filter shows, which the test computes from its own input.
TEST_F(ReportHtmlBrowser, CountsAndChartsFollowTheFragmentFilters) {
  const auto rs = published_results();
  const std::string url = load(render_html(rs, "tlsconform results"));
  const std::vector<View> views = {{"", "", "", ""},           {"ems", "", "", ""},           {"ems", "", "", "fail"},
                                   {"", "openssl", "client", ""}, {"reneg", "", "server", "pass"}, {"", "gnutls", "", "fail"},
                                   {"dhe", "gnutls", "client", "xpass"}};
  for (const View& view : views) {
    const Outcome o = b.run({"--dump-dom"}, url + view.fragment());
    ASSERT_FALSE(o.timed_out);
    ASSERT_EQ(o.code, 0) << o.err;
    const Tallies want = expected_tallies(rs, view), got = dom_tallies(o.out);
    if (!view.fragment().empty()) {
      EXPECT_LT(want.shown.size(), rs.size()) << view.fragment() << " hides something";
    }
    EXPECT_EQ(got.shown, want.shown) << view.fragment() << ": the cells shown";
    EXPECT_EQ(got.page, want.page) << view.fragment() << ": the page's counts";
    EXPECT_EQ(got.column, want.column) << view.fragment() << ": the counts per column";
    EXPECT_EQ(got.chart, want.chart) << view.fragment() << ": the chart segments";
    std::smatch m;
    ASSERT_TRUE(std::regex_search(o.out, m, std::regex("data-shown=\"(\\d+)\""))) << view.fragment();
    EXPECT_EQ(std::stoul(m[1]), want.shown.size()) << view.fragment();
  }
}

// The column heads carry the IUT versions from the results; each cell shows its verdict's mark
// and names the verdict in text (not colour alone); the legend is drawn. Screenshots of the whole
// page, a family and the failures are saved for a person to look at.
TEST_F(ReportHtmlBrowser, VersionsInColumnHeadsMarksAndScreenshots) {
  const auto rs = published_results();
  RunInfo run{"run-openssl", "0.1.0", "2026-12-01T10:00:00Z", "2026-12-01T10:42:00Z", 2188661136183952314ull,
              {"tlsconform", "run"}, "lab-host-1"};
  const std::string url = load(render_html(rs, "tlsconform results", {{run}, "2026-12-02T08:00:00Z", "0.1.0"}));
  const Outcome o = b.run({"--dump-dom"}, url);
  ASSERT_EQ(o.code, 0) << o.err;
  const std::string head = between(o.out, "<table id=\"matrix\"", "</thead>");
  for (const auto& r : rs) {
    const std::string text = expected_label(r) + " \u2014 " + r.iut_version;
    EXPECT_NE(head.find("<div class=\"vhead\">" + text + "</div></th>"), std::string::npos) << text << "\n" << head;
  }
  EXPECT_NE(o.out.find("<section id=\"legend\""), std::string::npos);
  const std::regex cell("<td class=\"cell v-(\\w+)\" data-col=\"\\d+\" data-r=\"(\\d+)\"[^>]*>(.*?)</td>");
  size_t n = 0;
  for (auto it = std::sregex_iterator(o.out.begin(), o.out.end(), cell); it != std::sregex_iterator(); ++it, ++n) {
    const Verdict v = rs[std::stoul((*it)[2])].verdict;
    EXPECT_EQ((*it)[1].str(), to_string(v));
    EXPECT_EQ((*it)[3].str(), "<span aria-hidden=\"true\">" + std::string(verdict_style(v).mark) + "</span><span class=\"sr\"> " +
                            std::string(to_string(v)) + "</span>");
  }
  EXPECT_EQ(n, rs.size());
  screenshot(b, url, "report-all", "1400,2600");
  screenshot(b, url + "#family=ems", "report-family-ems", "1400,1000");
  screenshot(b, url + "#verdict=fail", "report-verdict-fail", "1400,1000");
}

// Seeds above 2^53 show with their exact digits: JavaScript would round a JSON number
// (2188661136183952314 showed as 2188661136183952400).
TEST_F(ReportHtmlBrowser, DetailPaneShowsTheExactSeed) {
  auto rs = sample_results();
  rs[0].seed = 2188661136183952314ull;
  Outcome o = b.run({"--dump-dom"}, load(render_html(rs, "tlsconform results")) + "#result=0");
  ASSERT_FALSE(o.timed_out);
  ASSERT_EQ(o.code, 0) << o.err;
  const size_t detail = o.out.find("id=\"detail\"");
  ASSERT_NE(detail, std::string::npos) << o.out;
  EXPECT_NE(o.out.find("<h2>" + rs[0].scenario + "</h2>", detail), std::string::npos) << "the pane opened";
  EXPECT_NE(o.out.find("2188661136183952314", detail), std::string::npos) << o.out.substr(detail, 3000);
  EXPECT_EQ(o.out.find("2188661136183952400"), std::string::npos);
}

}  // namespace
