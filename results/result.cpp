#include "results/result.h"

#include <array>
#include <utility>

namespace tlsc::results {
namespace {

constexpr std::array<std::pair<Verdict, std::string_view>, 7> kVerdicts{{
    {Verdict::pass, "pass"},
    {Verdict::fail, "fail"},
    {Verdict::warn, "warn"},
    {Verdict::skip, "skip"},
    {Verdict::error, "error"},
    {Verdict::xfail, "xfail"},
    {Verdict::xpass, "xpass"},
}};

using json = nlohmann::ordered_json;

const json& field(const json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end()) throw FormatError(std::string("missing field '") + name + "'");
  return *it;
}

std::string str(const json& j, const char* name) {
  const json& v = field(j, name);
  if (!v.is_string()) throw FormatError(std::string("field '") + name + "' must be a string");
  return v.get<std::string>();
}

std::vector<std::string> strings(const json& v, const char* name) {
  if (!v.is_array()) throw FormatError(std::string("field '") + name + "' must be an array");
  std::vector<std::string> out;
  for (const json& t : v) {
    if (!t.is_string()) throw FormatError(std::string("field '") + name + "' must hold strings");
    out.push_back(t.get<std::string>());
  }
  return out;
}

}  // namespace

std::string_view to_string(Verdict v) {
  for (const auto& [k, name] : kVerdicts)
    if (k == v) return name;
  return "error";
}

std::optional<Verdict> parse_verdict(std::string_view s) {
  for (const auto& [k, name] : kVerdicts)
    if (name == s) return k;
  return std::nullopt;
}

bool is_unexpected(Verdict v, bool strict) {
  return v == Verdict::fail || v == Verdict::xpass || (strict && v == Verdict::warn);
}

std::string_view to_string(Role r) { return r == Role::server ? "server" : "client"; }

std::optional<Role> parse_role(std::string_view s) {
  if (s == "server") return Role::server;
  if (s == "client") return Role::client;
  return std::nullopt;
}

nlohmann::ordered_json to_json(const Result& r) {
  nlohmann::ordered_json j;
  j["schema_version"] = kSchemaVersion;
  j["run_id"] = r.run_id;
  j["iut"] = r.iut;
  j["iut_version"] = r.iut_version;
  j["iut_config"] = r.iut_config;
  j["role"] = to_string(r.role);
  j["scenario"] = r.scenario;
  j["verdict"] = to_string(r.verdict);
  j["reason"] = r.reason;
  j["deviation"] = r.deviation;
  j["diagnosis"] = r.diagnosis;
  j["observations"] = r.observations;
  auto& refs = j["rfc"] = nlohmann::ordered_json::array();
  for (const auto& ref : r.rfc)
    refs.push_back({{"rfc", ref.rfc},
                    {"section", ref.section},
                    {"level", ref.level},
                    {"requirement", ref.requirement},
                    {"interpretation", ref.interpretation}});
  j["seed"] = r.seed;
  j["duration_s"] = r.duration_s;
  j["transcripts"] = r.transcripts;
  if (!r.persona.empty()) j["persona"] = r.persona;
  if (!r.incidents.empty()) j["incidents"] = r.incidents;
  return j;
}

Result result_from_json(const json& j) {
  if (!j.is_object()) throw FormatError("a result must be a JSON object");
  const json& schema = field(j, "schema_version");
  if (!schema.is_number_integer() || schema.get<int>() != kSchemaVersion)
    throw FormatError("field 'schema_version' is " + schema.dump() + ", this tlsconform reads " +
                      std::to_string(kSchemaVersion));
  Result r;
  r.run_id = str(j, "run_id");
  r.iut = str(j, "iut");
  r.iut_version = str(j, "iut_version");
  r.iut_config = str(j, "iut_config");
  auto role = parse_role(str(j, "role"));
  if (!role) throw FormatError("field 'role' must be server or client");
  r.role = *role;
  r.scenario = str(j, "scenario");
  auto verdict = parse_verdict(str(j, "verdict"));
  if (!verdict) throw FormatError("field 'verdict' is not one of pass, fail, warn, skip, error, xfail, xpass");
  r.verdict = *verdict;
  r.reason = str(j, "reason");
  r.deviation = str(j, "deviation");
  r.diagnosis = str(j, "diagnosis");
  const json& obs = field(j, "observations");
  if (!obs.is_object()) throw FormatError("field 'observations' must be an object");
  r.observations = obs;
  const json& refs = field(j, "rfc");
  if (!refs.is_array()) throw FormatError("field 'rfc' must be an array");
  for (const json& ref : refs) {
    if (!ref.is_object()) throw FormatError("field 'rfc' must hold objects");
    r.rfc.push_back({str(ref, "rfc"), str(ref, "section"), str(ref, "level"), str(ref, "requirement"),
                     str(ref, "interpretation")});
  }
  const json& seed = field(j, "seed");
  if (!seed.is_number_unsigned() && !(seed.is_number_integer() && seed.get<int64_t>() >= 0))
    throw FormatError("field 'seed' must be a non-negative integer");
  r.seed = seed.get<uint64_t>();
  const json& dur = field(j, "duration_s");
  if (!dur.is_number()) throw FormatError("field 'duration_s' must be a number");
  r.duration_s = dur.get<double>();
  r.transcripts = strings(field(j, "transcripts"), "transcripts");
  if (j.contains("persona")) r.persona = str(j, "persona");
  if (j.contains("incidents")) r.incidents = strings(j["incidents"], "incidents");
  return r;
}

}  // namespace tlsc::results
