// Reading several results files into one set: the input of every report and of `diff`.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "results/result.h"
#include "results/run_store.h"

namespace tlsc::results {

struct LoadedResults {
  std::vector<Result> results;
  std::vector<std::filesystem::path> sources;  // parallel to `results`: the file each came from
  std::vector<RunInfo> runs;                   // from results.json files
  std::vector<std::string> problems;           // one line each, "FILE:LINE: what" (already grouped)
  size_t files_with_results = 0;
  size_t skipped_records = 0;                  // records that did not read ("..., skipped" problems)
};

// Reads each path with read_results(); a directory stands for the results.json in it, or failing
// that its results.jsonl. Results merge by (IUT, version, configuration, role, scenario): where a
// later file has the same key, the later result replaces the earlier one. Problems that repeat on
// many lines of one file (an other-schema file) are reported once, with the first position and
// how many more lines had it.
LoadedResults load_results(const std::vector<std::filesystem::path>& paths);

// Collapses problems "FILE:POS: message" that share FILE and message into one line.
std::vector<std::string> group_problems(const std::vector<std::string>& problems);

}  // namespace tlsc::results
