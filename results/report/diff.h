// Regression diff between two sets of results (a stored baseline and a new run), keyed by
// (IUT, configuration, role, scenario); the IUT version is not part of the key, so a new
// release of an IUT compares against the old one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "results/result.h"

namespace tlsc::results {

struct DiffEntry {
  std::string iut, iut_config, scenario;
  Role role = Role::server;
  std::optional<Result> old_result, new_result;
};

struct ResultDiff {
  std::vector<DiffEntry> newly_failing;   // not bad -> bad (fail, error, xpass): a regression
  std::vector<DiffEntry> newly_passing;   // bad -> not bad
  std::vector<DiffEntry> changed;         // otherwise a different verdict or diagnosis
  std::vector<DiffEntry> added;           // only in the new results
  std::vector<DiffEntry> removed;         // only in the old results
  std::vector<DiffEntry> lost;            // ran before (any verdict but skip), skipped now
  size_t unchanged = 0;
  bool has_regressions() const { return !newly_failing.empty(); }
  // Results the new run no longer has: removed ones and those now skipped.
  size_t lost_results() const { return removed.size() + lost.size(); }
};

// Where a key occurs more than once on one side, the later result counts.
ResultDiff diff_results(const std::vector<Result>& old_results, const std::vector<Result>& new_results);
std::string render_diff(const ResultDiff& d);

}  // namespace tlsc::results
