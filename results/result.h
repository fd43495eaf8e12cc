// The result model: one Result per (IUT, configuration, role, scenario) of a run, and its JSON form.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlsc::results {

// Version of the JSON shape below (and of results.json, run_store.h); readers refuse other
// versions with one line naming it. A field added as optional (readers of this version take a
// default when it is missing, as the run's "host") keeps the version; renaming, removing or
// retyping a field, or adding one readers require, raises it.
inline constexpr int kSchemaVersion = 1;

enum class Verdict { pass, fail, warn, skip, error, xfail, xpass };

std::string_view to_string(Verdict v);
std::optional<Verdict> parse_verdict(std::string_view s);
// True for verdicts that make a run's exit code 1 (fail, xpass; warn only when strict).
bool is_unexpected(Verdict v, bool strict);

enum class Role { server, client };  // the IUT's role: server = our peer is the client
std::string_view to_string(Role r);
std::optional<Role> parse_role(std::string_view s);

// One RFC requirement a scenario checks.
struct RfcRef {
  std::string rfc;          // "7627"
  std::string section;      // "5.3"
  std::string level;        // MUST, MUST NOT, SHOULD, SHOULD NOT, MAY
  std::string requirement;  // the requirement in our own words
  std::string interpretation;  // where readings differ, which one we check (may be empty)
  friend bool operator==(const RfcRef&, const RfcRef&) = default;
};

struct Result {
  std::string run_id;
  std::string iut;          // profile name, e.g. "openssl"
  std::string iut_version;  // as the IUT reports it
  std::string iut_config;   // named configuration, e.g. "default", "ems-off"
  Role role = Role::server;
  std::string scenario;     // e.g. "ems.resume.yes-no.id.srv"
  Verdict verdict = Verdict::error;
  std::string reason;       // why this verdict, one sentence
  std::string deviation;    // right behaviour, other detail (e.g. another alert); may be empty
  std::string diagnosis;    // root cause in a vendor's words, from probes; may be empty
  nlohmann::ordered_json observations = nlohmann::ordered_json::object();  // key -> value
  std::vector<RfcRef> rfc;
  uint64_t seed = 0;
  double duration_s = 0;
  std::vector<std::string> transcripts;  // paths relative to the run folder
  // Optional in the JSON (absent when empty): the persona our peer started from, and the field
  // incident classes ("<incident>/<class>") the scenario reproduces.
  std::string persona;
  std::vector<std::string> incidents;
  friend bool operator==(const Result&, const Result&) = default;
};

nlohmann::ordered_json to_json(const Result& r);
// Strict: a missing or mistyped field, or an unknown verdict or role, throws FormatError whose
// message names the field.
Result result_from_json(const nlohmann::ordered_json& j);

struct FormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace tlsc::results
