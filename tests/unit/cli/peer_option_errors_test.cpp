// `tlsconform peer client|server` with bad option values: exit code 2 and exactly one stderr line
// naming the option and the value, before any connection is attempted.
#include <gtest/gtest.h>

#include "run_cli.h"
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace {

using Outcome = tlsc::testing::CliOutcome;
using tlsc::testing::run_cli;

struct BadValue {
  std::vector<std::string> args;
  std::vector<std::string> named;  // what the one line must contain
};

void expect_one_line_usage_error(const BadValue& c) {
  Outcome o = run_cli(c.args);
  std::string cmd;
  for (const auto& a : c.args) cmd += a + " ";
  EXPECT_EQ(o.code, 2) << cmd << "\n" << o.err;
  EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << cmd << "\n" << o.err;
  EXPECT_TRUE(o.out.empty()) << cmd << "\n" << o.out;
  for (const auto& n : c.named) EXPECT_NE(o.err.find(n), std::string::npos) << cmd << ": no '" << n << "' in " << o.err;
}

// Port 1 on loopback: never reached, the values are refused first.
std::vector<std::string> client(std::vector<std::string> more) {
  std::vector<std::string> a = {"peer", "client", "--connect", "127.0.0.1:1"};
  a.insert(a.end(), more.begin(), more.end());
  return a;
}

TEST(PeerOptionErrors, ClientValuesAreNamedInOneLine) {
  const std::vector<BadValue> cases = {
      {client({"--suite", "FOO"}), {"peer client: --suite: unknown cipher suite 'FOO'"}},
      {client({"--quirk", "Bogus"}), {"--quirk: unknown client quirk 'Bogus'"}},
      {client({"--quirk", "OmitEms=maybe"}), {"--quirk", "OmitEms", "maybe"}},
      {client({"--resume-quirk", "Nope"}), {"--resume-quirk", "unknown client quirk 'Nope'"}},
      {client({"--quirk", "DeclineResumption"}), {"--quirk", "unknown client quirk 'DeclineResumption'"}},
      {client({"--group", "curve9"}), {"--group", "curve9"}},
      {client({"--version", "tls1.3"}), {"--version", "tls1.3"}},
      {client({"--ems", "maybe"}), {"--ems", "maybe"}},
      {client({"--resume-by", "psk"}), {"--resume-by", "psk"}},
      {client({"--cert", "/nonexistent/c.pem"}), {"--cert", "--key"}},
      {client({"--cert", "/nonexistent/c.pem", "--key", "/nonexistent/k.pem"}), {"--cert", "/nonexistent/c.pem"}},
      {client({"--timeout-ms", "0"}), {"--timeout-ms", "0"}},
      // Issue 14: a negative seed is refused, not wrapped to 2^64-1.
      {client({"--seed", "-1"}), {"--seed", "a seed is not negative: -1"}},
      {{"peer", "ftps-client", "--connect", "127.0.0.1:1", "--seed", "-5"}, {"--seed", "-5"}},
      {{"peer", "ftps-server", "--listen", "127.0.0.1:0", "--seed", "-5"}, {"--seed", "-5"}},
      {client({"--resume", "lots"}), {"--resume", "lots"}},
      {client({"--keylog", "/nonexistent/dir/keylog"}), {"--keylog", "/nonexistent/dir/keylog"}},
      {{"peer", "client", "--connect", "10.0.0.1:443"}, {"--connect: refusing non-loopback address 10.0.0.1"}},
      {{"peer", "client", "--connect", "example.com:443"}, {"--connect", "example.com"}},
      {{"peer", "client", "--connect", "127.0.0.1"}, {"--connect", "127.0.0.1"}},
      {{"peer", "client", "--connect", "127.0.0.1:0"}, {"--connect", "'0'"}},
      {{"peer", "client", "--connect", "127.0.0.1:70000"}, {"--connect", "70000"}},
      {{"peer", "client"}, {"--connect"}},
  };
  for (const auto& c : cases) expect_one_line_usage_error(c);
}

TEST(PeerOptionErrors, ServerValuesAreNamedInOneLine) {
  auto server = [](std::vector<std::string> more) {
    // The credential files do not exist: every case below is refused before they are read, or
    // names them.
    std::vector<std::string> a = {"peer", "server", "--listen", "127.0.0.1:0"};
    a.insert(a.end(), more.begin(), more.end());
    return a;
  };
  const std::vector<BadValue> cases = {
      {{"peer", "server", "--listen", "192.168.1.1:4433", "--cert", "c", "--key", "k"},
       {"peer server: --listen: refusing non-loopback address 192.168.1.1"}},
      {{"peer", "server", "--listen", "0.0.0.0:4433"}, {"--listen", "0.0.0.0"}},
      {server({}), {"--cert", "--key"}},
      {server({"--cert", "/nonexistent/c.pem", "--key", "/nonexistent/k.pem"}), {"--cert", "/nonexistent/c.pem"}},
      {server({"--quirk", "Bogus", "--cert", "c", "--key", "k"}), {"--quirk", "Bogus"}},
      {server({"--suite", "RC4-MD5"}), {"--suite", "RC4-MD5"}},
      {server({"--accept", "-3"}), {"--accept", "-3"}},
      {{"peer", "server"}, {"--listen"}},
  };
  for (const auto& c : cases) expect_one_line_usage_error(c);
}

TEST(PeerOptionErrors, MissingRoleIsNamed) {
  Outcome o = run_cli({"peer"});
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("client or server"), std::string::npos) << o.err;
}

}  // namespace
