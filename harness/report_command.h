// `tlsconform report` and `tlsconform diff`: read results files, print problems with them on
// stderr (one line each, naming the file and position), and write a report or a regression diff.
#pragma once

#include <string>
#include <vector>

namespace tlsc::harness {

struct ReportArgs {
  std::vector<std::string> files;  // results.json / results.jsonl files or run folders
  std::string format = "terminal"; // terminal, md, html, junit, json, coverage
  std::string output;              // file to write; empty: stdout
  std::vector<std::string> argv;   // the command line, recorded in --format json
  bool gate = false;               // --gate: exit as `tlsconform run` would for these results
  bool strict = false;             // with gate: a warn is unexpected
  bool fail_on_skip = false;       // with gate: any skip exits 4
};

// 0: written; 2: nothing readable in any input, or the output cannot be written. With `gate`,
// a written report exits with gate_exit_code (harness/run_gate.h) of the results.
int run_report(const ReportArgs& args);

// Prints newly failing, newly passing, changed, added and removed results. 0: no regression;
// 1: something newly fails; 2: an input has nothing readable.
// Exit 1 on a regression, and on lost results (removed, now skipped, or records of NEW that do
// not read) unless `allow_lost`; 2 when a file has nothing readable.
int run_diff(const std::string& old_path, const std::string& new_path, bool allow_lost = false);

}  // namespace tlsc::harness
