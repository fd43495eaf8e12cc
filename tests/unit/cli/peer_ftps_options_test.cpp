// `tlsconform peer ftps-server|ftps-client`: a bad option value is one line naming it (exit 2);
// nobody listening is an infrastructure error (exit 3). The whole FTPS sessions of both run in the
// FTPS self-test (tests/unit/selftest/ftps_selftest_test.cpp).
#include <gtest/gtest.h>

#include "tests/unit/cli/run_cli.h"

namespace tlsc::testing {
namespace {

TEST(PeerFtpsOptions, BadValuesAreOneLineNamingTheOption) {
  auto r = run_cli({"peer", "ftps-client", "--connect", "127.0.0.1:2121", "--resume-by", "psk"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "tlsconform peer ftps-client: --resume-by: expected id, ticket or none, got 'psk'\n");

  r = run_cli({"peer", "ftps-client", "--connect", "127.0.0.1:2121", "--ems", "maybe"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "tlsconform peer ftps-client: --ems: expected on or off, got 'maybe'\n");

  r = run_cli({"peer", "ftps-client", "--connect", "10.0.0.1:21"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "tlsconform peer ftps-client: --connect: refusing non-loopback address 10.0.0.1\n");

  r = run_cli({"peer", "ftps-client", "--connect", "127.0.0.1:2121", "--ftps-quirk", "SendPlaintextReplyAfterAuth"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "tlsconform peer ftps-client: --ftps-quirk: unknown FTPS quirk 'SendPlaintextReplyAfterAuth' (known: SkipPbsz)\n");

  r = run_cli({"peer", "ftps-server", "--listen", "127.0.0.1:0", "--ftps-quirk", "Nope"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "tlsconform peer ftps-server: --ftps-quirk: unknown FTPS quirk 'Nope' (known: "
                   "SendPlaintextReplyAfterAuth, AcceptProtWithoutPbsz)\n");

  r = run_cli({"peer", "ftps-server", "--listen", "127.0.0.1:0", "--data-quirk", "NoSuchQuirk"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.rfind("tlsconform peer ftps-server: --data-quirk: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("NoSuchQuirk"), std::string::npos) << r.err;

  r = run_cli({"peer", "ftps-server", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "tlsconform peer ftps-server: --cert, --key: an RSA certificate and key are required\n");

  r = run_cli({"peer", "ftps-client", "--connect", "127.0.0.1:2121", "--upload", "/nonexistent/tlsc-up.bin"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "tlsconform peer ftps-client: --upload: cannot read '/nonexistent/tlsc-up.bin'\n");
}

TEST(PeerFtpsOptions, NobodyListeningIsAnInfrastructureError) {
  // Port 1 on loopback: nothing listens there (it would need root and a reason).
  auto r = run_cli({"peer", "ftps-client", "--connect", "127.0.0.1:1", "--timeout-ms", "2000"});
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("error: connect 127.0.0.1:1"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace tlsc::testing
