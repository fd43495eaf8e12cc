#include "results/report/junit_report.h"

#include <fmt/format.h>

#include "results/report/escape.h"
#include "results/report/matrix.h"
#include "results/report/verdict_style.h"

namespace tlsc::results {
namespace {

std::string message_of(const Result& r) {
  std::string m = !r.diagnosis.empty() ? r.diagnosis : r.reason;
  if (!r.rfc.empty()) m += (m.empty() ? "" : " (") + clause_text(r.rfc.front()) + (m.empty() ? "" : ")");
  return one_line(m);
}

std::string body_of(const Result& r, const RunIndex& runs) {
  std::string b = "rerun: " + rerun_command(r, runs) + "\n";
  if (!r.reason.empty()) b += "reason: " + r.reason + "\n";
  if (!r.deviation.empty()) b += "deviation: " + r.deviation + "\n";
  if (!r.diagnosis.empty()) b += "diagnosis: " + r.diagnosis + "\n";
  for (const auto& ref : r.rfc) b += clause_text(ref) + ": " + ref.requirement + "\n";
  b += "observations: " + r.observations.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  b += fmt::format("seed: {}\n", r.seed);
  b += "transcripts: " + transcript_list(r) + "\n";
  return b;
}

// Transcripts as attachments, in the form the Jenkins attachments plugin and GitLab read from
// <system-out>: one [[ATTACHMENT|path]] line each.
std::string attachments_of(const Result& r) {
  std::string out;
  for (const auto& t : r.transcripts) out += "[[ATTACHMENT|" + t + "]]\n";
  return out;
}

std::string system_out(const std::string& text) {
  return text.empty() ? "" : "      <system-out>" + xml_escape(text) + "</system-out>\n";
}

// The elements inside one <testcase>, or "" for a pass.
std::string outcome_of(const Result& r, const RunIndex& runs) {
  switch (r.verdict) {
    case Verdict::fail:
    case Verdict::xpass:
      return fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n", xml_escape(message_of(r)),
                         to_string(r.verdict), xml_escape(body_of(r, runs))) + system_out(attachments_of(r));
    case Verdict::error:
      return fmt::format("      <error message=\"{}\" type=\"error\">{}</error>\n", xml_escape(message_of(r)),
                         xml_escape(body_of(r, runs))) + system_out(attachments_of(r));
    case Verdict::skip:
      return fmt::format("      <skipped message=\"{}\"/>\n", xml_escape(one_line(r.reason)));
    case Verdict::warn:
    case Verdict::xfail:
      return system_out(std::string(to_string(r.verdict)) + ": " + body_of(r, runs) + attachments_of(r));
    case Verdict::pass:
      break;
  }
  return "";
}

}  // namespace

std::string junit_classname(const Result& r) {
  return r.iut + "." + r.iut_config + "." + std::string(to_string(r.role));
}

std::string render_junit(const std::vector<Result>& results, const RunIndex& runs) {
  const Matrix m = build_matrix(results);
  VerdictCounts all;
  double all_time = 0;
  for (const auto& r : results) {
    all.add(r.verdict);
    all_time += r.duration_s;
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"tlsconform\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3f}\">\n",
                     all.total(), all[Verdict::fail] + all[Verdict::xpass], all[Verdict::error], all[Verdict::skip],
                     all_time);
  for (size_t c = 0; c < m.columns.size(); ++c) {
    VerdictCounts n;
    double time = 0;
    std::string cases;
    for (size_t row = 0; row < m.rows.size(); ++row) {
      if (!m.cells[row][c]) continue;
      const Result& r = results[*m.cells[row][c]];
      n.add(r.verdict);
      time += r.duration_s;
      const std::string inner = outcome_of(r, runs);
      cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3f}\"", xml_escape(junit_classname(r)),
                           xml_escape(r.scenario), r.duration_s);
      cases += inner.empty() ? std::string("/>\n") : ">\n" + inner + "    </testcase>\n";
    }
    out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3f}\">\n",
                       xml_escape(m.columns[c].id), n.total(), n[Verdict::fail] + n[Verdict::xpass], n[Verdict::error],
                       n[Verdict::skip], time);
    out += fmt::format("    <properties>\n      <property name=\"iut\" value=\"{}\"/>\n"
                       "      <property name=\"iut_version\" value=\"{}\"/>\n"
                       "      <property name=\"iut_config\" value=\"{}\"/>\n"
                       "      <property name=\"role\" value=\"{}\"/>\n    </properties>\n",
                       xml_escape(m.columns[c].iut), xml_escape(m.columns[c].iut_version),
                       xml_escape(m.columns[c].iut_config), to_string(m.columns[c].role));
    out += cases + "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace tlsc::results
