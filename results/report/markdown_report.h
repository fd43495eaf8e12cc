// `--format md`: the matrix as a Markdown table, a per-IUT summary and each fail with its
// diagnosis and RFC clause, ready to publish.
#pragma once

#include <string>
#include <vector>

#include "results/result.h"

namespace tlsc::results {

std::string render_markdown(const std::vector<Result>& results);

// The word a Markdown or HTML cell shows for a verdict: "pass", "**FAIL**", ...
std::string markdown_verdict(Verdict v);

}  // namespace tlsc::results
