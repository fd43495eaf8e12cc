// The readiness report: for one IUT (in one configuration), one row per failure class of a field
// incident (e.g. the Windows updates of October 2019) with the prediction a vendor can hand to a
// customer ("interoperates", "fails on resumption", "not applicable: no DHE suites"), what the
// real stack would log, the evidence (scenario, verdict, diagnosis, transcripts) and what to fix.
//
// The results layer knows nothing of incidents or personas: the harness fills ReadinessInput
// from scenarios/incident.h and scenarios/persona.h.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "results/result.h"

namespace tlsc::results {

struct ReadinessClass {
  std::string id;  // linked by results as "<incident>/<id>"
  std::string title;
  std::string fails;  // the prediction when a linked scenario fails
  std::string rfc;
  std::string not_applicable_server, not_applicable_client;  // by the IUT's role; "" = not said
  std::string not_applicable_other_protocol;  // for an IUT of another protocol; "" = not tested
  // What the catalog links to the class: scenarios in each role, and their protocol ("tls",
  // "ftps"): a class with no result tells "not applicable" from "not tested" by these.
  bool has_server = false, has_client = false;
  std::string protocol = "tls";
};

struct ReadinessSource {
  std::string title;
  std::string url;
};

// One fact the persona rests on: documented (by a source) or an assumption.
struct ReadinessNote {
  std::string about;
  std::string text;
  bool assumption = false;
};

struct ReadinessInput {
  std::string incident;  // id
  std::string incident_title;
  std::string symptoms, workaround;
  std::string stack;  // the real stack in a few words, e.g. "Windows" (column heads, sentences)
  std::string persona, persona_title;
  std::vector<ReadinessSource> sources;  // the incident's, then the persona's
  std::vector<ReadinessNote> persona_notes;
  // How the real stack logs (persona logs): "{code}" and "{alert}" are filled in.
  std::string log_alert_received, log_alert_sent, log_closed;
  std::vector<std::pair<std::string, std::string>> error_codes;  // alert name -> code text
  std::vector<ReadinessClass> classes;
  std::function<std::optional<int>(std::string_view)> alert_code;  // alert name -> its number
  std::function<std::string(const std::string&)> iut_protocol;    // IUT name -> "tls" | "ftps"
  // Run metadata.
  std::string tool_version, date, command, seed;  // seed: the run's (each result has its own)
};

enum class Prediction { kInteroperates, kWarnings, kFails, kNotApplicable, kNotDetermined, kNotTested };
std::string_view to_string(Prediction p);

// One result that backs a prediction.
struct ReadinessEvidence {
  const Result* result = nullptr;
  std::string stack_log;  // what the real stack would log for it, "" when nothing
  std::string fix;        // for a failure: one sentence citing the RFC clause
};

// One failure class in one role of the IUT.
struct ReadinessCell {
  Prediction prediction = Prediction::kNotTested;
  std::string text;  // the prediction in words
  std::vector<ReadinessEvidence> evidence;
};

struct ReadinessRow {
  const ReadinessClass* klass = nullptr;
  ReadinessCell as_server;  // the IUT serves the real stack's clients
  ReadinessCell as_client;  // the IUT connects to the real stack's servers
};

struct ReadinessReport {
  std::string iut, iut_version, iut_config;
  std::vector<ReadinessRow> rows;
};

// The IUT+configuration groups of `results` (the reports point into `in` and `results`: both
// outlive them) (those with a link to the input's incident), each
// judged class by class. Results of other incidents are ignored.
std::vector<ReadinessReport> build_readiness(const ReadinessInput& in, const std::vector<Result>& results);
// Temporaries would leave the reports pointing at freed memory.
std::vector<ReadinessReport> build_readiness(const ReadinessInput& in, std::vector<Result>&& results) = delete;
std::vector<ReadinessReport> build_readiness(ReadinessInput&& in, const std::vector<Result>& results) = delete;

std::string render_readiness_markdown(const ReadinessInput& in, const ReadinessReport& r);
std::string render_readiness_html(const ReadinessInput& in, const ReadinessReport& r);

}  // namespace tlsc::results
