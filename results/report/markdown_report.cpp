#include "results/report/markdown_report.h"

#include <fmt/format.h>

#include <map>

#include "results/report/escape.h"
#include "results/report/matrix.h"
#include "results/report/verdict_style.h"

namespace tlsc::results {

std::string markdown_verdict(Verdict v) {
  switch (v) {
    case Verdict::fail: return "**FAIL**";
    case Verdict::xpass: return "**XPASS**";
    case Verdict::error: return "**ERROR**";
    case Verdict::warn: return "*warn*";
    default: return std::string(to_string(v));
  }
}

std::string render_markdown(const std::vector<Result>& results, const RunIndex& runs) {
  const Matrix m = build_matrix(results);
  std::string out = "# TLS conformance results\n\n";
  if (results.empty()) return out + "No results.\n";

  // The matrix.
  out += "## Matrix\n\n| scenario | RFC clause |";
  for (const auto& c : m.columns) out += " " + md_cell(c.label) + " |";
  out += "\n|---|---|";
  for (size_t c = 0; c < m.columns.size(); ++c) out += ":---:|";
  out += "\n";
  for (const auto& fam : m.families) {
    std::string clauses;
    for (const auto& c : fam.clauses) clauses += (clauses.empty() ? "" : ", ") + c;
    out += "| **" + md_cell(fam.name) + "** | " + md_cell(clauses) + " |";
    for (size_t c = 0; c < m.columns.size(); ++c) out += " |";
    out += "\n";
    for (size_t row : fam.rows) {
      out += "| `" + md_cell(m.rows[row].scenario) + "` | " + md_cell(m.rows[row].clause) + " |";
      for (size_t c = 0; c < m.columns.size(); ++c) {
        const auto& cell = m.cells[row][c];
        out += " " + (cell ? markdown_verdict(results[*cell].verdict) : std::string()) + " |";
      }
      out += "\n";
    }
  }

  // Per IUT (name and version) summary.
  out += "\n## Summary per IUT\n\n| IUT | version | pass | fail | warn | skip | error | xfail | xpass | total |\n"
         "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  std::map<std::pair<std::string, std::string>, VerdictCounts> per_iut;
  for (const auto& r : results) per_iut[{r.iut, r.iut_version}].add(r.verdict);
  for (const auto& [key, n] : per_iut)
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", md_cell(key.first), md_cell(key.second),
                       n[Verdict::pass], n[Verdict::fail], n[Verdict::warn], n[Verdict::skip], n[Verdict::error],
                       n[Verdict::xfail], n[Verdict::xpass], n.total());

  // Every fail (and xpass, error, warn) with what a vendor needs to act on it.
  std::string details;
  for (Verdict want : {Verdict::fail, Verdict::xpass, Verdict::error, Verdict::warn}) {
    for (size_t row = 0; row < m.rows.size(); ++row)
      for (size_t c = 0; c < m.columns.size(); ++c) {
        const auto& cell = m.cells[row][c];
        if (!cell || results[*cell].verdict != want) continue;
        const Result& r = results[*cell];
        details += fmt::format("\n### {} `{}` — {} ({}, {})\n\n", markdown_verdict(r.verdict), md_cell(r.scenario),
                               md_cell(m.columns[c].label), md_cell(r.iut_version), md_cell(r.iut_config));
        if (!r.diagnosis.empty()) details += "- **Diagnosis:** " + md_cell(r.diagnosis) + "\n";
        if (!r.reason.empty()) details += "- **Reason:** " + md_cell(r.reason) + "\n";
        if (!r.deviation.empty()) details += "- **Deviation:** " + md_cell(r.deviation) + "\n";
        for (const auto& ref : r.rfc) {
          details += "- **" + md_cell(clause_text(ref)) + "**";
          if (!ref.requirement.empty()) details += ": " + md_cell(ref.requirement);
          if (!ref.interpretation.empty()) details += " (interpretation: " + md_cell(ref.interpretation) + ")";
          details += "\n";
        }
        details += fmt::format("- seed {}, run {}\n", r.seed, md_cell(r.run_id));
        details += "- **Rerun:** `" + md_cell(rerun_command(r, runs)) + "`\n";
        details += "- **Transcripts:** " + md_cell(transcript_list(r)) + "\n";
      }
  }
  out += "\n## Fails, warns and errors\n" + (details.empty() ? std::string("\nNone.\n") : details);
  return out;
}

}  // namespace tlsc::results
