#include "results/report/terminal_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "results/report/escape.h"
#include "results/report/matrix.h"
#include "results/report/verdict_style.h"

namespace tlsc::results {

std::string column_tag(size_t index) {
  constexpr std::string_view kTags = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  if (index < kTags.size()) return std::string(1, kTags[index]);
  index -= kTags.size();
  return std::string{kTags[(index / kTags.size()) % kTags.size()], kTags[index % kTags.size()]};
}

std::string render_terminal(const std::vector<Result>& results, bool colour, const RunIndex& runs) {
  const Matrix m = build_matrix(results);
  const std::string reset = colour ? "\033[0m" : "";
  auto paint = [&](Verdict v, const std::string& text) {
    return colour ? std::string(verdict_colour(v)) + text + reset : text;
  };
  std::string out;
  if (results.empty()) return "No results.\n";

  size_t tag_width = 1, name_width = 8;
  for (size_t c = 0; c < m.columns.size(); ++c) tag_width = std::max(tag_width, column_tag(c).size());
  for (const auto& row : m.rows) name_width = std::max(name_width, row.scenario.size() + 3);

  out += "Columns:\n";
  for (size_t c = 0; c < m.columns.size(); ++c)
    out += fmt::format("  {:<{}}  {} ({}, {})\n", column_tag(c), tag_width, m.columns[c].label,
                       m.columns[c].iut_version, m.columns[c].iut_config);
  out += "Cells:";
  for (const auto& s : kVerdictStyles) out += fmt::format(" {} {} ", s.ch, to_string(s.verdict));
  out += " (blank: not run)\n\n";

  std::string header(name_width, ' ');
  for (size_t c = 0; c < m.columns.size(); ++c) header += fmt::format("{:<{}} ", column_tag(c), tag_width);
  out += header + "\n";
  for (const auto& fam : m.families) {
    std::string clauses;
    for (const auto& c : fam.clauses) clauses += (clauses.empty() ? "" : ", ") + c;
    out += fam.name + (clauses.empty() ? "" : "  (" + clauses + ")") + "\n";
    for (size_t row : fam.rows) {
      std::string line = fmt::format("  {:<{}}", m.rows[row].scenario, name_width - 2);
      for (size_t c = 0; c < m.columns.size(); ++c) {
        const auto& cell = m.cells[row][c];
        const std::string pad(tag_width, ' ');
        if (!cell) {
          line += pad + " ";
        } else {
          const Verdict v = results[*cell].verdict;
          line += paint(v, std::string(1, verdict_char(v))) + pad.substr(1) + " ";
        }
      }
      if (!m.rows[row].clause.empty()) line += " " + m.rows[row].clause;
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
  }

  // Everything that needs attention, most serious first.
  std::string problems;
  for (Verdict want : {Verdict::fail, Verdict::xpass, Verdict::error, Verdict::warn}) {
    for (const auto& row : m.rows)
      for (size_t c = 0; c < m.columns.size(); ++c) {
        const auto& cell = m.cells[&row - m.rows.data()][c];
        if (!cell || results[*cell].verdict != want) continue;
        const Result& r = results[*cell];
        problems += fmt::format("{} {} [{}]\n", paint(r.verdict, std::string(to_string(r.verdict))), one_line(r.scenario),
                                one_line(m.columns[c].label));
        if (!r.diagnosis.empty()) problems += "    diagnosis: " + one_line(r.diagnosis) + "\n";
        if (!r.reason.empty()) problems += "    reason:    " + one_line(r.reason) + "\n";
        if (!r.deviation.empty()) problems += "    deviation: " + one_line(r.deviation) + "\n";
        for (const auto& ref : r.rfc)
          problems += "    " + clause_text(ref) + (ref.requirement.empty() ? "" : ": " + one_line(ref.requirement)) + "\n";
        problems += "    rerun:     " + one_line(rerun_command(r, runs)) + "\n";
        problems += "    transcripts: " + one_line(transcript_list(r)) + "\n";
      }
  }
  out += "\n" + (problems.empty() ? std::string("No fails, warns or errors.\n") : "Fails, warns and errors:\n" + problems);

  out += "\nCounts:\n";
  const size_t cw = std::max<size_t>(tag_width, 3);
  out += fmt::format("  {:<{}}  {:>5} {:>5} {:>5} {:>5} {:>5} {:>5} {:>5} {:>6}\n", "", cw, "pass", "fail",
                     "warn", "skip", "error", "xfail", "xpass", "total");
  VerdictCounts all;
  for (size_t c = 0; c < m.columns.size(); ++c) {
    VerdictCounts n;
    for (size_t row = 0; row < m.rows.size(); ++row)
      if (m.cells[row][c]) {
        n.add(results[*m.cells[row][c]].verdict);
        all.add(results[*m.cells[row][c]].verdict);
      }
    out += fmt::format("  {:<{}}  {:>5} {:>5} {:>5} {:>5} {:>5} {:>5} {:>5} {:>6}  {}\n", column_tag(c), cw,
                       n[Verdict::pass], n[Verdict::fail], n[Verdict::warn], n[Verdict::skip], n[Verdict::error],
                       n[Verdict::xfail], n[Verdict::xpass], n.total(), m.columns[c].label);
  }
  out += fmt::format("  {:<{}}  {:>5} {:>5} {:>5} {:>5} {:>5} {:>5} {:>5} {:>6}\n", "all", cw,
                     all[Verdict::pass], all[Verdict::fail], all[Verdict::warn], all[Verdict::skip],
                     all[Verdict::error], all[Verdict::xfail], all[Verdict::xpass], all.total());
  return out;
}

}  // namespace tlsc::results
