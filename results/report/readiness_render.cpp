// The readiness report as Markdown and as a self-contained HTML page: the same sections, in the
// same order, from one list of facts per section (the format only decides the markup).
#include <fmt/format.h>

#include "results/report/escape.h"
#include "results/report/readiness.h"

namespace tlsc::results {
namespace {

std::string product(const ReadinessReport& r) {
  std::string p = r.iut + (r.iut_version.empty() ? "" : " " + r.iut_version);
  if (!r.iut_config.empty() && r.iut_config != "default") p += " (configuration " + r.iut_config + ")";
  return p;
}

// The header facts: label, value.
std::vector<std::pair<std::string, std::string>> facts(const ReadinessInput& in, const ReadinessReport& r) {
  return {{"Product", product(r)},
          {"Question", in.incident_title},
          {"Date", in.date},
          {"tlsconform", in.tool_version},
          {"Seed", in.seed + " (the run's; each result in results.json has its own, derived from it)"},
          {"Persona", in.persona_title + " (" + in.persona + ")"},
          {"Command", in.command}};
}

std::string logs_of(const ReadinessCell& c) {
  std::string s;
  for (const auto& e : c.evidence)
    if (!e.stack_log.empty() && s.find(e.stack_log) == std::string::npos) s += (s.empty() ? "" : "; ") + e.stack_log;
  return s;
}

std::string log_cell(const ReadinessRow& row) {
  std::string s = logs_of(row.as_server);
  const std::string c = logs_of(row.as_client);
  if (!c.empty() && c != s) s += (s.empty() ? "" : "; ") + c;
  const bool failed = row.as_server.prediction == Prediction::kFails || row.as_client.prediction == Prediction::kFails;
  return !s.empty() ? s : failed ? "no alert on the failing connection: the handshake went on where the rule says it must not" : "nothing";
}

struct Fix {
  std::string klass, scenario, role, text;
};

std::vector<Fix> fixes(const ReadinessReport& r) {
  std::vector<Fix> out;
  for (const auto& row : r.rows)
    for (const auto* cell : {&row.as_server, &row.as_client})
      if (cell->prediction == Prediction::kFails || cell->prediction == Prediction::kWarnings)
        for (const auto& e : cell->evidence)
          out.push_back({row.klass->title, e.result->scenario, std::string(to_string(e.result->role)), e.fix});
  return out;
}

// Every evidence row of the report with its class, in report order: both formats list these.
struct EvidenceRow {
  const ReadinessClass* klass;
  const Result* result;
};

std::vector<EvidenceRow> evidence_rows(const ReadinessReport& r) {
  std::vector<EvidenceRow> out;
  for (const auto& row : r.rows)
    for (const auto* cell : {&row.as_server, &row.as_client})
      for (const auto& e : cell->evidence) out.push_back({row.klass, e.result});
  return out;
}

std::string transcripts_of(const Result& r) {
  std::string s;
  for (const auto& t : r.transcripts)
    if (t.size() > 4 && t.compare(t.size() - 4, 4, ".txt") == 0) s += (s.empty() ? "" : ", ") + t;
  return s;
}

// ---------------------------------------------------------------- Markdown
void md_header(std::string& o, const ReadinessInput& in, const ReadinessReport& r) {
  o += fmt::format("# Readiness: will {} keep working with {}?\n\n", product(r), in.stack);
  o += "| | |\n|---|---|\n";
  for (const auto& [k, v] : facts(in, r)) o += "| " + md_cell(k) + " | " + md_cell(v) + " |\n";
  o += "\n## Predictions\n\n";
  o += fmt::format("| failure class | the product as a server ({0} clients) | the product as a client ({0} servers) | what {0} logs |\n",
                   in.stack);
  o += "|---|---|---|---|\n";
  for (const auto& row : r.rows)
    o += "| " + md_cell(row.klass->title) + " | **" + md_cell(row.as_server.text) + "** | **" +
         md_cell(row.as_client.text) + "** | " + md_cell(log_cell(row)) + " |\n";
}

void md_fixes_and_evidence(std::string& o, const ReadinessReport& r) {
  const auto fx = fixes(r);
  o += "\n## What to fix\n\n";
  if (fx.empty()) o += "Nothing: no scenario of these classes failed.\n";
  for (const auto& f : fx) o += "- " + md_cell(f.text) + " (`" + f.scenario + "`, the product as " + f.role + ")\n";
  o += "\n## Evidence\n\n| class | scenario | role | verdict | reason | diagnosis | transcript |\n|---|---|---|---|---|---|---|\n";
  for (const auto& [klass, res] : evidence_rows(r))
    o += "| " + md_cell(klass->id) + " | `" + res->scenario + "` | " + std::string(to_string(res->role)) + " | " +
         std::string(to_string(res->verdict)) + " | " + md_cell(res->reason) + " | " + md_cell(res->diagnosis) + " | " +
         md_cell(transcripts_of(*res)) + " |\n";
}

void md_background(std::string& o, const ReadinessInput& in) {
  o += "\n## What " + in.stack + " users saw\n\n" + in.symptoms + "\n";
  if (!in.workaround.empty()) o += "\n" + in.workaround + "\n";
  o += "\n## The persona: our peer as " + in.persona_title + "\n\n";
  for (const auto& n : in.persona_notes)
    o += "- " + std::string(n.assumption ? "**assumption**" : "documented") + ", " + n.about + ": " + n.text + "\n";
  o += "\n## Sources\n\n";
  for (const auto& s : in.sources) o += "- " + s.title + ": <" + s.url + ">\n";
}

}  // namespace

std::string render_readiness_markdown(const ReadinessInput& in, const ReadinessReport& r) {
  std::string o;
  md_header(o, in, r);
  md_fixes_and_evidence(o, r);
  md_background(o, in);
  return o;
}

// ---------------------------------------------------------------- HTML
namespace {

constexpr const char* kCss =
    "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}"
    "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.35em .6em;"
    "vertical-align:top;text-align:left}th{background:#f3f3f3}.p{font-weight:600;width:22%}"
    "#predictions td:first-child{width:26%}#predictions td:last-child{font-size:90%}"
    ".interoperates{background:#e3f6e3}.warnings{background:#fff6d6}.fails{background:#fde2e2}"
    ".not-applicable,.not-tested,.not-determined{background:#eee}code{font-size:90%}"
    ".mark{font-weight:700;margin-right:.3em}";

std::string mark(Prediction p) {
  switch (p) {
    case Prediction::kInteroperates: return "&#10003;";  // check mark
    case Prediction::kWarnings: return "!";
    case Prediction::kFails: return "&#10007;";  // ballot x
    default: return "&ndash;";
  }
}

std::string html_cell(const ReadinessCell& c) {
  return fmt::format("<td class=\"p {}\" data-prediction=\"{}\"><span class=\"mark\" aria-hidden=\"true\">{}</span>{}</td>",
                     to_string(c.prediction), to_string(c.prediction), mark(c.prediction), xml_escape(c.text));
}

void html_header(std::string& o, const ReadinessInput& in, const ReadinessReport& r) {
  const std::string title = fmt::format("Readiness: will {} keep working with {}?", product(r), in.stack);
  o += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>" +
       xml_escape(title) + "</title>\n<style>" + kCss + "</style>\n</head>\n<body>\n<h1>" + xml_escape(title) + "</h1>\n<table id=\"facts\">\n";
  for (const auto& [k, v] : facts(in, r)) o += "<tr><th>" + xml_escape(k) + "</th><td>" + xml_escape(v) + "</td></tr>\n";
  o += "</table>\n<h2>Predictions</h2>\n<table id=\"predictions\">\n<tr><th>failure class</th><th>the product as a server (" +
       xml_escape(in.stack) + " clients)</th><th>the product as a client (" + xml_escape(in.stack) + " servers)</th><th>what " +
       xml_escape(in.stack) + " logs</th></tr>\n";
  for (const auto& row : r.rows)
    o += "<tr data-class=\"" + xml_escape(row.klass->id) + "\"><td>" + xml_escape(row.klass->title) + "<br><small>" +
         xml_escape(row.klass->rfc) + "</small></td>" + html_cell(row.as_server) + html_cell(row.as_client) + "<td>" +
         xml_escape(log_cell(row)) + "</td></tr>\n";
  o += "</table>\n";
}

void html_fixes_and_evidence(std::string& o, const ReadinessReport& r) {
  const auto fx = fixes(r);
  o += "<h2>What to fix</h2>\n<ul id=\"fixes\">\n";
  if (fx.empty()) o += "<li>Nothing: no scenario of these classes failed.</li>\n";
  for (const auto& f : fx)
    o += "<li>" + xml_escape(f.text) + " (<code>" + xml_escape(f.scenario) + "</code>, the product as " + f.role + ")</li>\n";
  o += "</ul>\n<h2>Evidence</h2>\n<table id=\"evidence\">\n<tr><th>class</th><th>scenario</th><th>role</th><th>verdict</th>"
       "<th>reason</th><th>diagnosis</th><th>transcript</th></tr>\n";
  for (const auto& [klass, res] : evidence_rows(r))
    o += "<tr><td>" + xml_escape(klass->id) + "</td><td><code>" + xml_escape(res->scenario) + "</code></td><td>" +
         std::string(to_string(res->role)) + "</td><td>" + std::string(to_string(res->verdict)) + "</td><td>" +
         xml_escape(res->reason) + "</td><td>" + xml_escape(res->diagnosis) + "</td><td>" + xml_escape(transcripts_of(*res)) +
         "</td></tr>\n";
  o += "</table>\n";
}

void html_background(std::string& o, const ReadinessInput& in) {
  o += "<h2>What " + xml_escape(in.stack) + " users saw</h2>\n<p>" + xml_escape(in.symptoms) + "</p>\n";
  if (!in.workaround.empty()) o += "<p>" + xml_escape(in.workaround) + "</p>\n";
  o += "<h2>The persona: our peer as " + xml_escape(in.persona_title) + "</h2>\n<ul id=\"persona\">\n";
  for (const auto& n : in.persona_notes)
    o += "<li>" + std::string(n.assumption ? "<strong>assumption</strong>" : "documented") + ", " + xml_escape(n.about) +
         ": " + xml_escape(n.text) + "</li>\n";
  o += "</ul>\n<h2>Sources</h2>\n<ul id=\"sources\">\n";
  for (const auto& s : in.sources) o += "<li>" + xml_escape(s.title) + ": " + xml_escape(s.url) + "</li>\n";
  o += "</ul>\n</body>\n</html>\n";
}

}  // namespace

std::string render_readiness_html(const ReadinessInput& in, const ReadinessReport& r) {
  std::string o;
  html_header(o, in, r);
  html_fixes_and_evidence(o, r);
  html_background(o, in);
  return o;
}

}  // namespace tlsc::results
