// `tlsconform peer client --resume-by id` against `openssl s_server` (issue 12): it offers no
// session_ticket extension, so OpenSSL gives the session an ID and resumes by it; and the command
// exits non-zero when a requested resumption did not happen.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness/process/child_process.h"
#include "peers/pki/test_pki.h"

namespace tlsc {
namespace {

namespace fs = std::filesystem;

struct PeerRun {
  int code = -1;
  std::vector<nlohmann::json> reports;
  std::string err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class PeerResumeById : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!harness::find_program("openssl")) GTEST_SKIP() << "openssl is not installed";
    dir_ = fs::temp_directory_path() / ("tlsc-peer-resume-id-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    std::string err;
    pki_ = pki::ensure(dir_ / "pki", &err);
    ASSERT_TRUE(pki_) << err;
  }
  void TearDown() override {
    if (server_) server_->stop(std::chrono::milliseconds(500));
    fs::remove_all(dir_);
  }
  uint16_t start_server(const std::vector<std::string>& extra) {
    const uint16_t port = harness::pick_free_port();
    harness::SpawnOptions so;
    so.argv = {"openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(port), "-cert",
               pki_->server_rsa.cert.string(), "-key", pki_->server_rsa.key.string(), "-rev"};
    so.argv.insert(so.argv.end(), extra.begin(), extra.end());
    so.stdout_path = dir_ / "s_server.log";
    so.stderr_path = dir_ / "s_server.log";
    auto spawned = harness::ChildProcess::spawn(so);
    EXPECT_TRUE(spawned.process) << spawned.error;
    if (!spawned.process) return 0;
    server_ = std::move(spawned.process);
    EXPECT_EQ(server_->wait_for_line("ACCEPT", std::chrono::seconds(10)), harness::ChildProcess::LineWait::kFound);
    return port;
  }
  PeerRun peer_client(uint16_t port, const std::vector<std::string>& extra) {
    harness::SpawnOptions so;
    so.argv = {fs::path(TLSC_SHIM_DIR) / "tlsconform", "peer", "client", "--connect", "127.0.0.1:" + std::to_string(port),
               "--json", "--timeout-ms", "3000"};
    so.argv.insert(so.argv.end(), extra.begin(), extra.end());
    so.stdout_path = dir_ / "peer.out";
    so.stderr_path = dir_ / "peer.err";
    auto spawned = harness::ChildProcess::spawn(so);
    EXPECT_TRUE(spawned.process) << spawned.error;
    PeerRun r;
    if (!spawned.process) return r;
    auto st = spawned.process->wait_for(std::chrono::seconds(30));
    EXPECT_TRUE(st && st->exited);
    r.code = st && st->exited ? st->code : -1;
    std::istringstream lines(slurp(dir_ / "peer.out"));
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) r.reports.push_back(nlohmann::json::parse(line));
    r.err = slurp(dir_ / "peer.err");
    return r;
  }

  fs::path dir_;
  std::optional<pki::TestPki> pki_;
  std::unique_ptr<harness::ChildProcess> server_;
};

TEST_F(PeerResumeById, OpensslResumesBySessionId) {
  const uint16_t port = start_server({});  // tickets on: with a session_ticket offer it would use one
  ASSERT_NE(port, 0);
  auto r = peer_client(port, {"--version", "tls1.2", "--resume", "1", "--resume-by", "id"});
  ASSERT_EQ(r.reports.size(), 2u) << r.err;
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.reports[0]["ticket_issued"], false) << "no session_ticket offered, so no ticket";
  EXPECT_NE(r.reports[0]["session_id"], "");
  EXPECT_EQ(r.reports[1]["resumption_offered_by"], "session-id");
  EXPECT_EQ(r.reports[1]["resumed"], "session-id") << r.reports[1].dump();
  EXPECT_EQ(r.reports[1]["session_id"], r.reports[0]["session_id"]);
}

TEST_F(PeerResumeById, ARefusedResumptionIsExitCodeOne) {
  const uint16_t port = start_server({"-no_cache"});  // no session-ID cache: nothing to resume by ID
  ASSERT_NE(port, 0);
  auto r = peer_client(port, {"--version", "tls1.2", "--resume", "1", "--resume-by", "id"});
  ASSERT_EQ(r.reports.size(), 2u) << r.err;
  EXPECT_EQ(r.reports[1]["handshake_complete"], true);
  EXPECT_EQ(r.reports[1]["resumed"], "no");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(r.err,
            "tlsconform peer client: connection 2: the server did not resume the offered session (by session ID): a full "
            "handshake\n");
}

}  // namespace
}  // namespace tlsc
