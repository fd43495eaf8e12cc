#include "harness/report_command.h"

#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "harness/run_gate.h"
#include "results/report/coverage_report.h"
#include "results/report/diff.h"
#include "results/report/html_report.h"
#include "results/report/json_report.h"
#include "results/report/junit_report.h"
#include "results/report/load.h"
#include "results/report/markdown_report.h"
#include "results/report/terminal_report.h"

namespace tlsc::harness {
namespace fs = std::filesystem;
using namespace tlsc::results;

namespace {

constexpr int kOk = 0, kUnexpected = 1, kUsage = 2;

LoadedResults load(const std::vector<std::string>& files, const char* command) {
  std::vector<fs::path> paths(files.begin(), files.end());
  LoadedResults in = load_results(paths);
  for (const auto& p : in.problems) fmt::print(stderr, "tlsconform {}: {}\n", command, p);
  return in;
}

// Transcript paths are relative to the folder of the results file they came from; the page links
// them relative to the folder it is written to.
void relink_transcripts(LoadedResults& in, const std::string& output) {
  std::error_code ec;
  const fs::path parent = fs::path(output).parent_path();  // "" for "-o report.html": the current folder
  const fs::path out_dir = fs::absolute(parent.empty() ? fs::path(".") : parent, ec).lexically_normal();
  for (size_t i = 0; i < in.results.size(); ++i) {
    const fs::path run_dir = fs::absolute(in.sources[i], ec).parent_path();
    for (auto& t : in.results[i].transcripts) {
      if (fs::path(t).is_absolute()) continue;
      t = (run_dir / t).lexically_normal().lexically_proximate(out_dir).generic_string();
    }
  }
}

RunInfo merged_run(const LoadedResults& in, const std::vector<std::string>& argv) {
  RunInfo run;
  std::set<std::string> ids;
  for (const auto& r : in.results) ids.insert(r.run_id);
  for (const auto& id : ids) run.run_id += (run.run_id.empty() ? "" : "+") + id;
  run.tool_version = TLSC_VERSION;
  run.started = in.runs.empty() ? utc_now() : in.runs.front().started;
  for (const auto& r : in.runs)
    if (!r.started.empty() && r.started < run.started) run.started = r.started;
  run.finished = utc_now();
  run.seed = in.runs.size() == 1 ? in.runs.front().seed : 0;
  run.argv = argv;
  std::set<std::string> hosts;
  for (const auto& r : in.runs)
    if (!r.host.empty()) hosts.insert(r.host);
  for (const auto& h : hosts) run.host += (run.host.empty() ? "" : "+") + h;
  return run;
}

bool write_output(const std::string& output, const std::string& text) {
  if (output.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::fflush(stdout) == 0;
  }
  const std::string tmp = output + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      fmt::print(stderr, "tlsconform report: -o {}: cannot write {}\n", output, tmp);
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, output, ec);
  if (ec) {
    fmt::print(stderr, "tlsconform report: -o {}: {}\n", output, ec.message());
    return false;
  }
  return true;
}

}  // namespace

int run_report(const ReportArgs& args) {
  LoadedResults in = load(args.files, "report");
  if (in.results.empty()) {
    if (!in.problems.empty()) {
      fmt::print(stderr, "tlsconform report: nothing readable in the given files\n");
      return kUsage;
    }
    fmt::print(stderr, "tlsconform report: the given files hold no results\n");
  }
  std::string text;
  if (args.format == "terminal") {
    const bool colour = args.output.empty() && ::isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr;
    relink_transcripts(in, args.output);
    text = render_terminal(in.results, colour, index_runs(in.runs));
  } else if (args.format == "md") {
    relink_transcripts(in, args.output);
    text = render_markdown(in.results, index_runs(in.runs));
  } else if (args.format == "html") {
    relink_transcripts(in, args.output);
    text = render_html(in.results, "tlsconform results", {in.runs, utc_now(), TLSC_VERSION});
  } else if (args.format == "junit") {
    relink_transcripts(in, args.output);
    text = render_junit(in.results, index_runs(in.runs));
  } else if (args.format == "json") {
    text = render_json(merged_run(in, args.argv), in.results);
  } else if (args.format == "coverage") {
    text = render_coverage(in.results);
  } else {
    fmt::print(stderr, "tlsconform report: --format: unknown format {}\n", args.format);
    return kUsage;
  }
  if (!write_output(args.output, text)) return kUsage;
  return args.gate ? gate_exit_code(in.results, {args.strict, args.fail_on_skip}) : kOk;
}

int run_diff(const std::string& old_path, const std::string& new_path, bool allow_lost) {
  const LoadedResults olds = load({old_path}, "diff");
  const LoadedResults news = load({new_path}, "diff");
  for (const auto* side : {&olds, &news}) {
    if (side->results.empty() && !side->problems.empty()) {
      fmt::print(stderr, "tlsconform diff: nothing readable in {}\n", side == &olds ? old_path : new_path);
      return kUsage;
    }
  }
  const ResultDiff d = diff_results(olds.results, news.results);
  std::string text = render_diff(d);
  // A run that lost results tested less than its baseline: a CI gate must not pass it silently.
  const size_t lost = d.lost_results(), unreadable = news.skipped_records;
  if (lost || unreadable)
    text += fmt::format("{} lost result{} ({} removed, {} now skipped), {} unreadable record{} in {}{}\n", lost,
                        lost == 1 ? "" : "s", d.removed.size(), d.lost.size(), unreadable, unreadable == 1 ? "" : "s",
                        new_path,
                        allow_lost ? " (allowed by --allow-lost)" : " (counted as regressions; --allow-lost accepts them)");
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
  return d.has_regressions() || ((lost || unreadable) && !allow_lost) ? kUnexpected : kOk;
}

}  // namespace tlsc::harness
