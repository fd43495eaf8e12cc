// Field incidents: documented real-world failures (e.g. the Windows updates of October 2019,
// CVE-2019-1318) as data in scenarios/incidents/<id>.json, each split into failure classes.
// A catalog scenario names the classes it reproduces ("incidents": ["windows-2019-ems/resumption"]);
// `tlsconform readiness` runs exactly those scenarios, with the incident's persona, and predicts
// for each class whether the IUT works with the real stack.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/model.h"
#include "scenarios/persona.h"

namespace tlsc::scenarios {

struct IncidentClass {
  std::string id;     // "resumption"; linked as "<incident>/<class>"
  std::string title;  // the failure class in the source's terms
  std::string fails;  // the prediction when a linked scenario fails, e.g. "fails on resumption"
  std::string rfc;    // the rule it is about, e.g. "RFC 7627 5.3"
  std::string source;  // a Source id of the incident
  // Why the class cannot happen, by the IUT's role ("server": the IUT serves the real stack's
  // clients), when none of its scenarios applies (or all are skipped as not applicable); "" =
  // not said, then the skips' reasons are given.
  std::string not_applicable_server;
  std::string not_applicable_client;
  // Why it cannot happen to an IUT of another protocol than its scenarios' (e.g. "not an FTPS
  // product"); "" = such an IUT is "not tested" for it.
  std::string not_applicable_other_protocol;
};

struct Incident {
  std::string id;       // the file's stem
  std::string title;
  std::string persona;  // the persona that stands for the real stack (scenarios/personas)
  std::string stack;    // the real stack in a word or two, e.g. "Windows"
  std::vector<Source> sources;
  std::string symptoms;    // what users of the real stack saw
  std::string workaround;  // what the source offers instead of a fix, if anything
  std::vector<IncidentClass> classes;
  std::string file;

  const IncidentClass* find_class(const std::string& id) const;
};

// Throws LoadError (one line naming the file and field).
Incident load_incident_text(const std::string& text, const std::string& file, const std::string& id);
// Every *.json in `dir`, sorted by name.
std::vector<Incident> load_incidents(const std::filesystem::path& dir);
// $TLSC_INCIDENTS if set, else the source tree's scenarios/incidents.
std::filesystem::path default_incident_dir();
const Incident* find_incident(const std::vector<Incident>& all, const std::string& id);

// Every link of every scenario names an incident and class that exist; else LoadError naming the
// scenario's file, its id and the link.
void check_incident_links(const std::vector<Scenario>& catalog, const std::vector<Incident>& incidents);
// Whether `s` reproduces a class of `incident` (links "<incident>/<class>").
bool reproduces(const Scenario& s, const std::string& incident);

}  // namespace tlsc::scenarios
