// `--format coverage`: every RFC requirement the results cite, which scenarios check it, and per
// IUT whether it holds.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "results/result.h"

namespace tlsc::results {

enum class Holding {
  holds,    // every run result passed (pass or xfail)
  fails,    // some result failed (fail or xpass)
  warns,    // no fail, some warn
  error,    // no fail or warn, some error (the check did not complete)
  not_run,  // no result, or only skips
};
std::string_view to_string(Holding h);

struct Requirement {
  std::string rfc, section, level;
  std::vector<std::string> texts;      // distinct requirement texts cited for it
  std::vector<std::string> scenarios;  // distinct scenario ids that check it, sorted
  std::map<std::string, Holding> per_iut;  // IUT name -> holding (every IUT of the results)
};

// Sorted by RFC number, then section (numerically by component), then level.
std::vector<Requirement> build_coverage(const std::vector<Result>& results);
// A Markdown table (readable as text too) plus a one-line total per IUT.
std::string render_coverage(const std::vector<Result>& results);

}  // namespace tlsc::results
