#include "harness/cli.h"
#include "harness/list_command.h"
#include "harness/run_command.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <string>

#include "harness/peer_command.h"
#include "harness/probe.h"
#include "harness/readiness_report.h"
#include "harness/report_command.h"

namespace tlsc::harness {
namespace {

constexpr const char* kSubcommands = "list, run, readiness, report, diff, probe or peer";

// Each subcommand's own exit codes (its --help); the top level's lists them all.
constexpr const char* kInterrupted = "  130  interrupted by SIGINT (128 + the signal: 143 for SIGTERM, 129 for SIGHUP)\n";

std::string exit_table(const std::string& title, const std::string& rows) { return "Exit codes" + title + ":\n" + rows; }

const std::string kTopExitHelp = exit_table("", "  0  every result as expected\n"
                                                "  1  unexpected results (a fail, an xpass, or a warn with --strict)\n"
                                                "  2  usage or configuration error\n"
                                                "  3  harness or infrastructure error\n"
                                                "  4  nothing was tested: every result a skip (any skip with --fail-on-skip)\n") +
                                 std::string(kInterrupted) + "Each subcommand's --help lists its own.\n";
const std::string kRunExitHelp =
    exit_table(" of run", "  0  every result as expected (pass, skip, xfail; a warn without --strict)\n"
                          "  1  unexpected results (a fail, an xpass, or a warn with --strict)\n"
                          "  2  usage or configuration error (nothing was run)\n"
                          "  3  an error result, or results.json could not be written\n"
                          "  4  nothing was tested: every result is a skip (with --fail-on-skip: any skip)\n") +
    kInterrupted;
const std::string kReportExitHelp =
    exit_table(" of report", "  0  the report was written (with --gate: and the results gate as 0 of run)\n"
                             "  1  with --gate: unexpected results (as run)\n"
                             "  2  a bad option, nothing readable, or the output cannot be written\n"
                             "  3  with --gate: an error result\n"
                             "  4  with --gate: nothing was tested (every result a skip; any skip with --fail-on-skip)\n");
const std::string kDiffExitHelp =
    exit_table(" of diff", "  0  nothing newly fails (and no result was lost, or --allow-lost)\n"
                           "  1  a regression, or lost results without --allow-lost\n"
                           "  2  a bad option, or nothing readable in OLD or NEW\n");
const std::string kListExitHelp = exit_table(" of list", "  0  the list was printed\n"
                                                         "  2  a bad option, or the catalog or profiles do not load\n");
const std::string kProbeExitHelp = exit_table(" of probe", "  0  the capabilities file was written\n"
                                                           "  1  --iut: a capability the profile declares was not shown\n"
                                                           "  2  a bad option\n"
                                                           "  3  the server could not be probed, or the file written\n");
const std::string kPeerExitHelp =
    exit_table(" of peer", "  0  every connection completed (and resumed, where asked)\n"
                           "  1  a connection did not complete or resume\n"
                           "  2  a bad option\n"
                           "  3  no connection (cannot connect, listen or write a file)\n");

// Arguments left over: a first word that is no subcommand names the ones there are.
int extras_error(const CLI::App& app, int argc, char** argv, const CLI::ExtrasError& e) {
  if (app.get_subcommands().empty() && argc > 1 && argv[1][0] != '-')
    fmt::print(stderr, "tlsconform: no subcommand '{}': {} (see tlsconform --help)\n", argv[1], kSubcommands);
  else
    fmt::print(stderr, "tlsconform: {}\n", e.what());
  return kExitUsage;
}

void add_report_options(CLI::App& report, ReportArgs& a) {
  report.add_option("RESULTS", a.files, "results.json or results.jsonl files")->required();
  report.add_option("--format", a.format, "terminal, md, html, junit, json, coverage")
      ->check(CLI::IsMember({"terminal", "md", "html", "junit", "json", "coverage"}));
  report.add_option("-o,--output", a.output, "Write the report to this file instead of stdout");
  report.add_flag("--gate", a.gate,
                  "Exit as 'tlsconform run' would for these results (e.g. the merged results of --shard runs)");
  report.add_flag("--strict", a.strict, "With --gate: a warn makes the exit code 1");
  report.add_flag("--fail-on-skip", a.fail_on_skip, "With --gate: any skip makes the exit code 4");
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"tlsconform: certifies TLS implementations against the RFCs", "tlsconform"};
  app.set_version_flag("--version", std::string("tlsconform ") + TLSC_VERSION);
  app.footer(kTopExitHelp);
  app.require_subcommand(0, 1);

  auto* list = app.add_subcommand("list", "List the scenarios of the catalog");
  ListOptions list_opts;
  add_list_options(*list, list_opts);
  list->footer(kListExitHelp);

  RunCommandOptions run_opts;
  auto* run = app.add_subcommand("run", "Run scenarios against implementations under test");
  add_run_options(*run, run_opts);
  run->footer(kRunExitHelp);

  RunCommandOptions readiness_opts;
  auto* readiness = add_readiness_command(app, readiness_opts);
  readiness->footer(kRunExitHelp);

  ReportArgs report_args;
  auto* report = app.add_subcommand("report", "Turn results files into reports");
  report->footer(kReportExitHelp);
  add_report_options(*report, report_args);

  std::string diff_old, diff_new;
  bool diff_allow_lost = false;
  auto* diff = app.add_subcommand(
      "diff", "Compare two results files; exit 1 when something newly fails or results were lost");
  diff->footer(kDiffExitHelp);
  diff->add_option("OLD", diff_old, "Baseline results.json or results.jsonl")->required();
  diff->add_option("NEW", diff_new, "New results.json or results.jsonl")->required();
  diff->add_flag("--allow-lost", diff_allow_lost,
                 "Lost results (removed, now skipped, unreadable records in NEW) are not regressions");

  ProbeOptions probe_opts;
  auto* probe = app.add_subcommand("probe", "Find out what a TLS server on loopback can do; write a capabilities file");
  add_probe_options(*probe, probe_opts);
  probe->footer(kProbeExitHelp);
  auto* peer = app.add_subcommand("peer", "Run the scripted TLS peer on its own");
  peer->require_subcommand(0, 1);
  peer->footer(kPeerExitHelp);
  PeerCommand peer_command(*peer);  // adds `client` and `server`

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ExtrasError& e) {
    return extras_error(app, argc, argv, e);
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
  if (readiness->parsed()) {
    readiness_opts.argv.assign(argv, argv + argc);
    return run_run(readiness_opts);
  }
  if (report->parsed()) {
    report_args.argv.assign(argv, argv + argc);
    return run_report(report_args);
  }
  if (diff->parsed()) return run_diff(diff_old, diff_new, diff_allow_lost);
  if (probe->parsed()) return run_probe(probe_opts);
  if (peer->parsed()) {
    if (peer->get_subcommands().empty()) {
      fmt::print(stderr, "tlsconform peer: a role is required: client or server (see tlsconform peer --help)\n");
      return kExitUsage;
    }
    return peer_command.run();
  }
  fmt::print(stderr, "tlsconform: a subcommand is required: {} (see tlsconform --help)\n", kSubcommands);
  return kExitUsage;
}

}  // namespace tlsc::harness
