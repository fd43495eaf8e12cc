// `--format md`: the matrix as a Markdown table, a per-IUT summary and each fail with its
// diagnosis and RFC clause, ready to publish.
#pragma once

#include <string>
#include <vector>

#include "results/report/rerun.h"
#include "results/result.h"

namespace tlsc::results {

// `runs`: the runs the results came from, for each problem's rerun command.
std::string render_markdown(const std::vector<Result>& results, const RunIndex& runs = {});

// The word a Markdown or HTML cell shows for a verdict: "pass", "**FAIL**", ...
std::string markdown_verdict(Verdict v);

}  // namespace tlsc::results
