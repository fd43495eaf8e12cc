// The Markdown report read back: the matrix table has every result in its column, the per-IUT
// summary counts match the input, every fail is detailed with diagnosis and clause.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "results/report/escape.h"
#include "results/report/markdown_report.h"
#include "results/report/verdict_style.h"
#include "tests/unit/reports/report_fixture.h"

using namespace tlsc::results;
using namespace tlsc::reports_test;

namespace {

// Cells of a Markdown table row, with "\|" kept inside a cell.
std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size()) {
      cur += line[++i];
    } else if (line[i] == '|') {
      const size_t b = cur.find_first_not_of(' '), e = cur.find_last_not_of(' ');
      out.push_back(b == std::string::npos ? "" : cur.substr(b, e - b + 1));
      cur.clear();
    } else {
      cur += line[i];
    }
  }
  return out;
}

std::string strip(std::string s) {
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == '*' || c == '`'; }), s.end());
  std::transform(s.begin(), s.end(), s.begin(), [](char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

TEST(ReportMarkdown, MatrixSummaryAndFailsReadBack) {
  const auto rs = sample_results();
  const std::string md = render_markdown(rs);
  const auto lines = lines_of(md);

  // The matrix: header "| scenario | RFC clause | <labels> |", rows "| `id` | clause | cells |".
  auto header = std::find_if(lines.begin(), lines.end(), [](const std::string& l) { return l.rfind("| scenario |", 0) == 0; });
  ASSERT_NE(header, lines.end()) << md;
  const auto labels = cells_of(*header);
  std::map<std::pair<std::string, std::string>, std::string> cell;  // (scenario, label) -> verdict word
  size_t non_empty = 0;
  for (auto it = header + 2; it != lines.end() && it->rfind("|", 0) == 0; ++it) {
    const auto cs = cells_of(*it);
    ASSERT_EQ(cs.size(), labels.size()) << *it;
    if (cs[0].rfind("`", 0) != 0) continue;  // a family row
    for (size_t c = 2; c < cs.size(); ++c) {
      cell[{strip(cs[0]), labels[c]}] = strip(cs[c]);
      non_empty += !cs[c].empty();
    }
  }
  EXPECT_EQ(non_empty, rs.size());
  for (const Result& r : rs) {
    const std::pair<std::string, std::string> key{r.scenario, expected_label(r)};
    EXPECT_EQ(cell[key], to_string(r.verdict)) << r.scenario << " " << expected_label(r);
  }

  // Summary per IUT.
  std::map<std::string, VerdictCounts> want;
  for (const Result& r : rs) want[r.iut].add(r.verdict);
  for (const auto& [iut, n] : want) {
    auto row = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) { return l.rfind("| " + iut + " |", 0) == 0; });
    ASSERT_NE(row, lines.end()) << iut;
    const auto cs = cells_of(*row);
    ASSERT_EQ(cs.size(), 10u);
    for (size_t v = 0; v < kAllVerdicts.size(); ++v) EXPECT_EQ(cs[2 + v], std::to_string(n[kAllVerdicts[v]])) << iut;
    EXPECT_EQ(cs[9], std::to_string(n.total()));
  }

  // Every fail: a heading naming it, its diagnosis (escaped for Markdown) and its RFC clause.
  for (const Result& r : rs) {
    if (r.verdict != Verdict::fail) continue;
    const size_t at = md.find("### **FAIL** `" + r.scenario + "` — " + expected_label(r));
    ASSERT_NE(at, std::string::npos) << r.scenario;
    const std::string section = md.substr(at, md.find("\n### ", at + 1) - at);
    EXPECT_NE(section.find("**Diagnosis:** " + md_cell(r.diagnosis)), std::string::npos) << section;
    EXPECT_NE(section.find("RFC " + r.rfc[0].rfc + " " + r.rfc[0].section + " " + r.rfc[0].level), std::string::npos) << section;
  }
  // No raw markup from the data: the diagnosis with </script><b> is escaped.
  EXPECT_EQ(md.find("<b>"), std::string::npos);
}

}  // namespace
