// `--format json`: the merged results as one run file, the same schema-versioned shape as
// results.json (read_results() reads it back).
#pragma once

#include <string>
#include <vector>

#include "results/result.h"
#include "results/run_store.h"

namespace tlsc::results {

std::string render_json(const RunInfo& run, const std::vector<Result>& results);

}  // namespace tlsc::results
