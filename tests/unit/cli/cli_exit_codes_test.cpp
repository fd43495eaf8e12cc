// Runs the real tlsconform binary and checks exit codes and the one-line errors.
#include <gtest/gtest.h>

#include "run_cli.h"
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

namespace {

using Outcome = tlsc::testing::CliOutcome;

Outcome run(std::vector<std::string> args) { return tlsc::testing::run_cli(std::move(args)); }

int lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

TEST(CliExitCodes, VersionExitsZero) {
  Outcome o = run({"--version"});
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(o.out.rfind("tlsconform ", 0), 0u) << o.out;
}

TEST(CliExitCodes, HelpDocumentsTheExitCodes) {
  Outcome o = run({"--help"});
  EXPECT_EQ(o.code, 0);
  for (const char* needle : {"0  every result as expected", "1  unexpected results", "2  usage or configuration error",
                             "3  harness or infrastructure error"})
    EXPECT_NE(o.out.find(needle), std::string::npos) << needle;
}

TEST(CliExitCodes, OutOfRangeValueIsOneLineNamingTheOption) {
  Outcome o = run({"run", "--jobs", "0"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(lines(o.err), 1) << o.err;
  EXPECT_NE(o.err.find("--jobs"), std::string::npos) << o.err;
}

TEST(CliExitCodes, UnknownOptionIsOneLineNamingIt) {
  Outcome o = run({"run", "--jobz", "3"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(lines(o.err), 1) << o.err;
  EXPECT_NE(o.err.find("--jobz"), std::string::npos) << o.err;
}

TEST(CliExitCodes, BadEnumValueNamesOptionAndValue) {
  Outcome o = run({"report", "results.json", "--format", "pdf"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(lines(o.err), 1) << o.err;
  EXPECT_NE(o.err.find("--format"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("pdf"), std::string::npos) << o.err;
}

TEST(CliExitCodes, UnknownSubcommandIsNamed) {
  Outcome o = run({"bogus"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(lines(o.err), 1) << o.err;
  EXPECT_NE(o.err.find("bogus"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("list, run, readiness, report, diff, probe or peer"), std::string::npos) << o.err;
}

TEST(CliExitCodes, MissingSubcommandSaysWhichExist) {
  Outcome o = run({});
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("list, run, readiness, report, diff, probe or peer"), std::string::npos) << o.err;
}

}  // namespace

namespace {

// tlsconform probe: a non-loopback target is a usage error, nobody listening an infrastructure one.
TEST(CliExitCodes, ProbeErrorsAreOneLine) {
  Outcome o = run({"probe", "--target", "10.0.0.1:443"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err, "tlsconform probe: --target: 10.0.0.1 is not a loopback address: tlsconform only sends traffic on "
                   "127.0.0.1 or [::1]\n");
  o = run({"probe", "--target", "127.0.0.1:1", "--out", "/tmp/tlsc-probe-never-written.json"});
  EXPECT_EQ(o.code, 3);
  EXPECT_EQ(lines(o.err), 1) << o.err;
  EXPECT_EQ(o.err.rfind("tlsconform probe: cannot connect to 127.0.0.1:1: ", 0), 0u) << o.err;
}

}  // namespace

namespace {

// Issue 14: a negative seed is not 2^64-1.
TEST(CliExitCodes, NegativeSeedIsOneLineNamingSeed) {
  Outcome o = run({"run", "--seed", "-1"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(lines(o.err), 1) << o.err;
  EXPECT_NE(o.err.find("--seed"), std::string::npos) << o.err;
}

// Issue 14: each subcommand's --help has its own exit codes; run's and the top level's say 130.
TEST(CliExitCodes, EachSubcommandHasItsOwnExitTable) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"run", "--help"}, "Exit codes of run:"},       {{"report", "--help"}, "Exit codes of report:"},
      {{"diff", "--help"}, "Exit codes of diff:"},     {{"list", "--help"}, "Exit codes of list:"},
      {{"probe", "--help"}, "Exit codes of probe:"},   {{"peer", "--help"}, "Exit codes of peer:"},
      {{"peer", "client", "--help"}, "Exit codes of peer:"}};
  for (const auto& [args, title] : cases) {
    Outcome o = run(args);
    EXPECT_EQ(o.code, 0) << args[0];
    EXPECT_NE(o.out.find(title), std::string::npos) << args[0] << ":\n" << o.out;
    EXPECT_EQ(o.out.find("Exit codes:"), std::string::npos) << args[0] << " prints the top level's table";
  }
  for (const auto& args : {std::vector<std::string>{"--help"}, {"run", "--help"}})
    EXPECT_NE(run(args).out.find("130  interrupted by SIGINT"), std::string::npos) << args[0];
  EXPECT_EQ(run({"report", "--help"}).out.find("130"), std::string::npos);
}

TEST(CliExitCodes, NoSubcommandListsThemAll) {
  Outcome o = run({});
  EXPECT_EQ(o.code, 2);
  for (const char* sub : {"list", "run", "report", "diff", "probe", "peer"})
    EXPECT_NE(o.err.find(sub), std::string::npos) << sub << ": " << o.err;
}

}  // namespace
