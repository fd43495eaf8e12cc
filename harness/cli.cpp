#include "harness/cli.h"
#include "harness/list_command.h"
#include "harness/run_command.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <string>

#include "harness/peer_command.h"
#include "harness/probe.h"
#include "harness/report_command.h"

namespace tlsc::harness {
namespace {

constexpr const char* kExitCodesHelp =
    "Exit codes:\n"
    "  0  every result as expected\n"
    "  1  unexpected results (a fail, an xpass, or a warn with --strict)\n"
    "  2  usage or configuration error\n"
    "  3  harness or infrastructure error\n";



}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"tlsconform: certifies TLS implementations against the RFCs", "tlsconform"};
  app.set_version_flag("--version", std::string("tlsconform ") + TLSC_VERSION);
  app.footer(kExitCodesHelp);
  app.require_subcommand(0, 1);

  auto* list = app.add_subcommand("list", "List the scenarios of the catalog");
  ListOptions list_opts;
  add_list_options(*list, list_opts);

  RunCommandOptions run_opts;
  auto* run = app.add_subcommand("run", "Run scenarios against implementations under test");
  add_run_options(*run, run_opts);

  std::vector<std::string> report_files;
  std::string report_format = "terminal";
  auto* report = app.add_subcommand("report", "Turn results files into reports");
  report->add_option("RESULTS", report_files, "results.json or results.jsonl files")->required();
  report->add_option("--format", report_format, "terminal, md, html, junit, json, coverage")
      ->check(CLI::IsMember({"terminal", "md", "html", "junit", "json", "coverage"}));
  std::string report_output;
  report->add_option("-o,--output", report_output, "Write the report to this file instead of stdout");

  std::string diff_old, diff_new;
  bool diff_allow_lost = false;
  auto* diff = app.add_subcommand(
      "diff", "Compare two results files; exit 1 when something newly fails or results were lost");
  diff->add_option("OLD", diff_old, "Baseline results.json or results.jsonl")->required();
  diff->add_option("NEW", diff_new, "New results.json or results.jsonl")->required();
  diff->add_flag("--allow-lost", diff_allow_lost,
                 "Lost results (removed, now skipped, unreadable records in NEW) are not regressions");

  ProbeOptions probe_opts;
  auto* probe = app.add_subcommand("probe", "Find out what a TLS server on loopback can do; write a capabilities file");
  add_probe_options(*probe, probe_opts);
  auto* peer = app.add_subcommand("peer", "Run the scripted TLS peer on its own");
  peer->require_subcommand(0, 1);
  PeerCommand peer_command(*peer);  // adds `client` and `server`

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One line naming the argument, then where to look.
    fmt::print(stderr, "tlsconform: {}\n", e.what());
    return kExitUsage;
  }

  if (list->parsed()) return run_list(list_opts);
  if (run->parsed()) {
    run_opts.argv.assign(argv, argv + argc);
    return run_run(run_opts);
  }
  if (report->parsed()) return run_report({report_files, report_format, report_output, {argv, argv + argc}});
  if (diff->parsed()) return run_diff(diff_old, diff_new, diff_allow_lost);
  if (probe->parsed()) return run_probe(probe_opts);
  if (peer->parsed()) {
    if (peer->get_subcommands().empty()) {
      fmt::print(stderr, "tlsconform peer: a role is required: client or server (see tlsconform peer --help)\n");
      return kExitUsage;
    }
    return peer_command.run();
  }
  fmt::print(stderr, "tlsconform: a subcommand is required: list, run, report, diff, probe or peer (see tlsconform --help)\n");
  return kExitUsage;
}

}  // namespace tlsc::harness
