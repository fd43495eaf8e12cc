// `--format html`: one self-contained page (inline CSS and JS, nothing fetched): the matrix with
// a cell per result, a detail pane on click (observations, diagnosis, deviation, reason, RFC
// clauses, links to the transcripts), filters by family, IUT and verdict. The results are
// embedded as JSON in <script type="application/json" id="tlsc-data"> and drawn by plain JS.
// The URL fragment sets the filters: report.html#family=ems&iut=openssl&verdict=fail.
#pragma once

#include <string>
#include <vector>

#include "results/result.h"

namespace tlsc::results {

// The transcripts of each result are used as link targets as they are: the caller makes them
// relative to where the page will be written.
std::string render_html(const std::vector<Result>& results, const std::string& title);

}  // namespace tlsc::results
