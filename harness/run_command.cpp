#include "harness/run_command.h"

#include <fmt/core.h>

#include "harness/app_data_option.h"
#include "harness/interrupt.h"
#include "harness/process/reaper.h"
#include "harness/run_execute.h"
#include "harness/run_plan.h"
#include "harness/run_prepare.h"
#include "harness/run_report.h"
#include "harness/seed_option.h"

namespace tlsc::harness {

void add_run_options(CLI::App& run, RunCommandOptions& o) {
  run.add_option("--iut", o.iuts,
                 "IUT profile name (repeatable; default: shim-openssl, OpenSSL 3 through its libssl shim); 'all': every TLS profile whose programs are installed");
  run.add_option("--family", o.families, "Scenario family (repeatable; default: all)");
  run.add_option("--scenario", o.scenarios, "Scenario id or id prefix (repeatable; default: all)");
  run.add_option("--incident", o.incident,
                 "Only the scenarios that reproduce this field incident (scenarios/incidents/, e.g. windows-2019-ems)");
  run.add_option("--persona", o.persona,
                 "Our peer starts from this persona, a real stack as data (scenarios/personas/, e.g. windows-2019)");
  run.add_option("--role", o.role, "Only scenarios where the IUT has this role")->check(CLI::IsMember({"server", "client"}));
  run.add_option("--config", o.config, "IUT configuration for the whole run (e.g. ems-off)")->capture_default_str();
  run.add_option("--out", o.out, "Output folder of the run")->capture_default_str();
  run.add_option("--catalog", o.catalog, "Catalog folder (default: the built-in catalog)");
  run.add_option("--profiles", o.profiles, "IUT profiles folder (default: the built-in profiles)");
  add_seed_option(run, o.seed, "Seed of all randomness of the run (0 to 2^64-1)");
  run.add_option("--jobs", o.jobs, "Units run in parallel (default: number of cores)")->check(CLI::Range(1u, 256u));
  run.add_option("--repeat", o.repeat, "Handshakes per statistical scenario (default 0: they are skipped)")
      ->check(CLI::Range(0, 100000));
  run.add_flag("--strict", o.strict, "A warn makes the exit code 1");
  run.add_flag("--fail-on-skip", o.fail_on_skip,
               "Any skip makes the exit code 4 (without it, only a run whose every result is a skip exits 4)");
  run.add_option("--expect", o.expect, "Expectations file: known deviations become xfail (repeatable)")
      ->check(CLI::ExistingFile);
  run.add_flag("--no-default-expect", o.no_default_expect,
               "Do not apply the built-in expectations file of each IUT (iut/expectations/<iut>.json), which is applied "
               "by default unless an --expect file is for that IUT");
  run.add_flag("--quiet", o.quiet, "No progress lines");
  run.add_option("--shard", o.shard,
                 "Run the K-th of N parts of the planned units (K/N, 1 <= K <= N <= 1000): a unit's part follows from "
                 "its IUT, configuration and scenario only, so N CI jobs split a run and 'tlsconform report --gate' of "
                 "their results equals the unsharded run");
  run.add_option("--resume", o.resume,
                 "Continue the interrupted run in DIR: keep its results (DIR/results.jsonl), run the rest")
      ->check(CLI::ExistingDirectory);
  run.add_option("--io-timeout-ms", o.io_timeout_ms, "How long our peer waits for each answer of the IUT")
      ->capture_default_str()
      ->check(CLI::Range(100, 600000));
  run.add_option("--unit-timeout-ms", o.unit_timeout_ms,
                 "Overall deadline of each unit, whatever the IUT sends (default 0: 4 x --io-timeout-ms per connection the "
                 "scenario may run, see docs/harness.md)")
      ->capture_default_str()
      ->check(CLI::Range(0, 86400000));
  run.add_flag("--skip-slow", o.skip_slow, "Skip scenarios labelled slow");
  run.add_flag("--keep-transcripts", o.keep_transcripts,
               "Write pcap + key log + trace for every result (default: only fail, warn and error)");
  run.add_option("--target", o.target,
                 "Remote mode: run server-role scenarios against the IUT server you started at HOST:PORT (loopback)");
  run.add_option("--listen", o.listen,
                 "Remote mode: run client-role scenarios, waiting for your IUT client at HOST:PORT (loopback)");
  run.add_option("--iut-name", o.iut_name, "Remote mode: the IUT name in the results (default: remote)");
  run.add_option("--capability", o.capabilities,
                 "Remote mode: a capability of the IUT (repeatable; default: the --iut profile's, or a base set)");
  run.add_option("--remote-timeout-ms", o.remote_timeout_ms, "Remote mode (--listen): wait for each client connection")
      ->capture_default_str()
      ->check(CLI::Range(100, 3600000));
  run.add_option("--protocol", o.protocol, "Remote mode: the IUT's protocol (default: the --iut profile's, else tls)")
      ->check(CLI::IsMember({"tls", "ftps"}));
  add_app_data_option(run, o.app_data);
  run.add_option("--capabilities", o.capabilities_file,
                 "Remote mode: the IUT's capabilities (and app data) from this file, written by tlsconform probe "
                 "(default without --capability and --iut: probe the --target first)");
  add_client_cert_options(run, o.client_cert);
  run.add_flag("--listen-retries", o.listen_retries,
               "Remote mode (--listen): also run the scenarios that repeat the client connection until chance gives "
               "their case (hundreds of connections; left out by default)");
  run.add_option("--ftp-user", o.ftp_user, "Remote mode, FTPS server: the user our FTPS client logs in as");
  run.add_option("--ftp-password", o.ftp_password, "Remote mode, FTPS server: its password");
  run.add_option("--ftp-upload-dir", o.ftp_upload_dir,
                 "Remote mode, FTPS server: the writable folder (relative to the login's root) our client uploads to");
}

int run_run(const RunCommandOptions& o) {
  const auto started = std::chrono::steady_clock::now();
  // SIGINT/SIGTERM/SIGHUP from the first moment (a signal during the setup still ends in a
  // results.json): the workers take no new unit, every IUT process group is killed (the units in
  // flight end at once and are dropped), and results.json gets what finished.
  interrupt::Scope signals;
  // Before any thread: the reaper kills the run's IUTs if tlsconform dies without stopping them.
  reaper::Scope reaper_scope;
  if (!reaper_scope.error().empty())
    fmt::print(stderr, "tlsconform run: {} (IUTs would outlive a crash of tlsconform)\n", reaper_scope.error());
  try {
    RunSetup setup;
    load_run_inputs(o, setup);
    choose_iuts(o, setup);
    const RunPlan plan = plan_units(o, setup);
    RunFolder folder;
    prepare_run(o, setup, folder);
    RunOutcomes outcomes = execute_units(o, setup, plan, folder, started);
    return report_run(o, setup, plan, folder, outcomes, started);
  } catch (const RunStop& stop) {
    fmt::print(stderr, "tlsconform run: {}\n", stop.message);
    return stop.exit_code;
  }
}

}  // namespace tlsc::harness
