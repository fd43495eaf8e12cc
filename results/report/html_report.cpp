#include "results/report/html_report.h"

#include "results/report/escape.h"
#include "results/report/html_assets.h"
#include "results/report/matrix.h"

namespace tlsc::results {

std::string render_html(const std::vector<Result>& results, const std::string& title) {
  using json = nlohmann::ordered_json;
  const Matrix m = build_matrix(results);
  json data;
  data["title"] = title;
  auto& cols = data["columns"] = json::array();
  for (const auto& c : m.columns)
    cols.push_back({{"label", c.label}, {"id", c.id}, {"iut", c.iut}, {"version", c.iut_version},
                    {"config", c.iut_config}, {"role", to_string(c.role)}});
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

  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  // Nothing may be fetched: no network request from this page, whatever its data holds.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "script-src 'unsafe-inline'; img-src data:\">\n";
  out += "<title>" + xml_escape(title) + "</title>\n<style>" + std::string(kHtmlReportCss) + "</style>\n</head>\n<body>\n";
  out += "<h1>" + xml_escape(title) + "</h1>\n";
  out += "<noscript><p>This report draws its matrix with JavaScript; the data is in the page source.</p></noscript>\n";
  out += "<div id=\"filters\">\n"
         "<label>family <select id=\"f-family\"></select></label>\n"
         "<label>IUT <select id=\"f-iut\"></select></label>\n"
         "<label>verdict <select id=\"f-verdict\"></select></label>\n</div>\n";
  out += "<p id=\"status\"></p>\n<div id=\"layout\">\n<table id=\"matrix\"></table>\n"
         "<div id=\"detail\"><p>Click a cell for its details.</p></div>\n</div>\n";
  out += "<script type=\"application/json\" id=\"tlsc-data\">" +
         json_for_script(data.dump(-1, ' ', false, json::error_handler_t::replace)) + "</script>\n";
  out += "<script>" + std::string(kHtmlReportJs) + "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace tlsc::results
