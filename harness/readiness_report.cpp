#include "harness/readiness_report.h"

#include <fmt/core.h>

#include <algorithm>
#include <fstream>

#include "harness/file_name.h"
#include "results/run_store.h"
#include "scenarios/alert_names.h"

namespace tlsc::harness {
namespace fs = std::filesystem;

namespace {

std::string joined_argv(const std::vector<std::string>& argv) {
  std::string s;
  for (const auto& a : argv) s += (s.empty() ? "" : " ") + a;
  return s;
}

void add_persona(results::ReadinessInput& in, const scenarios::Persona& p) {
  in.persona = p.name;
  in.persona_title = p.title;
  for (const auto& s : p.sources)
    if (std::none_of(in.sources.begin(), in.sources.end(), [&](const auto& have) { return have.url == s.url; }))
      in.sources.push_back({s.title, s.url});
  auto notes = [&](const std::string& side, const std::vector<scenarios::PersonaNote>& ns) {
    for (const auto& n : ns) {
      std::string text = n.assumption.empty() ? n.detail : n.assumption;
      if (!n.source.empty())
        for (const auto& s : p.sources)
          if (s.id == n.source) text += " [" + s.title + "]";
      in.persona_notes.push_back({side + n.about, text, !n.assumption.empty()});
    }
  };
  notes("client: ", p.client.notes);
  notes("server: ", p.server.notes);
  notes("logs: ", p.logs.notes);
  in.log_alert_received = p.logs.alert_received;
  in.log_alert_sent = p.logs.alert_sent;
  in.log_closed = p.logs.closed;
  in.error_codes = p.logs.error_codes;
}

results::ReadinessClass class_of(const scenarios::Incident& incident, const scenarios::IncidentClass& k,
                                 const std::vector<scenarios::Scenario>& catalog) {
  results::ReadinessClass c{k.id,   k.title, k.fails, k.rfc, k.not_applicable_server, k.not_applicable_client,
                            k.not_applicable_other_protocol, false, false, "tls"};
  const std::string link = incident.id + "/" + k.id;
  for (const auto& s : catalog)
    if (std::find(s.incidents.begin(), s.incidents.end(), link) != s.incidents.end()) {
      (s.role == results::Role::server ? c.has_server : c.has_client) = true;
      c.protocol = s.protocol;
    }
  return c;
}

}  // namespace

results::ReadinessInput readiness_input(const RunCommandOptions& o, const RunSetup& setup) {
  const scenarios::Incident& incident = *scenarios::find_incident(setup.incidents, o.incident);
  results::ReadinessInput in;
  in.incident = incident.id;
  in.incident_title = incident.title;
  in.symptoms = incident.symptoms;
  in.workaround = incident.workaround;
  in.stack = incident.stack;
  for (const auto& s : incident.sources) in.sources.push_back({s.title, s.url});
  if (setup.persona) add_persona(in, *setup.persona);  // after the incident's: its sources not twice
  for (const auto& k : incident.classes) in.classes.push_back(class_of(incident, k, setup.catalog));
  in.alert_code = [](std::string_view name) -> std::optional<int> {
    if (auto a = scenarios::alert_from_name(name)) return a->value;
    return std::nullopt;
  };
  in.iut_protocol = [&setup](const std::string& iut) -> std::string {
    for (const auto* p : setup.chosen)
      if (p->name == iut) return p->protocol;
    return "";
  };
  in.tool_version = std::string("tlsconform ") + TLSC_VERSION;
  in.date = results::utc_now();
  in.command = joined_argv(o.argv);
  in.seed = std::to_string(o.seed);
  return in;
}

void write_readiness(const RunCommandOptions& o, const RunSetup& setup, const fs::path& out,
                     const std::vector<results::Result>& all) {
  if (o.incident.empty()) return;
  const auto in = readiness_input(o, setup);
  std::error_code ec;
  fs::create_directories(out / "readiness", ec);
  for (const auto& report : results::build_readiness(in, all)) {
    const std::string stem = file_name_safe(report.iut + (report.iut_config == "default" ? "" : "." + report.iut_config));
    for (const auto& [ext, text] : {std::pair{".md", results::render_readiness_markdown(in, report)},
                                    {".html", results::render_readiness_html(in, report)}}) {
      const fs::path file = out / "readiness" / (stem + ext);
      std::ofstream f(file, std::ios::binary | std::ios::trunc);
      f << text;
      if (!f.flush()) fmt::print(stderr, "tlsconform run: {}: cannot write the readiness report\n", file.string());
    }
    if (!o.quiet) fmt::print("readiness of {}: {}\n", stem, (out / "readiness" / (stem + ".html")).string());
  }
}

CLI::App* add_readiness_command(CLI::App& app, RunCommandOptions& opts) {
  auto* cmd = app.add_subcommand("readiness",
                                 "Will the IUT keep working with a real stack? Runs the scenarios of a field incident "
                                 "(default: windows-2019-ems) with its persona; writes <out>/readiness/<iut>.md and .html");
  opts.incident = "windows-2019-ems";
  opts.out = "tlsconform-readiness";
  add_run_options(*cmd, opts);
  return cmd;
}

}  // namespace tlsc::harness
