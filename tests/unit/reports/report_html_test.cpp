// The HTML report: its embedded JSON reads back to the input; nothing in it is fetched; and in
// headless Chromium (when installed) the matrix renders one cell per result and the filters from
// the URL fragment change what is shown. A screenshot is saved next to the test's working folder.
#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>

#include "results/report/html_report.h"
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

std::string find_chromium() {
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (::access(p, X_OK) == 0) return p;
  return "";
}

struct Browser {
  std::string exe;
  fs::path profile;
  Outcome run(const std::vector<std::string>& extra, const std::string& url) {
    std::vector<std::string> argv = {exe,
                                     "--headless",
                                     "--no-sandbox",
                                     "--disable-gpu",
                                     "--disable-dev-shm-usage",
                                     "--disable-background-networking",
                                     "--disable-component-update",
                                     "--disable-sync",
                                     "--disable-extensions",
                                     "--disable-crash-reporter",
                                     "--no-first-run",
                                     "--user-data-dir=" + profile.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back(url);
    return run_process(argv, std::chrono::seconds(60));
  }
};

TEST(ReportHtmlBrowser, MatrixRendersAndFiltersApply) {
  const std::string exe = find_chromium();
  if (exe.empty()) GTEST_SKIP() << "chromium is not installed (scripts/setup installs it)";
  const auto rs = sample_results();
  const fs::path dir = temp_dir("html");
  const fs::path page = dir / "report.html";
  write_file(page, render_html(rs, "tlsconform results"));
  Browser b{exe, dir / "profile"};
  const std::string url = "file://" + page.string();

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

  const fs::path shot = fs::current_path() / "report_html_screenshot.png";
  fs::remove(shot);
  o = b.run({"--screenshot=" + shot.string(), "--window-size=1200,800", "--hide-scrollbars"}, url + "#family=ems");
  ASSERT_EQ(o.code, 0) << o.err;
  const std::string png = read_file(shot);
  ASSERT_GT(png.size(), 1000u) << shot;
  EXPECT_EQ(png.substr(1, 3), "PNG");
  RecordProperty("screenshot", shot.string());
  std::printf("screenshot: %s (%zu bytes)\n", shot.c_str(), png.size());
  fs::remove_all(dir);
}

// Seeds above 2^53 show with their exact digits: JavaScript would round a JSON number
// (2188661136183952314 showed as 2188661136183952400).
TEST(ReportHtmlBrowser, DetailPaneShowsTheExactSeed) {
  const std::string exe = find_chromium();
  if (exe.empty()) GTEST_SKIP() << "chromium is not installed (scripts/setup installs it)";
  auto rs = sample_results();
  rs[0].seed = 2188661136183952314ull;
  const fs::path dir = temp_dir("html-seed");
  const fs::path page = dir / "report.html";
  write_file(page, render_html(rs, "tlsconform results"));
  Browser b{exe, dir / "profile"};
  Outcome o = b.run({"--dump-dom"}, "file://" + page.string() + "#result=0");
  ASSERT_FALSE(o.timed_out);
  ASSERT_EQ(o.code, 0) << o.err;
  const size_t detail = o.out.find("id=\"detail\"");
  ASSERT_NE(detail, std::string::npos) << o.out;
  EXPECT_NE(o.out.find("<h2>" + rs[0].scenario + "</h2>", detail), std::string::npos) << "the pane opened";
  EXPECT_NE(o.out.find("2188661136183952314", detail), std::string::npos) << o.out.substr(detail, 3000);
  EXPECT_EQ(o.out.find("2188661136183952400"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
