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
};

// Throws std::runtime_error with one line naming the file and the field.
std::vector<Expectation> load_expectations(const std::string& path);

// Applies the first matching expectation to `r` (see the header comment).
void apply_expectations(const std::vector<Expectation>& all, results::Result& r);

}  // namespace tlsc::harness
