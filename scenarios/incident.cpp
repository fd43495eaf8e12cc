#include "scenarios/incident.h"

#include <algorithm>

namespace tlsc::scenarios {
namespace {

using namespace fields;  // the data-file readers (json_fields.h)

IncidentClass parse_class(const json& j, const Where& w, const std::vector<Source>& sources) {
  only_fields(j, w, {"id", "title", "fails", "rfc", "source", "not_applicable"});
  IncidentClass c;
  c.id = str(required(j, w, "id"), w.at("id"));
  if (c.id.empty() || c.id.find_first_of("/ ") != std::string::npos) w.at("id").fail("a class id is one word without '/'");
  c.title = str(required(j, w, "title"), w.at("title"));
  c.fails = str(required(j, w, "fails"), w.at("fails"));
  c.rfc = str(required(j, w, "rfc"), w.at("rfc"));
  c.source = str(required(j, w, "source"), w.at("source"));
  if (std::none_of(sources.begin(), sources.end(), [&](const Source& s) { return s.id == c.source; }))
    w.at("source").fail("'" + c.source + "' is not one of the file's sources");
  if (j.contains("not_applicable")) {
    const Where wn = w.at("not_applicable");
    const json& na = j["not_applicable"];
    only_fields(na, wn, {"server", "client", "other_protocol"});
    if (na.contains("server")) c.not_applicable_server = str(na["server"], wn.at("server"));
    if (na.contains("client")) c.not_applicable_client = str(na["client"], wn.at("client"));
    if (na.contains("other_protocol")) c.not_applicable_other_protocol = str(na["other_protocol"], wn.at("other_protocol"));
  }
  return c;
}

const IncidentClass* find_in(const std::vector<IncidentClass>& classes, const std::string& cid) {
  for (const auto& c : classes)
    if (c.id == cid) return &c;
  return nullptr;
}

Incident incident_from(const json& doc, const std::string& file, const std::string& id) {
  const Where w{file, "", ""};
  only_fields(doc, w, {"incident", "title", "stack", "persona", "sources", "symptoms", "workaround", "classes"});
  Incident in;
  in.id = str(required(doc, w, "incident"), w.at("incident"));
  if (!id.empty() && in.id != id) w.at("incident").fail("'" + in.id + "' differs from the file name '" + id + "'");
  in.title = str(required(doc, w, "title"), w.at("title"));
  in.persona = str(required(doc, w, "persona"), w.at("persona"));
  in.stack = str(required(doc, w, "stack"), w.at("stack"));
  in.sources = parse_sources(required(doc, w, "sources"), w.at("sources"));
  in.symptoms = str(required(doc, w, "symptoms"), w.at("symptoms"));
  if (doc.contains("workaround")) in.workaround = str(doc["workaround"], w.at("workaround"));
  const json& classes = required(doc, w, "classes");
  if (!classes.is_array() || classes.empty()) w.at("classes").fail("must be a non-empty array");
  for (size_t i = 0; i < classes.size(); ++i) {
    auto c = parse_class(classes[i], w.at("classes").index(i), in.sources);
    if (find_in(in.classes, c.id)) w.at("classes").index(i).at("id").fail("duplicate class id '" + c.id + "'");
    in.classes.push_back(std::move(c));
  }
  in.file = file;
  return in;
}

}  // namespace

Incident load_incident_text(const std::string& text, const std::string& file, const std::string& id) {
  return incident_from(fields::parse_text(text, file), file, id);
}

const IncidentClass* Incident::find_class(const std::string& cid) const { return find_in(classes, cid); }

std::vector<Incident> load_incidents(const std::filesystem::path& dir) {
  std::vector<Incident> out;
  for (const auto& f : fields::json_files(dir, "incidents"))
    out.push_back(incident_from(fields::read_file(f.string()), f.string(), f.stem().string()));
  return out;
}

std::filesystem::path default_incident_dir() {
  if (const char* env = std::getenv("TLSC_INCIDENTS")) return env;
  return std::filesystem::path(TLSC_SOURCE_DIR) / "scenarios" / "incidents";
}

const Incident* find_incident(const std::vector<Incident>& all, const std::string& id) {
  for (const auto& i : all)
    if (i.id == id) return &i;
  return nullptr;
}

void check_incident_links(const std::vector<Scenario>& catalog, const std::vector<Incident>& incidents) {
  for (const auto& s : catalog)
    for (const auto& link : s.incidents) {
      const auto slash = link.find('/');
      const Incident* in = find_incident(incidents, link.substr(0, slash));
      if (slash == std::string::npos || !in || !in->find_class(link.substr(slash + 1)))
        throw LoadError(s.file + ": " + s.id + ": incidents: '" + link +
                        "' names no incident class (scenarios/incidents/<incident>.json, class id)");
    }
}

bool reproduces(const Scenario& s, const std::string& incident) {
  return std::any_of(s.incidents.begin(), s.incidents.end(),
                     [&](const std::string& l) { return l.rfind(incident + "/", 0) == 0; });
}

}  // namespace tlsc::scenarios
