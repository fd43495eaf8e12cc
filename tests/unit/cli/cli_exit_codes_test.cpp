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
}

TEST(CliExitCodes, MissingSubcommandSaysWhichExist) {
  Outcome o = run({});
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("list, run, report, diff, probe or peer"), std::string::npos) << o.err;
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
