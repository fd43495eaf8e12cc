// `tlsconform probe --iut NAME` (issue 12): the profile's server started, probed, and its declared
// capabilities checked. GnuTLS's gnutls-serv runs in a network namespace of its own; the BoringSSL
// shim has no DHE (nor RSA key exchange, nor P-521); OpenSSL's s_server and our own peer do all.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "../unit/harness/run_test_util.h"

namespace tlsc {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Caps = std::set<std::string>;

const Caps kEcdheGroups = {"group-secp256r1", "group-secp384r1", "group-secp521r1", "group-x25519"};

Caps with(Caps a, const Caps& b) {
  a.insert(b.begin(), b.end());
  return a;
}

struct Probed {
  int exit_code;
  Caps capabilities;
  std::string output;
};

Probed probe_iut(const std::string& iut) {
  const fs::path dir = testutil::fresh_dir("probe-iut-" + iut);
  auto run = testutil::run_cli({"probe", "--iut", iut, "--out", (dir / "caps.json").string()}, dir / "probe.log", 120s);
  Probed p{run.exit_code, {}, run.output};
  std::ifstream in(dir / "caps.json");
  if (in) {
    auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_object() && j.contains("capabilities"))
      for (const auto& c : j["capabilities"]) p.capabilities.insert(c.get<std::string>());
  }
  fs::remove_all(dir);
  return p;
}

TEST(ProbeProfiles, GnutlsServerInItsNamespaceDoesEverythingItsProfileSays) {
  auto p = probe_iut("gnutls");
  if (p.output.find("needs a network namespace") != std::string::npos) GTEST_SKIP() << p.output;
  EXPECT_EQ(p.exit_code, 0) << p.output;
  EXPECT_EQ(p.capabilities, with({"client-auth", "dhe", "ecdhe", "ems", "renegotiation", "resume-id", "resume-ticket",
                                  "rsa"},
                                 kEcdheGroups))
      << p.output;
  EXPECT_NE(p.output.find("every capability profile 'gnutls' declares that a probe can see was shown"),
            std::string::npos)
      << p.output;
}

TEST(ProbeProfiles, BoringsslShimHasNoDheNoRsaKeyExchangeNoP521) {
  auto p = probe_iut("shim-boringssl");
  EXPECT_EQ(p.exit_code, 0) << p.output;
  EXPECT_EQ(p.capabilities, (Caps{"ecdhe", "ems", "group-secp256r1", "group-secp384r1", "group-x25519",
                                  "renegotiation", "resume-id", "resume-ticket"}))
      << p.output;
  EXPECT_NE(p.output.find("dhe                    no"), std::string::npos) << p.output;
}

TEST(ProbeProfiles, OpensslAndOurPeerDoEveryKeyExchangeAndGroup) {
  for (const char* iut : {"openssl", "tlsconform-peer"}) {
    auto p = probe_iut(iut);
    EXPECT_EQ(p.exit_code, 0) << iut << "\n" << p.output;
    EXPECT_EQ(p.capabilities, with({"dhe", "ecdhe", "ems", "renegotiation", "resume-id", "resume-ticket", "rsa"},
                                   kEcdheGroups))
        << iut << "\n" << p.output;
  }
}

// A profile that declares what its server does not do gets a warning naming the capability and
// the probe's finding, and exit 1.
TEST(ProbeProfiles, AClaimTheServerDoesNotShowIsAWarning) {
  const fs::path dir = testutil::fresh_dir("probe-claim");
  fs::create_directories(dir / "profiles");
  auto bssl = nlohmann::json::parse(testutil::slurp(fs::path(TLSC_SOURCE_DIR) / "iut/profiles/shim-boringssl.json"));
  bssl["capabilities"].push_back("dhe");
  std::ofstream(dir / "profiles" / "shim-boringssl.json") << bssl.dump(2);
  auto run = testutil::run_cli({"probe", "--iut", "shim-boringssl", "--profiles", (dir / "profiles").string(), "--out",
                                (dir / "caps.json").string()},
                               dir / "probe.log", 120s);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("tlsconform probe: warning: profile 'shim-boringssl' declares dhe (alert "
                            "handshake_failure), but its server did not show it"),
            std::string::npos)
      << run.output;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tlsc
