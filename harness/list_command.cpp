#include "harness/list_command.h"

#include <fmt/core.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "harness/cli.h"
#include "scenarios/loader.h"

namespace tlsc::harness {

void add_list_options(CLI::App& list, ListOptions& o) {
  list.add_flag("--json", o.json, "One JSON document for tools");
  list.add_option("--family", o.families, "Only this family (repeatable): ems, dhe, ecdhe, certreq, ...");
  list.add_option("--rfc", o.rfcs, "Only scenarios citing this RFC, or RFC:section (repeatable), e.g. 7627 or 7627:5.3");
  list.add_option("--role", o.role, "Only this IUT role")->check(CLI::IsMember({"server", "client"}));
  list.add_option("--catalog", o.catalog, "Catalog folder (default: the built-in catalog)");
}

namespace {

bool cites(const scenarios::Scenario& s, const std::string& filter) {
  const auto colon = filter.find(':');
  const std::string rfc = filter.substr(0, colon);
  const std::string section = colon == std::string::npos ? "" : filter.substr(colon + 1);
  for (const auto& r : s.rfc)
    if (r.rfc == rfc && (section.empty() || r.section == section || r.section.rfind(section + ".", 0) == 0)) return true;
  return false;
}

bool selected(const scenarios::Scenario& s, const ListOptions& o) {
  if (!o.families.empty() && std::find(o.families.begin(), o.families.end(), s.family) == o.families.end()) return false;
  if (!o.role.empty() && results::to_string(s.role) != o.role) return false;
  if (!o.rfcs.empty() && std::none_of(o.rfcs.begin(), o.rfcs.end(), [&](const auto& f) { return cites(s, f); }))
    return false;
  return true;
}

std::string clauses(const scenarios::Scenario& s) {
  std::string out;
  for (const auto& r : s.rfc) out += (out.empty() ? "" : ", ") + ("RFC " + r.rfc + " " + r.section);
  return out;
}

}  // namespace

int run_list(const ListOptions& o) {
  std::vector<scenarios::Scenario> all;
  try {
    all = scenarios::load_catalog(o.catalog.empty() ? scenarios::default_catalog_dir() : std::filesystem::path(o.catalog));
  } catch (const scenarios::LoadError& e) {
    fmt::print(stderr, "tlsconform list: {}\n", e.what());
    return kExitUsage;
  }
  std::vector<const scenarios::Scenario*> shown;
  for (const auto& s : all)
    if (selected(s, o)) shown.push_back(&s);

  if (o.json) {
    nlohmann::ordered_json doc;
    doc["scenarios"] = nlohmann::ordered_json::array();
    for (const auto* s : shown) {
      nlohmann::ordered_json j;
      j["id"] = s->id;
      j["family"] = s->family;
      j["role"] = results::to_string(s->role);
      j["title"] = s->title;
      j["level"] = s->level();
      j["requires"] = s->requires_caps;
      j["iut_config"] = s->iut_config;
      j["slow"] = s->slow;
      j["statistical"] = s->statistical;
      auto& refs = j["rfc"] = nlohmann::ordered_json::array();
      for (const auto& r : s->rfc) refs.push_back({{"rfc", r.rfc}, {"section", r.section}, {"level", r.level}, {"requirement", r.requirement}});
      doc["scenarios"].push_back(j);
    }
    fmt::print("{}\n", doc.dump(2));
    return kExitOk;
  }
  size_t width = 0;
  for (const auto* s : shown) width = std::max(width, s->id.size());
  for (const auto* s : shown) fmt::print("{:<{}}  {}\n", s->id, width, clauses(*s));
  fmt::print("{} scenarios\n", shown.size());
  return kExitOk;
}

}  // namespace tlsc::harness
