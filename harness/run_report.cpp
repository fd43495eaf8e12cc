#include "harness/run_report.h"

#include <fmt/core.h>

#include <map>

#include "harness/cli.h"
#include "harness/interrupt.h"
#include "harness/readiness_report.h"
#include "harness/report_command.h"
#include "harness/run_gate.h"

namespace tlsc::harness {
namespace fs = std::filesystem;

namespace {

// The finished units in plan order, then the recorded results this plan left out.
std::vector<results::Result> collect(RunOutcomes& outcomes) {
  std::vector<results::Result> all;
  for (size_t i = 0; i < outcomes.done.size(); ++i)
    if (outcomes.have[i]) all.push_back(std::move(outcomes.done[i]));
  all.insert(all.end(), outcomes.recorded_elsewhere.begin(), outcomes.recorded_elsewhere.end());
  return all;
}

// The reports users read: JUnit for CI, Markdown to publish, HTML to browse; the terminal matrix
// on stdout.
void write_reports(const RunCommandOptions& o, const fs::path& results_json) {
  ReportArgs args;
  args.files = {results_json.string()};
  args.argv = o.argv;
  for (const auto& [format, file] : {std::pair{"junit", "junit.xml"}, {"md", "report.md"}, {"html", "report.html"}}) {
    args.format = format;
    args.output = (results_json.parent_path() / file).string();
    run_report(args);
  }
  if (o.quiet) return;
  args.format = "terminal";
  args.output.clear();
  run_report(args);
}

}  // namespace

int report_run(const RunCommandOptions& o, const RunSetup& setup, const RunPlan& plan, RunFolder& folder,
               RunOutcomes& outcomes, std::chrono::steady_clock::time_point started) {
  const std::vector<results::Result> all = collect(outcomes);
  const fs::path results_json = folder.out / "results.json";
  folder.info.finished = results::utc_now();
  if (std::string error; !results::write_run_json(results_json, folder.info, all, &error))
    throw RunStop{kExitInfra, error};
  if (outcomes.stopped_by) {
    fmt::print(stderr, "tlsconform run: {} of {} results in {}; continue with: tlsconform run --resume {}\n", all.size(),
               plan.units.size(), results_json.string(), folder.out.string());
    return 128 + outcomes.stopped_by;
  }
  std::map<std::string, int> counts;
  for (const auto& r : all) ++counts[std::string(results::to_string(r.verdict))];
  write_reports(o, results_json);
  write_readiness(o, setup, folder.out, all);
  std::string summary;
  for (const auto& [k, v] : counts) summary += (summary.empty() ? "" : ", ") + fmt::format("{} {}", v, k);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print("{} results in {:.1f}s ({}); results in {}\n", all.size(), wall, summary, results_json.string());
  if (const int late = interrupt::received()) return 128 + late;  // a signal during the reports
  // A shard that got no unit tested nothing, rightly: the merged results of all shards gate the run.
  if (plan.units.empty()) return kExitOk;
  const int code = gate_exit_code(all, {o.strict, o.fail_on_skip});
  if (code == kExitNothingTested)
    fmt::print(stderr, "tlsconform run: {} (exit {})\n",
               o.fail_on_skip ? "--fail-on-skip: a result is a skip" : "nothing was tested: every result is a skip",
               code);
  return code;
}

}  // namespace tlsc::harness
