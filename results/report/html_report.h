// `--format html`: one self-contained page (inline CSS and JS, nothing fetched), for a lab to
// publish: the run metadata (date, tlsconform version, seed, host of each run), a legend of every
// verdict mark (from the table in verdict_style.h), the matrix with a cell per result and the IUT
// version in each column head, a detail pane on click (observations, diagnosis, deviation, reason,
// RFC clauses, links to the transcripts), filters by family, IUT, role and verdict, counts per
// verdict (page and column) and a chart per column of the verdicts by family, both counting only
// the results the filters show. The results are embedded as JSON in
// <script type="application/json" id="tlsc-data"> and drawn by plain JS.
// The URL fragment sets the filters: report.html#family=ems&iut=openssl&role=server&verdict=fail.
#pragma once

#include <string>
#include <vector>

#include "results/result.h"
#include "results/run_store.h"

namespace tlsc::results {

// What the page says about the runs and itself, besides the results.
struct HtmlReportMeta {
  std::vector<RunInfo> runs;  // the results.json runs read (a results.jsonl has none)
  std::string generated;      // when the page was written, ISO 8601 UTC ("" leaves it out)
  std::string tool_version;   // the tlsconform that wrote the page ("" leaves it out)
};

// The transcripts of each result are used as link targets as they are: the caller makes them
// relative to where the page will be written.
std::string render_html(const std::vector<Result>& results, const std::string& title,
                        const HtmlReportMeta& meta = {});

// The text of a column head: its label and the IUT version ("openssl server — OpenSSL 3.0.19"),
// the version left out when empty or already in the label.
std::string column_head(const std::string& label, const std::string& version);

}  // namespace tlsc::results
