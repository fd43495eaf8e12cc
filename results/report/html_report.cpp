#include "results/report/html_report.h"

#include <set>

#include "results/report/escape.h"
#include "results/report/html_assets.h"
#include "results/report/matrix.h"
#include "results/report/verdict_style.h"

namespace tlsc::results {

namespace {

using json = nlohmann::ordered_json;

json verdicts_json() {
  json out = json::array();
  for (const auto& s : kVerdictStyles)
    out.push_back({{"name", to_string(s.verdict)}, {"mark", s.mark}, {"meaning", s.meaning}, {"bad", s.bad}});
  return out;
}

json page_data(const std::vector<Result>& results, const Matrix& m, const std::string& title) {
  json data;
  data["title"] = title;
  data["verdicts"] = verdicts_json();
  auto& cols = data["columns"] = json::array();
  for (const auto& c : m.columns)
    cols.push_back({{"label", c.label}, {"head", column_head(c.label, c.iut_version)}, {"id", c.id}, {"iut", c.iut},
                    {"version", c.iut_version}, {"config", c.iut_config}, {"role", to_string(c.role)}});
  auto& fams = data["families"] = json::array();
  for (const auto& f : m.families) fams.push_back({{"name", f.name}, {"clauses", f.clauses}, {"rows", f.rows}});
  auto& rows = data["rows"] = json::array();
  for (const auto& r : m.rows) rows.push_back({{"scenario", r.scenario}, {"family", r.family}, {"clause", r.clause}});
  auto& cells = data["cells"] = json::array();
  for (const auto& row : m.cells) {
    json jr = json::array();
    for (const auto& c : row) jr.push_back(c ? json(*c) : json(nullptr));
    cells.push_back(std::move(jr));
  }
  auto& res = data["results"] = json::array();
  // Seeds go to the page as strings: JavaScript reads a JSON number as a double, which rounds
  // seeds above 2^53 (2188661136183952314 showed as 2188661136183952400).
  for (const auto& r : results) {
    json jr = to_json(r);
    jr["seed"] = std::to_string(r.seed);
    res.push_back(std::move(jr));
  }
  return data;
}

// Static HTML (no script needed): every verdict of the table with its mark and meaning.
std::string legend_html() {
  std::string out = "<section id=\"legend\" aria-labelledby=\"legend-h\">\n<h2 id=\"legend-h\">Legend</h2>\n<ul>\n";
  for (const auto& s : kVerdictStyles) {
    const std::string name(to_string(s.verdict));
    out += "<li data-verdict=\"" + name + "\"><span class=\"mark v-" + name + "\" aria-hidden=\"true\">" +
           xml_escape(s.mark) + "</span> <b>" + name + "</b>: " + xml_escape(s.meaning) + "</li>\n";
  }
  out += "<li data-verdict=\"\"><span class=\"mark blank\" aria-hidden=\"true\"></span> <b>blank</b>: "
         "not run in these results (the scenario was not part of that IUT's run)</li>\n</ul>\n</section>\n";
  return out;
}

std::string td(const std::string& cls, const std::string& text) {
  return "<td class=\"" + cls + "\">" + (text.empty() ? "&mdash;" : xml_escape(text)) + "</td>";
}

// One row per run the results come from, in the order the results first name it.
std::string run_meta_html(const std::vector<Result>& results, const HtmlReportMeta& meta) {
  std::string out = "<section id=\"run-meta\" aria-labelledby=\"run-meta-h\">\n<h2 id=\"run-meta-h\">Runs</h2>\n";
  out += "<table>\n<thead><tr><th>run</th><th>started (UTC)</th><th>finished (UTC)</th><th>tlsconform</th>"
         "<th>seed</th><th>host</th><th>results</th></tr></thead>\n<tbody>\n";
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (const auto& r : results)
    if (seen.insert(r.run_id).second) ids.push_back(r.run_id);
  for (const auto& id : ids) {
    size_t n = 0;
    for (const auto& r : results) n += r.run_id == id;
    const RunInfo* run = nullptr;
    for (const auto& candidate : meta.runs)
      if (candidate.run_id == id) run = &candidate;
    out += "<tr data-run=\"" + xml_escape(id) + "\">" + td("run", id);
    if (run)
      out += td("started", run->started) + td("finished", run->finished) + td("tool", run->tool_version) +
             td("seed", std::to_string(run->seed)) + td("host", run->host);
    else
      out += "<td colspan=\"5\" class=\"unrecorded\">not recorded: these results come from a results.jsonl "
             "(the run's results.json holds its date, version, seed and host)</td>";
    out += "<td class=\"n\">" + std::to_string(n) + "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";
  if (!meta.generated.empty() || !meta.tool_version.empty())
    out += "<p id=\"generated\">This page was written" +
           (meta.generated.empty() ? std::string() : " on " + xml_escape(meta.generated)) +
           (meta.tool_version.empty() ? std::string() : " by tlsconform " + xml_escape(meta.tool_version)) + ".</p>\n";
  return out + "</section>\n";
}

// The filters, the counts, the matrix with its detail pane and the charts (drawn by the script).
std::string matrix_html() {
  std::string out = "<div id=\"filters\">\n"
         "<label>family <select id=\"f-family\"></select></label>\n"
         "<label>IUT <select id=\"f-iut\"></select></label>\n"
         "<label>role <select id=\"f-role\"></select></label>\n"
         "<label>verdict <select id=\"f-verdict\"></select></label>\n</div>\n";
  out += "<p id=\"status\"></p>\n<p id=\"counts\" aria-live=\"polite\"></p>\n";
  out += "<div id=\"layout\">\n<table id=\"matrix\"></table>\n"
         "<div id=\"detail\"><p>Click a cell for its details.</p></div>\n</div>\n";
  out += "<section id=\"charts\" aria-labelledby=\"charts-h\">\n<h2 id=\"charts-h\">Verdicts by family, per column</h2>\n"
         "<div id=\"chart-grid\"></div>\n</section>\n";
  return out;
}

}  // namespace

std::string column_head(const std::string& label, const std::string& version) {
  if (version.empty() || label.find(version) != std::string::npos) return label;
  return label + " \u2014 " + version;
}

std::string render_html(const std::vector<Result>& results, const std::string& title, const HtmlReportMeta& meta) {
  const json data = page_data(results, build_matrix(results), title);
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  // Nothing may be fetched: no network request from this page, whatever its data holds.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "script-src 'unsafe-inline'; img-src data:\">\n";
  out += "<title>" + xml_escape(title) + "</title>\n<style>" + std::string(kHtmlReportCss) + "</style>\n</head>\n<body>\n";
  out += "<h1>" + xml_escape(title) + "</h1>\n";
  out += "<noscript><p>This report draws its matrix with JavaScript; the data is in the page source.</p></noscript>\n";
  out += run_meta_html(results, meta) + legend_html() + matrix_html();
  out += "<script type=\"application/json\" id=\"tlsc-data\">" +
         json_for_script(data.dump(-1, ' ', false, json::error_handler_t::replace)) + "</script>\n";
  out += "<script>" + std::string(kHtmlReportJs) + "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace tlsc::results
