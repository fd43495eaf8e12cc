// Expectations files (`tlsconform run --expect FILE`): known deviations of an IUT, each with the
// reason it is known. A result that matches its expectation becomes xfail; one that passes where
// a fail or warn was expected becomes xpass (so a fixed bug shows up).
//
//   {"iut": "openssl", "expectations": [
//     {"scenario": "ems.full.malformed.cli", "verdict": "fail", "reason": "...", "config": "default"}]}
//
// `scenario` is an id, or a prefix ending in '*'; `config` is optional (any configuration).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "results/result.h"

namespace tlsc::harness {

struct Expectation {
  std::string iut;
  std::string scenario;  // id or "prefix*"
  std::string config;    // empty: any
  results::Verdict verdict = results::Verdict::fail;
  std::string reason;
  std::string file;      // the file it came from, as named to the user
};

// Throws std::runtime_error with one line naming the file and the field. `shown` is the name the
// entries carry as their file (default: `path`).
std::vector<Expectation> load_expectations(const std::string& path, const std::string& shown = "");

// True if `x` is about this unit (its IUT, its scenario id or prefix, its configuration if given).
bool expectation_matches(const Expectation& x, const std::string& iut, const std::string& scenario,
                         const std::string& config);

// Applies the first matching expectation to `r` (see the header comment); a result it made
// xfail or xpass records the file in observations["expected_by"].
void apply_expectations(const std::vector<Expectation>& all, results::Result& r);

}  // namespace tlsc::harness
