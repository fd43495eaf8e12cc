// The terminal matrix, read back: every result's character sits in its column, blanks are the
// units not run, the problem list names every fail and warn, and the counts add up.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "results/report/terminal_report.h"
#include "results/report/verdict_style.h"
#include "tests/unit/reports/report_fixture.h"

using namespace tlsc::results;
using namespace tlsc::reports_test;

namespace {

struct ParsedTerminal {
  std::map<std::string, std::string> label_of_tag;   // "A" -> "openssl server default"
  std::map<std::string, size_t> position_of_tag;     // character position in the matrix lines
  std::map<std::string, std::string> row_line;       // scenario -> its matrix line
  std::map<std::string, std::vector<size_t>> counts; // tag -> 7 counts + total
  std::string problems;
};

ParsedTerminal parse(const std::string& text) {
  ParsedTerminal p;
  const auto lines = lines_of(text);
  size_t i = 0;
  for (; i < lines.size() && lines[i] != "Columns:"; ++i) {
  }
  for (++i; i < lines.size() && lines[i].rfind("  ", 0) == 0; ++i) {
    const std::string& l = lines[i];
    const size_t tag_end = l.find(' ', 2);
    const std::string tag = l.substr(2, tag_end - 2);
    const size_t label_start = l.find_first_not_of(' ', tag_end);
    const size_t paren = l.rfind(" (");
    p.label_of_tag[tag] = l.substr(label_start, paren - label_start);
  }
  for (; i < lines.size() && !lines[i].empty(); ++i) {  // the legend of the characters
  }
  ++i;
  const std::string& header = lines.at(i);
  for (const auto& [tag, label] : p.label_of_tag) {
    const size_t pos = header.find(" " + tag + " ");
    p.position_of_tag[tag] = pos == std::string::npos ? header.rfind(" " + tag) + 1 : pos + 1;
  }
  for (++i; i < lines.size() && !lines[i].empty(); ++i)
    if (lines[i].rfind("  ", 0) == 0) {
      const std::string sc = lines[i].substr(2, lines[i].find(' ', 2) - 2);
      p.row_line[sc] = lines[i];
    }
  const size_t counts_at = text.find("\nCounts:\n");
  p.problems = text.substr(i < lines.size() ? text.find(lines[i + 1]) : 0, counts_at);
  for (size_t j = 0; j < lines.size(); ++j) {
    if (lines[j] != "Counts:") continue;
    for (size_t k = j + 2; k < lines.size() && !lines[k].empty(); ++k) {
      std::istringstream in(lines[k]);
      std::string tag;
      in >> tag;
      std::vector<size_t> n(8);
      for (auto& x : n) in >> x;
      p.counts[tag] = n;
    }
  }
  return p;
}

TEST(ReportTerminal, EveryResultIsInItsCellAndCountsAddUp) {
  const auto rs = sample_results();
  const std::string text = render_terminal(rs, /*colour=*/false);
  EXPECT_EQ(text.find('\033'), std::string::npos) << "no colour was asked for";
  const ParsedTerminal p = parse(text);
  ASSERT_EQ(p.label_of_tag.size(), 6u) << text;  // openssl x 2 configurations x 2 roles + gnutls x 2 roles
  std::map<std::string, std::string> tag_of_label;
  for (const auto& [tag, label] : p.label_of_tag) tag_of_label[label] = tag;

  size_t cells = 0;
  std::map<std::string, VerdictCounts> expected_counts;
  for (const Result& r : rs) {
    ASSERT_TRUE(tag_of_label.count(expected_label(r))) << expected_label(r) << "\n" << text;
    const std::string tag = tag_of_label[expected_label(r)];
    ASSERT_TRUE(p.row_line.count(r.scenario)) << r.scenario;
    const std::string& line = p.row_line.at(r.scenario);
    ASSERT_LT(p.position_of_tag.at(tag), line.size()) << line;
    EXPECT_EQ(line[p.position_of_tag.at(tag)], verdict_char(r.verdict)) << r.scenario << " " << tag << "\n" << line;
    expected_counts[tag].add(r.verdict);
    ++cells;
  }
  // Blank where nothing ran: count the non-blank cells over all rows.
  size_t seen = 0;
  for (const auto& [sc, line] : p.row_line)
    for (const auto& [tag, pos] : p.position_of_tag) seen += pos < line.size() && line[pos] != ' ';
  EXPECT_EQ(seen, cells);

  for (const auto& [tag, n] : expected_counts) {
    ASSERT_TRUE(p.counts.count(tag)) << tag;
    for (size_t v = 0; v < kAllVerdicts.size(); ++v) EXPECT_EQ(p.counts.at(tag)[v], n[kAllVerdicts[v]]) << tag;
    EXPECT_EQ(p.counts.at(tag)[7], n.total());
  }
  // Every fail and warn is listed with its diagnosis and RFC clause.
  for (const Result& r : rs) {
    if (r.verdict != Verdict::fail && r.verdict != Verdict::warn) continue;
    const std::string diag = r.diagnosis.substr(0, r.diagnosis.find('\n'));
    EXPECT_NE(p.problems.find(diag), std::string::npos) << diag;
  }
  EXPECT_NE(p.problems.find("RFC 7627 5.3 MUST"), std::string::npos);
}

TEST(ReportTerminal, ColourOnlyWhenAsked) {
  const auto rs = sample_results();
  EXPECT_NE(render_terminal(rs, true).find("\033["), std::string::npos);
}

TEST(ReportTerminal, ChangingAVerdictChangesItsCell) {
  auto rs = sample_results();
  const std::string before = render_terminal(rs, false);
  rs[0].verdict = rs[0].verdict == Verdict::fail ? Verdict::pass : Verdict::fail;
  EXPECT_NE(render_terminal(rs, false), before);
}

}  // namespace
