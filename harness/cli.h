// The `tlsconform` command line: subcommands, argument validation and exit codes.
#pragma once

namespace tlsc::harness {

// Exit codes of tlsconform (documented in --help and the README).
enum ExitCode : int {
  kExitOk = 0,           // every result as expected
  kExitUnexpected = 1,   // a fail, an xpass, or a warn with --strict
  kExitUsage = 2,        // usage or configuration error
  kExitInfra = 3,        // harness or infrastructure error
  kExitNothingTested = 4,  // every result a skip (or a skip with --fail-on-skip): the run tested nothing
};

int run_cli(int argc, char** argv);

}  // namespace tlsc::harness
