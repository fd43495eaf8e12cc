#include "harness/cli.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <string>

namespace tlsc::harness {
namespace {

constexpr const char* kExitCodesHelp =
    "Exit codes:\n"
    "  0  every result as expected\n"
    "  1  unexpected results (a fail, an xpass, or a warn with --strict)\n"
    "  2  usage or configuration error\n"
    "  3  harness or infrastructure error\n";

int not_yet(const std::string& what) {
  fmt::print(stderr, "tlsconform {}: not implemented yet\n", what);
  return kExitUsage;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"tlsconform: certifies TLS implementations against the RFCs", "tlsconform"};
  app.set_version_flag("--version", std::string("tlsconform ") + TLSC_VERSION);
  app.footer(kExitCodesHelp);
  app.require_subcommand(1);

  auto* list = app.add_subcommand("list", "List the scenarios of the catalog");
  auto* run = app.add_subcommand("run", "Run scenarios against implementations under test");
  auto* report = app.add_subcommand("report", "Turn results files into reports");
  auto* peer = app.add_subcommand("peer", "Run the scripted TLS peer on its own");
  (void)list;
  (void)run;
  (void)report;
  (void)peer;

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "tlsconform: {}\n", e.what());
    return kExitUsage;
  }
  for (auto* sub : app.get_subcommands()) return not_yet(sub->get_name());
  return kExitUsage;
}

}  // namespace tlsc::harness
