// `--format terminal`: the matrix with one character per cell, the fails and warns with their
// diagnoses, and per-column counts.
#pragma once

#include <string>
#include <vector>

#include "results/report/rerun.h"
#include "results/result.h"

namespace tlsc::results {

// `colour`: ANSI colours (only when writing to a terminal).
// `runs`: the runs the results came from, for each problem's rerun command.
std::string render_terminal(const std::vector<Result>& results, bool colour, const RunIndex& runs = {});

// Column header letters: A..Z, a..z, then two letters (AA, AB, ...).
std::string column_tag(size_t index);

}  // namespace tlsc::results
