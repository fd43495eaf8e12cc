// Real FTPS clients — curl (OpenSSL) and lftp (GnuTLS) — against our scripted FTPS server
// (peers/ftps) on 127.0.0.1, run without a shell under ChildProcess (killed and reaped on every
// path). Checked end to end: login, LIST, RETR (SHA-256 of the file the client wrote), STOR
// (SHA-256 of what our server stored), and what each data connection's TLS handshake did:
// whether it resumed the control connection's session, by which mechanism, EMS on both.
#include <fstream>

#include "scenarios/ftps_payload.h"
#include "peers/ftps/control.h"
#include "peers/ftps/server.h"
#include "tests/integration/interop_fixture.h"

namespace tlsc::interop {
namespace {

using scenarios::ftps_payload::pattern;

Bytes file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_bytes(const fs::path& p, const Bytes& b) {
  std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

ftps::FtpsServerConfig server_config(bool require_reuse) {
  ftps::FtpsServerConfig s;
  s.control_tls = engine_server_config();
  s.data_tls = s.control_tls;  // one ServerState: data connections can resume the control session
  s.require_reuse = require_reuse;
  s.files->put("a.bin", pattern(250000, 11));
  return s;
}

// Runs a client to its end (bounded), killed and reaped on every path.
IutClientRun run_client(const std::vector<std::string>& argv, const fs::path& dir, const std::string& name) {
  return run_iut_client(argv, dir, name, "", "");
}

std::string describe_all(const std::vector<ftps::FtpsServerReport>& reports) {
  std::string out;
  for (size_t i = 0; i < reports.size(); ++i) out += "control connection " + std::to_string(i) + ":\n" + reports[i].describe();
  return out;
}

// Every data connection of every control connection: transferred with 226, resumed the control
// session (by `by`), EMS on control and data.
void expect_resumed_data(const std::vector<ftps::FtpsServerReport>& reports, size_t expected_data,
                         const std::string& context) {
  size_t n = 0;
  for (const auto& r : reports) {
    for (const auto& d : r.data) {
      ++n;
      EXPECT_EQ(d.final_code, 226) << d.command << "\n" << describe_all(reports) << context;
      EXPECT_TRUE(d.resumed_control_session) << d.command << "\n" << describe_all(reports);
      EXPECT_TRUE(d.ems_control) << d.command;
      EXPECT_TRUE(d.ems_data) << d.command;
      std::cout << "  " << d.command << ": data TLS resumed by " << engine::to_string(d.tls.resumed) << "\n";
    }
  }
  EXPECT_EQ(n, expected_data) << describe_all(reports) << context;
}

TEST(FtpsCurl, ListRetrStorAgainstOurServerRequiringReuse) {
  TLSC_REQUIRE_ENV();
  TLSC_REQUIRE_PROGRAM("curl");
  TempDir dir("tlsc_ftps_curl");
  auto cfg = server_config(true);
  auto files = cfg.files;
  ftps::FtpsLoopbackServer server(cfg, 2);
  ASSERT_TRUE(server.error().empty()) << server.error();
  const std::string base = "ftp://127.0.0.1:" + std::to_string(server.port()) + "/";
  const Bytes upload = pattern(180001, 12);
  write_bytes(dir.path() / "up.bin", upload);
  const std::vector<std::string> common = {"curl", "-sS", "-v", "--ssl-reqd", "--insecure", "--user", "tlsc:tlsc-password",
                                           "--max-time", "20", "--tlsv1.2"};
  // One control connection: LIST, then RETR (curl keeps the connection for the second URL).
  auto argv = common;
  for (const std::string& a : {std::string("-o"), (dir.path() / "list.txt").string(), base,
                              std::string("-o"), (dir.path() / "a.bin").string(), base + "a.bin"})
    argv.push_back(a);
  auto get = run_client(argv, dir.path(), "curl-get");
  ASSERT_TRUE(get.error.empty()) << get.error;
  EXPECT_TRUE(get.status.success()) << get.status.describe() << "\n" << get.err;
  // A second control connection: STOR.
  argv = common;
  for (const std::string& a : {std::string("-T"), (dir.path() / "up.bin").string(), base + "up.bin"}) argv.push_back(a);
  auto put = run_client(argv, dir.path(), "curl-put");
  ASSERT_TRUE(put.error.empty()) << put.error;
  EXPECT_TRUE(put.status.success()) << put.status.describe() << "\n" << put.err;
  auto reports = server.stop();

  EXPECT_EQ(ftps::sha256_hex(file_bytes(dir.path() / "a.bin")), ftps::sha256_hex(*files->get("a.bin")));
  const std::string listing = [&] {
    auto b = file_bytes(dir.path() / "list.txt");
    return std::string(b.begin(), b.end());
  }();
  EXPECT_NE(listing.find(" 250000 Jan 01  2024 a.bin"), std::string::npos) << listing;
  auto stored = files->get("up.bin");
  ASSERT_TRUE(stored) << describe_all(reports) << get.err << put.err;
  EXPECT_EQ(ftps::sha256_hex(*stored), ftps::sha256_hex(upload));
  ASSERT_EQ(reports.size(), 2u) << describe_all(reports);
  for (const auto& r : reports) {
    EXPECT_TRUE(r.control.handshake_complete) << r.describe();
    EXPECT_TRUE(r.quit) << r.describe();
  }
  std::cout << "curl:\n";
  expect_resumed_data(reports, 3, get.err + put.err);
}

TEST(FtpsLftp, ListRetrStorAgainstOurServer) {
  TLSC_REQUIRE_ENV();
  TLSC_REQUIRE_PROGRAM("lftp");
  TempDir dir("tlsc_ftps_lftp");
  auto cfg = server_config(true);
  auto files = cfg.files;
  ftps::FtpsLoopbackServer server(cfg, 1);
  ASSERT_TRUE(server.error().empty()) << server.error();
  const Bytes upload = pattern(150003, 13);
  write_bytes(dir.path() / "up.bin", upload);
  // lftp's own command language (not a shell): few retries, short timeouts, FTPS forced.
  const std::string script =
      "set net:max-retries 1; set net:timeout 8; set net:reconnect-interval-base 1; set cmd:fail-exit yes; "
      "set ftp:ssl-force true; set ftp:ssl-protect-data true; set ftp:ssl-auth TLS; set ssl:verify-certificate no; "
      "set ftp:passive-mode true; set ftp:use-feat true; "
      "open -u tlsc,tlsc-password ftp://127.0.0.1:" + std::to_string(server.port()) + "; "
      "cls -l > " + (dir.path() / "list.txt").string() + "; "
      "get a.bin -o " + (dir.path() / "a.bin").string() + "; "
      "put " + (dir.path() / "up.bin").string() + " -o up.bin; bye";
  auto run = run_client({"lftp", "-d", "-c", script}, dir.path(), "lftp");
  ASSERT_TRUE(run.error.empty()) << run.error;
  auto reports = server.stop();
  EXPECT_TRUE(run.status.success()) << run.status.describe() << "\n" << run.err.substr(0, 6000) << describe_all(reports);
  EXPECT_EQ(ftps::sha256_hex(file_bytes(dir.path() / "a.bin")), ftps::sha256_hex(*files->get("a.bin")));
  auto listing = file_bytes(dir.path() / "list.txt");
  EXPECT_NE(std::string(listing.begin(), listing.end()).find("a.bin"), std::string::npos);
  auto stored = files->get("up.bin");
  ASSERT_TRUE(stored) << describe_all(reports) << run.err.substr(0, 6000);
  EXPECT_EQ(ftps::sha256_hex(*stored), ftps::sha256_hex(upload));
  std::cout << "lftp:\n";
  expect_resumed_data(reports, 3, run.err.substr(0, 6000));
}

}  // namespace
}  // namespace tlsc::interop
