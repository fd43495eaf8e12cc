// `tlsconform peer server` + `tlsconform peer client` as real processes on 127.0.0.1: the server
// listens on port 0 and prints the port, the client connects, both report as --json lines.
// Every process started here is killed (its process group) and reaped, also when a test fails.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "peers/pki/test_pki.h"
#include "peers/transport/tcp_listener.h"
#include "peers/transport/tcp_stream.h"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A child process running tlsconform with stdout and stderr piped to us.
class Child {
 public:
  explicit Child(std::vector<std::string> args) {
    int out[2], err[2];
    if (::pipe(out) != 0 || ::pipe(err) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::setpgid(0, 0);  // own process group: the destructor kills the whole group
      ::dup2(out[1], 1);
      ::dup2(err[1], 2);
      ::close(out[0]);
      ::close(err[0]);
      ::close(out[1]);
      ::close(err[1]);
      std::string prog = TLSC_CLI_PATH;
      std::vector<char*> argv{prog.data()};
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(prog.c_str(), argv.data());
      ::_exit(127);
    }
    if (pid_ > 0) ::setpgid(pid_, pid_);  // also from here: no race with kill() below
    ::close(out[1]);
    ::close(err[1]);
    out_fd_ = out[0];
    err_fd_ = err[0];
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  ~Child() {
    if (pid_ > 0 && !reaped_) {
      ::kill(-pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (out_fd_ >= 0) ::close(out_fd_);
    if (err_fd_ >= 0) ::close(err_fd_);
  }

  bool started() const { return pid_ > 0 && out_fd_ >= 0; }
  pid_t pid() const { return pid_; }

  // The next stdout line (without '\n'), or nullopt at EOF or after `timeout`.
  std::optional<std::string> read_line(milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
      if (auto nl = out_.find('\n'); nl != std::string::npos) {
        std::string line = out_.substr(0, nl);
        out_.erase(0, nl + 1);
        return line;
      }
      if (out_eof_ || Clock::now() >= deadline) return std::nullopt;
      pump(milliseconds(20));
    }
  }

  // Waits for the exit code; after `timeout` the group is killed and -1 returned.
  int wait(milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!reaped_) {
      int status = 0;
      pid_t r = ::waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        reaped_ = true;
        code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        break;
      }
      if (Clock::now() >= deadline) {
        ::kill(-pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        reaped_ = true;
        code_ = -1;
        break;
      }
      pump(milliseconds(10));  // keep the pipes drained while waiting
    }
    while (!out_eof_ || !err_eof_) pump(milliseconds(100));  // the child is gone: read to EOF
    return code_;
  }

  // Every stdout line not yet returned by read_line (call after wait()).
  std::vector<std::string> rest_lines() {
    std::vector<std::string> lines;
    while (auto l = read_line(milliseconds(0))) lines.push_back(*l);
    return lines;
  }
  const std::string& err() const { return err_; }

 private:
  void pump(milliseconds timeout) {
    pollfd fds[2] = {{out_eof_ ? -1 : out_fd_, POLLIN, 0}, {err_eof_ ? -1 : err_fd_, POLLIN, 0}};
    if (::poll(fds, 2, static_cast<int>(timeout.count())) <= 0) return;
    char buf[4096];
    if (fds[0].revents) {
      ssize_t n = ::read(out_fd_, buf, sizeof buf);
      if (n > 0) out_.append(buf, static_cast<size_t>(n)); else out_eof_ = true;
    }
    if (fds[1].revents) {
      ssize_t n = ::read(err_fd_, buf, sizeof buf);
      if (n > 0) err_.append(buf, static_cast<size_t>(n)); else err_eof_ = true;
    }
  }

  pid_t pid_ = -1;
  int out_fd_ = -1, err_fd_ = -1;
  bool out_eof_ = false, err_eof_ = false, reaped_ = false;
  int code_ = -1;
  std::string out_, err_;
};

constexpr milliseconds kWait{30000};

class PeerLoopback : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/tlsc-peer-cli-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    std::string error;
    auto made = tlsc::pki::ensure(dir_, &error);
    ASSERT_TRUE(made.has_value()) << error;
    pki_ = *made;
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // Starts `peer server --listen 127.0.0.1:0` with the RSA + ECDSA certificates and `extra`,
  // reads its `listening 127.0.0.1:PORT` line and returns the port (0 on failure).
  uint16_t start_server(std::vector<std::string> extra) {
    std::vector<std::string> args = {"peer", "server", "--listen", "127.0.0.1:0",
                                     "--cert", pki_.server_rsa.cert.string(), "--key", pki_.server_rsa.key.string(),
                                     "--ecdsa-cert", pki_.server_ecdsa.cert.string(),
                                     "--ecdsa-key", pki_.server_ecdsa.key.string(), "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    server_ = std::make_unique<Child>(args);
    if (!server_->started()) return 0;
    auto line = server_->read_line(kWait);
    const std::string prefix = "listening 127.0.0.1:";
    if (!line || line->rfind(prefix, 0) != 0) {
      ADD_FAILURE() << "no listening line; got '" << line.value_or("<none>") << "'";
      return 0;
    }
    return static_cast<uint16_t>(std::stoi(line->substr(prefix.size())));
  }

  struct ClientRun {
    int code = -1;
    std::vector<json> reports;
    std::string err;
  };

  static ClientRun run_client(uint16_t port, std::vector<std::string> extra) {
    std::vector<std::string> args = {"peer", "client", "--connect", "127.0.0.1:" + std::to_string(port), "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    Child c(args);
    ClientRun run;
    run.code = c.wait(kWait);
    for (const auto& l : c.rest_lines()) run.reports.push_back(json::parse(l));
    run.err = c.err();
    return run;
  }

  // The server's next `n` --json report lines.
  std::vector<json> server_reports(size_t n) {
    std::vector<json> out;
    while (out.size() < n) {
      auto l = server_->read_line(kWait);
      if (!l) break;
      out.push_back(json::parse(*l));
    }
    return out;
  }

  static bool has_alert(const json& report, bool sent, const std::string& description) {
    for (const auto& a : report["alerts"])
      if (a["sent"] == sent && a["description"] == description) return true;
    return false;
  }

  static inline std::filesystem::path dir_;
  static inline tlsc::pki::TestPki pki_;
  std::unique_ptr<Child> server_;  // killed and reaped with the test
};

TEST_F(PeerLoopback, ClientAndServerAgreeOnSuiteVersionGroupAndEms) {
  uint16_t port = start_server({"--accept", "1"});
  ASSERT_NE(port, 0);
  auto c = run_client(port, {"--version", "tls1.2", "--suite", "ECDHE-RSA-AES128-GCM-SHA256", "--group", "secp384r1",
                             "--send", "ping"});
  ASSERT_EQ(c.code, 0) << c.err;
  ASSERT_EQ(c.reports.size(), 1u);
  const json& r = c.reports[0];
  EXPECT_EQ(r["role"], "client");
  EXPECT_EQ(r["handshake_complete"], true);
  EXPECT_EQ(r["version"], "TLS1.2");
  EXPECT_EQ(r["suite"], "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  EXPECT_EQ(r["group"], "secp384r1");
  EXPECT_EQ(r["ems_offered"], true);
  EXPECT_EQ(r["ems_echoed"], true);
  EXPECT_EQ(r["master_secret"], "extended");
  EXPECT_EQ(r["resumed"], "no");
  EXPECT_EQ(r["error"], "");

  auto s = server_reports(1);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0]["role"], "server");
  EXPECT_EQ(s[0]["handshake_complete"], true);
  EXPECT_EQ(s[0]["suite"], r["suite"]);
  EXPECT_EQ(s[0]["session_id"], r["session_id"]);
  const auto& msgs = s[0]["messages"];
  EXPECT_NE(std::find(msgs.begin(), msgs.end(), "< application_data[4]"), msgs.end()) << msgs.dump();
  EXPECT_EQ(server_->wait(kWait), 0) << server_->err();  // --accept 1: done after one connection
}

TEST_F(PeerLoopback, VersionCbcSuiteAndEmsOffAreAsGiven) {
  uint16_t port = start_server({"--accept", "1"});
  ASSERT_NE(port, 0);
  auto c = run_client(port, {"--version", "tls1.1", "--suite", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "--ems", "off"});
  ASSERT_EQ(c.code, 0) << c.err;
  ASSERT_EQ(c.reports.size(), 1u);
  const json& r = c.reports[0];
  EXPECT_EQ(r["version"], "TLS1.1");
  EXPECT_EQ(r["suite"], "TLS_DHE_RSA_WITH_AES_128_CBC_SHA");
  EXPECT_EQ(r["group"], "ffdhe2048");
  EXPECT_EQ(r["ems_offered"], false);
  EXPECT_EQ(r["ems_echoed"], false);
  EXPECT_EQ(r["master_secret"], "standard");
}

TEST_F(PeerLoopback, EcdsaSuiteUsesTheEcdsaCertificate) {
  uint16_t port = start_server({"--accept", "1"});
  ASSERT_NE(port, 0);
  auto c = run_client(port, {"--suite", "ECDHE-ECDSA-AES128-GCM-SHA256", "--group", "x25519"});
  ASSERT_EQ(c.code, 0) << c.err;
  ASSERT_EQ(c.reports.size(), 1u);
  EXPECT_EQ(c.reports[0]["suite"], "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
  EXPECT_EQ(c.reports[0]["group"], "x25519");
}

TEST_F(PeerLoopback, ResumeByTicket) {
  uint16_t port = start_server({"--accept", "2"});
  ASSERT_NE(port, 0);
  auto c = run_client(port, {"--resume", "1", "--resume-by", "ticket"});
  ASSERT_EQ(c.code, 0) << c.err;
  ASSERT_EQ(c.reports.size(), 2u);
  EXPECT_EQ(c.reports[0]["resumed"], "no");
  EXPECT_EQ(c.reports[0]["ticket_issued"], true);
  EXPECT_EQ(c.reports[1]["resumption_offered_by"], "ticket");
  EXPECT_EQ(c.reports[1]["resumed"], "ticket");
  EXPECT_EQ(c.reports[1]["handshake_complete"], true);
  // The server serves connections concurrently and reports each as it ends, so its lines need
  // not be in connection order: one full handshake and one resumed by ticket.
  auto s = server_reports(2);
  ASSERT_EQ(s.size(), 2u);
  std::multiset<std::string> resumed = {s[0]["resumed"].get<std::string>(), s[1]["resumed"].get<std::string>()};
  EXPECT_EQ(resumed, (std::multiset<std::string>{"no", "ticket"}));
}

TEST_F(PeerLoopback, ResumeBySessionId) {
  uint16_t port = start_server({"--accept", "3"});
  ASSERT_NE(port, 0);
  auto c = run_client(port, {"--resume", "2", "--resume-by", "id"});
  ASSERT_EQ(c.code, 0) << c.err;
  ASSERT_EQ(c.reports.size(), 3u);
  EXPECT_EQ(c.reports[0]["resumed"], "no");
  for (size_t i : {1u, 2u}) {
    EXPECT_EQ(c.reports[i]["resumption_offered_by"], "session-id") << i;
    EXPECT_EQ(c.reports[i]["resumed"], "session-id") << i;
    // RFC 5246 7.4.1.3: a resuming server echoes the offered session_id.
    EXPECT_EQ(c.reports[i]["session_id"], c.reports[0]["session_id"]) << i;
  }
  EXPECT_NE(c.reports[0]["session_id"], "");
}

TEST_F(PeerLoopback, ClientQuirkByNameChangesTheOutcome) {
  uint16_t port = start_server({"--accept", "1"});
  ASSERT_NE(port, 0);
  auto c = run_client(port, {"--quirk", "SendMalformedEms"});
  EXPECT_EQ(c.code, 1) << c.err;
  ASSERT_EQ(c.reports.size(), 1u);
  EXPECT_EQ(c.reports[0]["handshake_complete"], false);
  EXPECT_EQ(c.reports[0]["error"], "PeerAlert");
  EXPECT_TRUE(has_alert(c.reports[0], false, "decode_error")) << c.reports[0].dump();
  auto s = server_reports(1);
  ASSERT_EQ(s.size(), 1u);
  // RFC 7627 5.1: the extension's body is empty; a non-empty one is a decode error.
  EXPECT_EQ(s[0]["error"], "MalformedEms");
  EXPECT_TRUE(has_alert(s[0], true, "decode_error")) << s[0].dump();
}

TEST_F(PeerLoopback, ServerQuirkByNameChangesTheOutcome) {
  uint16_t port = start_server({"--accept", "1", "--quirk", "SendMalformedEms"});
  ASSERT_NE(port, 0);
  auto c = run_client(port, {});
  EXPECT_EQ(c.code, 1) << c.err;
  ASSERT_EQ(c.reports.size(), 1u);
  EXPECT_EQ(c.reports[0]["error"], "MalformedEms");
  EXPECT_TRUE(has_alert(c.reports[0], true, "decode_error")) << c.reports[0].dump();
}

TEST_F(PeerLoopback, ResumeQuirkAppliesToTheResumptionOnly) {
  uint16_t port = start_server({"--accept", "2"});
  ASSERT_NE(port, 0);
  auto c = run_client(port, {"--resume", "1", "--resume-quirk", "OmitEms"});
  EXPECT_EQ(c.code, 1) << c.err;
  ASSERT_EQ(c.reports.size(), 2u);
  EXPECT_EQ(c.reports[0]["handshake_complete"], true);
  EXPECT_EQ(c.reports[0]["ems_offered"], true);
  EXPECT_EQ(c.reports[1]["handshake_complete"], false);
  EXPECT_EQ(c.reports[1]["ems_offered"], false);
  EXPECT_EQ(c.reports[1]["resumption_offered"], true);
  auto s = server_reports(2);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0]["handshake_complete"], true);
  // RFC 7627 5.3: resuming an EMS session without EMS in the ClientHello aborts the handshake.
  EXPECT_EQ(s[1]["error"], "ResumedWithoutEms");
  EXPECT_TRUE(has_alert(s[1], true, "handshake_failure")) << s[1].dump();
}

TEST_F(PeerLoopback, KeylogGetsOneLinePerConnection) {
  uint16_t port = start_server({"--accept", "2"});
  ASSERT_NE(port, 0);
  const auto keylog = dir_ / "keylog.txt";
  std::filesystem::remove(keylog);
  auto c = run_client(port, {"--resume", "1", "--keylog", keylog.string()});
  ASSERT_EQ(c.code, 0) << c.err;
  std::ifstream in(keylog);
  std::string line;
  std::set<std::string> randoms;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    ASSERT_EQ(line.rfind("CLIENT_RANDOM ", 0), 0u) << line;
    ASSERT_EQ(line.size(), std::string("CLIENT_RANDOM ").size() + 64 + 1 + 96) << line;
    randoms.insert(line.substr(14, 64));
  }
  EXPECT_EQ(n, 2);
  EXPECT_EQ(randoms.size(), 2u);  // each connection its own client random (seed + i)
}

TEST_F(PeerLoopback, SummaryIsOneLinePerConnection) {
  uint16_t port = start_server({"--accept", "2"});
  ASSERT_NE(port, 0);
  Child c({"peer", "client", "--connect", "127.0.0.1:" + std::to_string(port), "--resume", "1", "--suite",
           "AES128-GCM-SHA256"});
  ASSERT_EQ(c.wait(kWait), 0) << c.err();
  auto lines = c.rest_lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].rfind("client #1: complete TLS1.2 TLS_RSA_WITH_AES_128_GCM_SHA256", 0), 0u) << lines[0];
  EXPECT_EQ(lines[1].rfind("client #2: complete", 0), 0u) << lines[1];
  EXPECT_NE(lines[1].find("resumed=ticket"), std::string::npos) << lines[1];
}

TEST_F(PeerLoopback, ServerWithAcceptZeroStopsOnSigterm) {
  uint16_t port = start_server({"--accept", "0"});
  ASSERT_NE(port, 0);
  auto c = run_client(port, {"--resume", "1"});
  ASSERT_EQ(c.code, 0) << c.err;
  ASSERT_EQ(server_reports(2).size(), 2u);
  ASSERT_EQ(::kill(server_->pid(), SIGTERM), 0);
  EXPECT_EQ(server_->wait(milliseconds(5000)), 0) << server_->err();
}

TEST_F(PeerLoopback, ConnectionRefusedIsAnInfrastructureError) {
  auto l = tlsc::transport::TcpListener::listen("127.0.0.1", 0);
  ASSERT_TRUE(l.result.ok()) << l.result.detail;
  const uint16_t port = l.listener->port();
  l.listener->close();  // nothing listens there now
  auto c = run_client(port, {});
  EXPECT_EQ(c.code, 3);
  EXPECT_TRUE(c.reports.empty());
  EXPECT_EQ(std::count(c.err.begin(), c.err.end(), '\n'), 1) << c.err;
  EXPECT_NE(c.err.find("--connect"), std::string::npos) << c.err;
}

// Issue 13: connections are served concurrently (up to 16 at once): a client that connects and
// says nothing holds one of them until --timeout-ms, not the next client's handshake.
TEST_F(PeerLoopback, ASilentClientDoesNotDelayTheNextHandshake) {
  uint16_t port = start_server({"--accept", "2", "--timeout-ms", "20000"});
  ASSERT_NE(port, 0);
  auto silent = tlsc::transport::TcpStream::connect("127.0.0.1", port, tlsc::transport::deadline_after(milliseconds(5000)));
  ASSERT_TRUE(silent.result.ok()) << silent.result.detail;
  std::this_thread::sleep_for(milliseconds(300));  // accepted first: a serial server would wait 20 s on it
  // Far below the silent connection's 20 s: only a server that does not wait on it completes.
  auto c = run_client(port, {"--timeout-ms", "5000"});
  ASSERT_EQ(c.code, 0) << c.err;
  ASSERT_EQ(c.reports.size(), 1u);
  EXPECT_EQ(c.reports[0]["handshake_complete"], true);
  auto s = server_reports(1);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0]["handshake_complete"], true);  // the second connection, reported first
  silent.stream->close();
  EXPECT_EQ(server_->wait(kWait), 1) << server_->err();  // the silent one did not complete
}

}  // namespace
