#include "scenarios/persona.h"

#include <algorithm>

#include "scenarios/peer_json.h"

namespace tlsc::scenarios {
namespace {

using namespace fields;  // the data-file readers (json_fields.h)

std::vector<PersonaNote> parse_notes(const json& j, const Where& w, const std::vector<Source>& sources) {
  if (!j.is_array()) w.fail("must be an array of notes");
  std::vector<PersonaNote> out;
  for (size_t i = 0; i < j.size(); ++i) out.push_back(parse_note(j[i], w.index(i), sources));
  return out;
}

// {"peer": {...}, "notes": [...]}: our peer opposite an IUT in `iut_role`.
PersonaSide parse_side(const json& j, const Where& w, Role iut_role, const std::vector<Source>& sources) {
  only_fields(j, w, {"peer", "notes"});
  PersonaSide side;
  side.peer = parse_peer(required(j, w, "peer"), w.at("peer"), iut_role);
  if (j.contains("notes")) side.notes = parse_notes(j["notes"], w.at("notes"), sources);
  return side;
}

PersonaLogs parse_logs(const json& j, const Where& w, const std::vector<Source>& sources) {
  only_fields(j, w, {"alert_received", "alert_sent", "closed", "error_codes", "notes"});
  PersonaLogs logs;
  if (j.contains("alert_received")) logs.alert_received = str(j["alert_received"], w.at("alert_received"));
  if (j.contains("alert_sent")) logs.alert_sent = str(j["alert_sent"], w.at("alert_sent"));
  if (j.contains("closed")) logs.closed = str(j["closed"], w.at("closed"));
  if (j.contains("error_codes")) {
    const Where we = w.at("error_codes");
    if (!j["error_codes"].is_object()) we.fail("must be an object of alert names to error code texts");
    for (const auto& [alert, text] : j["error_codes"].items())
      logs.error_codes.emplace_back(alert, str(text, we.at(alert)));
  }
  if (j.contains("notes")) logs.notes = parse_notes(j["notes"], w.at("notes"), sources);
  return logs;
}

}  // namespace

std::vector<Source> parse_sources(const json& j, const Where& w) {
  if (!j.is_array() || j.empty()) w.fail("must be a non-empty array of sources");
  std::vector<Source> out;
  for (size_t i = 0; i < j.size(); ++i) {
    const Where wi = w.index(i);
    only_fields(j[i], wi, {"id", "title", "url"});
    Source s{str(required(j[i], wi, "id"), wi.at("id")), str(required(j[i], wi, "title"), wi.at("title")),
             str(required(j[i], wi, "url"), wi.at("url"))};
    for (const auto& seen : out)
      if (seen.id == s.id) wi.at("id").fail("duplicate source id '" + s.id + "'");
    out.push_back(std::move(s));
  }
  return out;
}

PersonaNote parse_note(const json& j, const Where& w, const std::vector<Source>& sources) {
  only_fields(j, w, {"about", "source", "assumption", "detail"});
  PersonaNote n;
  n.about = str(required(j, w, "about"), w.at("about"));
  if (j.contains("source")) n.source = str(j["source"], w.at("source"));
  if (j.contains("assumption")) n.assumption = str(j["assumption"], w.at("assumption"));
  if (n.source.empty() == n.assumption.empty())
    w.fail("a note has exactly one of 'source' (a source id) and 'assumption' (what it rests on)");
  if (!n.source.empty() &&
      std::none_of(sources.begin(), sources.end(), [&](const Source& s) { return s.id == n.source; }))
    w.at("source").fail("'" + n.source + "' is not one of the file's sources");
  if (j.contains("detail")) n.detail = str(j["detail"], w.at("detail"));
  return n;
}

static Persona persona_from(const json& doc, const std::string& file, const std::string& name) {
  const Where w{file, "", ""};
  only_fields(doc, w, {"persona", "title", "sources", "client", "server", "logs"});
  Persona p;
  p.name = str(required(doc, w, "persona"), w.at("persona"));
  if (!name.empty() && p.name != name) w.at("persona").fail("'" + p.name + "' differs from the file name '" + name + "'");
  p.title = str(required(doc, w, "title"), w.at("title"));
  p.sources = parse_sources(required(doc, w, "sources"), w.at("sources"));
  // "client" is our peer as the client, so the IUT is the server (and the other way round).
  p.client = parse_side(required(doc, w, "client"), w.at("client"), Role::server, p.sources);
  p.server = parse_side(required(doc, w, "server"), w.at("server"), Role::client, p.sources);
  if (doc.contains("logs")) p.logs = parse_logs(doc["logs"], w.at("logs"), p.sources);
  p.file = file;
  return p;
}

Persona load_persona_text(const std::string& text, const std::string& file, const std::string& name) {
  return persona_from(fields::parse_text(text, file), file, name);
}

Persona load_persona(const std::filesystem::path& file) {
  return persona_from(fields::read_file(file.string()), file.string(), file.stem().string());
}

std::filesystem::path default_persona_dir() {
  if (const char* env = std::getenv("TLSC_PERSONAS")) return env;
  return std::filesystem::path(TLSC_SOURCE_DIR) / "scenarios" / "personas";
}

std::vector<std::string> persona_names(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& f : fields::json_files(dir, "personas")) names.push_back(f.stem().string());
  return names;
}

Persona find_persona(const std::string& name, const std::filesystem::path& dir) {
  const auto names = persona_names(dir);
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    throw LoadError("--persona: unknown persona '" + name + "' (in " + dir.string() + ": " +
                    (known.empty() ? "none" : known) + ")");
  }
  return load_persona(dir / (name + ".json"));
}

}  // namespace tlsc::scenarios
