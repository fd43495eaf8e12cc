// Interop fixture: the run's PKI and DH parameters, per-test folders, our engine as client and as
// server over loopback TCP, and the IUT command-line tools under the harness's ChildProcess
// supervisor (own process group, killed and reaped on every path).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <functional>

#include "harness/process/child_process.h"
#include "peers/crypto/dh.h"
#include "peers/engine/peer.h"
#include "peers/pki/test_pki.h"
#include "peers/record/cipher_suite.h"
#include "peers/transport/tcp_listener.h"
#include "peers/transport/tcp_stream.h"

namespace tlsc::interop {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using harness::ChildProcess;
using harness::SpawnOptions;

inline constexpr auto kIoTimeout = std::chrono::milliseconds(3000);  // engine reads/writes
inline constexpr auto kReadyTimeout = std::chrono::milliseconds(5000);  // IUT server banner
inline constexpr auto kExitTimeout = std::chrono::milliseconds(8000);   // IUT process end

// A temporary folder removed (with its content) when it goes out of scope.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix) {
    std::string tmpl = (fs::temp_directory_path() / (prefix + "_XXXXXX")).string();
    if (::mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Generated once per test binary: the PKI, the ffdhe2048 parameters as PEM (s_server -dhparam),
// the credentials our engine uses, and an OPENSSL_CONF that turns EMS off.
struct Environment {
  std::string error;  // empty when everything below is valid
  TempDir dir{"tlsc_interop"};
  pki::TestPki pki;
  fs::path dhparam;
  fs::path no_ems_conf;
  engine::Credential rsa, ecdsa, client;
};

inline const Environment& env() {
  // Destroyed at exit, which removes its folder.
  static const std::unique_ptr<Environment> e = [] {
    auto out = std::make_unique<Environment>();
    std::string why;
    auto p = pki::ensure(out->dir.path() / "pki", &why);
    if (!p) {
      out->error = "pki: " + why;
      return out;
    }
    out->pki = *p;
    auto pem = crypto::dh_group_to_pem(crypto::ffdhe2048());
    if (!pem) {
      out->error = "dhparam: " + pem.error();
      return out;
    }
    out->dhparam = out->dir.path() / "ffdhe2048.pem";
    std::ofstream(out->dhparam) << *pem;
    // OpenSSL 3.0's s_server/s_client have no -no_ems; SSL_CONF "Options = -ExtendedMasterSecret"
    // in the system_default section sets SSL_OP_NO_EXTENDED_MASTER_SECRET on every SSL_CTX the
    // tool makes. Passed to the child only, through OPENSSL_CONF in its environment.
    out->no_ems_conf = out->dir.path() / "no_ems.cnf";
    std::ofstream(out->no_ems_conf) << "openssl_conf = openssl_init\n"
                                       "[openssl_init]\n"
                                       "ssl_conf = ssl_module\n"
                                       "[ssl_module]\n"
                                       "system_default = tls_system_default\n"
                                       "[tls_system_default]\n"
                                       "Options = -ExtendedMasterSecret\n";
    auto load = [&](const pki::KeyPair& kp, engine::Credential& c) {
      auto r = engine::Credential::from_pem_files(kp.cert.string(), kp.key.string());
      if (!r) {
        out->error = "credential " + kp.cert.string() + ": " + r.error();
        return false;
      }
      c = *r;
      return true;
    };
    if (!load(out->pki.server_rsa, out->rsa) || !load(out->pki.server_ecdsa, out->ecdsa) ||
        !load(out->pki.client_rsa, out->client))
      return out;
    return out;
  }();
  return *e;
}

#define TLSC_REQUIRE_ENV() \
  ASSERT_TRUE(::tlsc::interop::env().error.empty()) << ::tlsc::interop::env().error

#define TLSC_REQUIRE_PROGRAM(name)                                                  \
  do {                                                                              \
    if (!::tlsc::harness::find_program(name)) GTEST_SKIP() << name " is not installed"; \
  } while (0)

inline const record::CipherSuite& suite_by_name(std::string_view name) {
  const auto* s = record::find_cipher_suite(name);
  if (!s) throw std::runtime_error("unknown suite " + std::string(name));
  return *s;
}
inline CipherSuite wire_suite(const record::CipherSuite& s) { return CipherSuite{s.code}; }

// ------------------------------------------------------------------ our engine

inline engine::ClientConfig engine_client_config() {
  engine::ClientConfig c;
  c.timeouts.io = kIoTimeout;
  c.timeouts.close = 1000ms;
  c.server_name = "localhost";
  return c;
}

inline engine::ServerConfig engine_server_config() {
  engine::ServerConfig s;
  s.rsa = env().rsa;
  s.ecdsa = env().ecdsa;
  s.state = std::make_shared<engine::ServerState>(11);
  s.timeouts.io = kIoTimeout;
  s.timeouts.close = 1000ms;
  return s;
}

// Our client, over TCP to 127.0.0.1:port.
inline engine::ConnectionReport run_engine_client(uint16_t port, const engine::ClientConfig& cfg) {
  auto c = transport::TcpStream::connect("127.0.0.1", port, transport::deadline_after(kIoTimeout));
  if (!c.stream) {
    engine::ConnectionReport r;
    r.error = engine::Error::kPeerClosed;
    r.error_detail = "connect: " + c.result.detail;
    return r;
  }
  return engine::run_client(*c.stream, cfg);
}

// Our server: listens on 127.0.0.1, port 0 (the kernel picks it, no race), and serves up to
// `connections` connections one after the other on a thread, each with run_server.
class EngineServer {
 public:
  EngineServer(engine::ServerConfig cfg, int connections) : cfg_(std::move(cfg)) {
    auto l = transport::TcpListener::listen("127.0.0.1", 0);
    if (!l.listener) {
      error_ = "listen: " + l.result.detail;
      return;
    }
    listener_ = std::move(l.listener);
    thread_ = std::thread([this, connections] {
      for (int i = 0; i < connections; ++i) {
        auto a = listener_->accept(transport::deadline_after(std::chrono::milliseconds(10000)));
        if (!a.stream) break;  // the client never came: the test's assertions say so
        auto rep = engine::run_server(*a.stream, cfg_);
        std::lock_guard<std::mutex> lock(mu_);
        reports_.push_back(std::move(rep));
      }
    });
  }
  ~EngineServer() { join(); }
  const std::string& error() const { return error_; }
  uint16_t port() const { return listener_ ? listener_->port() : 0; }
  // Waits for the serving thread (bounded by the accept and engine timeouts), returns the reports.
  std::vector<engine::ConnectionReport> join() {
    if (thread_.joinable()) thread_.join();
    if (listener_) listener_->close();
    std::lock_guard<std::mutex> lock(mu_);
    return reports_;
  }

 private:
  engine::ServerConfig cfg_;
  std::unique_ptr<transport::TcpListener> listener_;
  std::thread thread_;
  std::mutex mu_;
  std::vector<engine::ConnectionReport> reports_;
  std::string error_;
};

// ------------------------------------------------------------------ the IUT tools

// A started IUT server and the port it listens on.
struct IutServer {
  std::unique_ptr<ChildProcess> process;
  uint16_t port = 0;
  std::string error;
};

// Starts a server whose argv contains "{port}" placeholders, waiting for `ready_line` in its
// stdout. The port comes from pick_free_port(); if the server exits complaining that the address
// is in use (someone took the port in between), it is retried with another one.
inline IutServer start_iut_server(const std::vector<std::string>& argv_template, const fs::path& dir,
                                  const std::string& name, const std::string& ready_line,
                                  std::vector<std::pair<std::string, std::string>> env_vars = {},
                                  bool merge_output = false) {
  IutServer out;
  for (int attempt = 0; attempt < 5; ++attempt) {
    uint16_t port = harness::pick_free_port();
    SpawnOptions o;
    for (const auto& a : argv_template) {
      std::string arg = a;
      for (size_t pos; (pos = arg.find("{port}")) != std::string::npos;)
        arg.replace(pos, 6, std::to_string(port));
      o.argv.push_back(arg);
    }
    o.stdout_path = dir / (name + ".out");
    // merge_output: one file for both (gnutls-serv prints its banner on stderr).
    o.stderr_path = merge_output ? o.stdout_path : dir / (name + ".err");
    o.stdin_pipe = true;  // held open: an EOF on stdin would end s_server's session early
    o.env = env_vars;
    auto s = ChildProcess::spawn(o);
    if (!s.process) {
      out.error = s.error;
      return out;
    }
    auto ready = s.process->wait_for_line(ready_line, kReadyTimeout);
    if (ready == ChildProcess::LineWait::kFound) {
      out.process = std::move(s.process);
      out.port = port;
      return out;
    }
    std::string err = s.process->read_stderr() + s.process->read_stdout();
    s.process->stop();
    if (err.find("in use") != std::string::npos) continue;  // lost the port race: another one
    out.error = name + " did not become ready (" +
                (ready == ChildProcess::LineWait::kTimeout ? "timeout" : "exited") + "): " + err;
    return out;
  }
  out.error = name + ": no free port after 5 attempts";
  return out;
}

// The result of one IUT client run.
struct IutClientRun {
  std::string error;  // spawn failure
  bool timed_out = false;
  harness::ExitStatus status;
  std::string out, err;
};

// Runs an IUT client: writes `input` on its stdin, waits until `expect_line` shows up in its
// stdout (the echo of our server; empty: don't wait), closes stdin (the client then closes the
// connection and exits) and waits for the exit. Killed and reaped on every path.
inline IutClientRun run_iut_client(const std::vector<std::string>& argv, const fs::path& dir,
                                   const std::string& name, const std::string& input,
                                   const std::string& expect_line,
                                   std::vector<std::pair<std::string, std::string>> env_vars = {}) {
  IutClientRun r;
  SpawnOptions o;
  o.argv = argv;
  o.stdout_path = dir / (name + ".out");
  o.stderr_path = dir / (name + ".err");
  o.stdin_pipe = true;
  o.env = std::move(env_vars);
  auto s = ChildProcess::spawn(o);
  if (!s.process) {
    r.error = s.error;
    return r;
  }
  auto& p = *s.process;
  if (!input.empty()) p.write_stdin(input);
  if (!expect_line.empty()) p.wait_for_line(expect_line, kExitTimeout);
  p.close_stdin();
  auto st = p.wait_for(kExitTimeout);
  r.timed_out = !st.has_value();
  r.status = st ? *st : p.stop();
  r.out = p.read_stdout();
  r.err = p.read_stderr();
  return r;
}

// ------------------------------------------------------------------ network namespace

// Runs `fn` on a new thread that first moves itself into a fresh network namespace holding only a
// loopback interface, which it brings up. Network namespaces belong to a task (thread), so
// unshare(CLONE_NEWNET) on that thread is enough: the sockets it opens and every process it
// spawns (posix_spawn copies the caller's namespaces) live in the new namespace, where nothing
// but `lo` exists, so a server that binds 0.0.0.0 / :: (gnutls-serv has no bind-address option)
// is reachable from nowhere else. The rest of the test process stays where it was. The namespace
// vanishes when the thread has exited and its last socket and process are gone; processes are
// ChildProcess objects owned inside `fn`, so they are killed and reaped before it returns.
// Returns "" or why the namespace could not be made (e.g. no CAP_SYS_ADMIN).
inline std::string run_in_fresh_netns(const std::function<void()>& fn) {
  std::string error;
  std::thread t([&] {
    if (::unshare(CLONE_NEWNET) != 0) {
      error = std::string("unshare(CLONE_NEWNET): ") + std::strerror(errno);
      return;
    }
    int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
    bool up = fd >= 0 && ::ioctl(fd, SIOCGIFFLAGS, &ifr) == 0;
    if (up) {
      ifr.ifr_flags = static_cast<short>(ifr.ifr_flags | IFF_UP);
      up = ::ioctl(fd, SIOCSIFFLAGS, &ifr) == 0;
    }
    if (!up) error = std::string("bringing lo up: ") + std::strerror(errno);
    if (fd >= 0) ::close(fd);
    if (up) fn();
  });
  t.join();
  return error;
}

// ------------------------------------------------------------------ key log

inline std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The CLIENT_RANDOM lines of an NSS key log file, lower-cased.
inline std::vector<std::string> client_random_lines(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.rfind("CLIENT_RANDOM ", 0) == 0) out.push_back(lower(line));
  }
  return out;
}

// Asserts that every master secret we logged is the one the IUT logged for the same client random.
inline void expect_same_master_secrets(const engine::ConnectionReport& ours, const fs::path& iut_keylog) {
  auto theirs = client_random_lines(iut_keylog);
  ASSERT_FALSE(ours.keylog.empty()) << "our report has no key log line";
  ASSERT_FALSE(theirs.empty()) << "the IUT wrote no CLIENT_RANDOM line to " << iut_keylog;
  for (const auto& line : ours.keylog) {
    std::string l = lower(line);
    EXPECT_TRUE(std::find(theirs.begin(), theirs.end(), l) != theirs.end())
        << "no IUT key log line matches ours (same client random, same master secret)\n"
        << "our line:   " << l << "\nIUT lines:  " << ::testing::PrintToString(theirs);
  }
}

inline std::string describe(const engine::ConnectionReport& r) { return r.describe(); }

}  // namespace tlsc::interop
