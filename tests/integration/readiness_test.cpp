// `tlsconform readiness` (issue 16) from real runs: the Windows 2019 persona against real IUTs,
// one prediction per failure class of the October 2019 incident, asserted from the Markdown
// report the vendor hands on and from results.json.
#include <gtest/gtest.h>

#include <string>

#include "../unit/harness/run_test_util.h"

namespace tlsc {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct Readiness {
  int exit_code;
  std::string output;
  std::string md;    // readiness/<iut>.md
  std::string html;  // readiness/<iut>.html
};

Readiness readiness(const std::string& iut, const std::vector<std::string>& extra = {}) {
  const fs::path dir = testutil::fresh_dir("readiness-" + iut);
  std::vector<std::string> args = {"readiness", "--iut", iut, "--out", (dir / "out").string(), "--seed", "5",
                                   "--no-default-expect", "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto run = testutil::run_cli(args, dir / "run.log", 300s);
  std::string stem = iut;
  for (size_t i = 0; i + 1 < extra.size(); ++i)
    if (extra[i] == "--config") stem += "." + extra[i + 1];
  Readiness r{run.exit_code, run.output, testutil::slurp(dir / "out" / "readiness" / (stem + ".md")),
              testutil::slurp(dir / "out" / "readiness" / (stem + ".html"))};
  fs::remove_all(dir);
  return r;
}

// The prediction row of a class in the Markdown report: "| <title> | **server** | **client** | log |".
std::string row_of(const std::string& md, const std::string& title_start) {
  const auto at = md.find("| " + title_start);
  if (at == std::string::npos) return "";
  return md.substr(at, md.find('\n', at) - at);
}

bool skipped_for_missing_iut(const Readiness& r) {
  return r.output.find("not installed") != std::string::npos || r.output.find("is not installed") != std::string::npos;
}

TEST(Readiness, OpensslShimInteroperatesOnEveryTlsClassAndFtpsIsNotApplicable) {
  auto r = readiness("shim-openssl");
  ASSERT_FALSE(r.md.empty()) << r.output;
  EXPECT_NE(r.md.find("Windows Server 2019"), std::string::npos);
  EXPECT_NE(row_of(r.md, "Session resumption").find("| **interoperates** | **interoperates** |"), std::string::npos)
      << row_of(r.md, "Session resumption");
  EXPECT_NE(row_of(r.md, "TLS_DHE_*").find("| **interoperates** | **interoperates** |"), std::string::npos)
      << row_of(r.md, "TLS_DHE_*");
  EXPECT_NE(row_of(r.md, "A CertificateRequest").find("| **interoperates** | **not applicable: Windows servers"),
            std::string::npos)
      << row_of(r.md, "A CertificateRequest");
  EXPECT_NE(row_of(r.md, "FTPS data").find("| **not applicable: not an FTPS product** | **not applicable: not an FTPS product** |"),
            std::string::npos)
      << row_of(r.md, "FTPS data");
  EXPECT_NE(r.md.find("Nothing: no scenario of these classes failed."), std::string::npos);
  EXPECT_NE(r.html.find("data-prediction=\"interoperates\""), std::string::npos);
}

TEST(Readiness, MbedtlsShimFailsOnResumptionInBothRoles) {
  auto r = readiness("shim-mbedtls");
  if (r.md.empty() && skipped_for_missing_iut(r)) GTEST_SKIP() << r.output;
  ASSERT_FALSE(r.md.empty()) << r.output;
  const auto row = row_of(r.md, "Session resumption");
  EXPECT_NE(row.find("| **fails on resumption** | **fails on resumption** |"), std::string::npos) << row;
  // What to fix names the rule.
  EXPECT_NE(r.md.find("RFC 7627 5.3 MUST"), std::string::npos);
  EXPECT_NE(r.md.find("ems.resume.yes-no.id.srv"), std::string::npos);
}

TEST(Readiness, BoringsslShimHasNoDheSoThatClassIsNotApplicable) {
  auto r = readiness("shim-boringssl");
  if (r.md.empty() && skipped_for_missing_iut(r)) GTEST_SKIP() << r.output;
  ASSERT_FALSE(r.md.empty()) << r.output;
  const auto row = row_of(r.md, "TLS_DHE_*");
  EXPECT_NE(row.find("| **not applicable: no DHE suites** | **not applicable: no DHE suites** |"), std::string::npos) << row;
}

TEST(Readiness, OurPeerPaddingTheDhePremasterFailsOneIn256WithAlert20OnTheWindowsSide) {
  auto r = readiness("tlsconform-peer", {"--config", "pad-dhe"});
  ASSERT_FALSE(r.md.empty()) << r.output;
  const auto row = row_of(r.md, "TLS_DHE_*");
  EXPECT_NE(row.find("| **fails about 1 in 256 connections with DHE** | **fails about 1 in 256 connections with DHE** |"),
            std::string::npos)
      << row;
  // The product as a server answers Windows' Finished with bad_record_mac: event 36887, code 20.
  EXPECT_NE(row.find("fatal alert code is 20."), std::string::npos) << row;
  EXPECT_NE(row.find("0x8009030f"), std::string::npos) << row;
  // The other classes hold for this configuration.
  EXPECT_NE(row_of(r.md, "Session resumption").find("| **interoperates** | **interoperates** |"), std::string::npos);
}

TEST(Readiness, VsftpdFailsWhenTheDataChannelResumesAndSaysWhatItWroteInClearText) {
  auto r = readiness("vsftpd");
  if (r.md.empty() && skipped_for_missing_iut(r)) GTEST_SKIP() << r.output;
  ASSERT_FALSE(r.md.empty()) << r.output;
  const auto row = row_of(r.md, "FTPS data");
  EXPECT_NE(row.find("| **fails when the data channel resumes** |"), std::string::npos) << row;
  EXPECT_NE(r.md.find("500 OOPS"), std::string::npos) << r.md;
  // The TLS classes' scenarios do not run against an FTPS IUT: said, not predicted.
  EXPECT_NE(row_of(r.md, "Session resumption").find("not tested"), std::string::npos);
}

}  // namespace
}  // namespace tlsc
