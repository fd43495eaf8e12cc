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

std::string body_of(const Result& r) {
  std::string b;
  if (!r.reason.empty()) b += "reason: " + r.reason + "\n";
  if (!r.deviation.empty()) b += "deviation: " + r.deviation + "\n";
  if (!r.diagnosis.empty()) b += "diagnosis: " + r.diagnosis + "\n";
  for (const auto& ref : r.rfc) b += clause_text(ref) + ": " + ref.requirement + "\n";
  b += "observations: " + r.observations.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  b += fmt::format("seed: {}\n", r.seed);
  return b;
}

}  // namespace

std::string render_junit(const std::vector<Result>& results) {
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
      cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3f}\"", xml_escape(m.columns[c].id),
                           xml_escape(r.scenario), r.duration_s);
      switch (r.verdict) {
        case Verdict::fail:
        case Verdict::xpass:
          cases += fmt::format(">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
                               xml_escape(message_of(r)), to_string(r.verdict), xml_escape(body_of(r)));
          break;
        case Verdict::error:
          cases += fmt::format(">\n      <error message=\"{}\" type=\"error\">{}</error>\n    </testcase>\n",
                               xml_escape(message_of(r)), xml_escape(body_of(r)));
          break;
        case Verdict::skip:
          cases += fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n", xml_escape(one_line(r.reason)));
          break;
        case Verdict::warn:
        case Verdict::xfail:
          cases += fmt::format(">\n      <system-out>{}: {}</system-out>\n    </testcase>\n", to_string(r.verdict),
                               xml_escape(body_of(r)));
          break;
        case Verdict::pass:
          cases += "/>\n";
          break;
      }
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
