// Results built in the test (several IUTs, versions, configurations, roles, verdicts, families
// and RFC clauses), a temporary folder, and a runner for the tlsconform binary.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "results/result.h"

namespace tlsc::reports_test {

using results::Result;
using results::Role;
using results::Verdict;

inline Result make(const std::string& iut, const std::string& config, Role role, const std::string& scenario,
                   Verdict v) {
  Result r;
  r.run_id = "run-" + iut;
  r.iut = iut;
  r.iut_version = iut == "openssl" ? "3.0.19" : "3.7.9";
  r.iut_config = config;
  r.role = role;
  r.scenario = scenario;
  r.verdict = v;
  r.reason = "reason of " + scenario + " on " + iut;
  if (v == Verdict::fail || v == Verdict::warn || v == Verdict::xpass || v == Verdict::error)
    r.diagnosis = "diagnosis " + scenario + "/" + iut + "/" + config + "/" + std::string(to_string(role));
  if (v == Verdict::fail) r.deviation = "expected handshake_failure, got decode_error";
  r.observations["version"] = "TLS1.2";
  r.observations["handshakes"] = 2;
  const std::string family = scenario.substr(0, scenario.find('.'));
  if (family == "ems") {
    r.rfc.push_back({"7627", "5.3", "MUST", "abort a resumption whose ServerHello lacks EMS", ""});
  } else if (family == "dhe") {
    r.rfc.push_back({"5246", "8.1.2", "MUST", "strip leading zero bytes of the DH shared secret", ""});
  } else {
    r.rfc.push_back({"5746", "3.4", "MUST", "send renegotiation_info", ""});
    r.rfc.push_back({"5246", "7.4.1.4", "MUST NOT", "send unsolicited extensions", "strict"});
  }
  r.seed = 1000 + scenario.size();
  r.duration_s = 0.25;
  r.transcripts = {"units/" + scenario + "/conn0.pcap", "units/" + scenario + "/conn0.txt"};
  return r;
}

// 2 IUTs (openssl with two configurations), both roles, three families, every verdict, a
// diagnosis full of markup and control characters.
inline std::vector<Result> sample_results() {
  std::vector<Result> rs;
  const std::vector<std::string> scenarios = {"ems.resume.yes-no.id", "ems.resume.no-yes.ticket", "dhe.leading-zero.pms",
                                              "reneg.secure.info", "reneg.insecure.refuse"};
  const std::array<Verdict, 7> cycle = {Verdict::pass, Verdict::fail, Verdict::warn, Verdict::skip,
                                        Verdict::error, Verdict::xfail, Verdict::xpass};
  size_t i = 0;
  for (const auto& [iut, config] : std::vector<std::pair<std::string, std::string>>{
           {"openssl", "default"}, {"openssl", "ems-off"}, {"gnutls", "default"}})
    for (Role role : {Role::server, Role::client})
      for (const auto& s : scenarios) {
        if (iut == "gnutls" && s == "reneg.insecure.refuse" && role == Role::client) continue;  // not run
        const std::string id = s + (role == Role::server ? ".srv" : ".cli");
        rs.push_back(make(iut, config, role, id, cycle[(i++ * 3) % cycle.size()]));
      }
  // Markup, quotes, a pipe, a newline and a control character in a failing result.
  for (auto& r : rs)
    if (r.iut == "gnutls" && r.verdict == Verdict::fail) {
      r.diagnosis = "sent </script><b>bold</b> & \"quoted\" 'x' | pipe\nnext line \x01 end";
      break;
    }
  return rs;
}

// The column label the reports should give a result: openssl has two configurations, so its
// columns name them; each IUT has one version, so none names it.
inline std::string expected_label(const Result& r) {
  std::string l = r.iut + " " + std::string(to_string(r.role));
  if (r.iut == "openssl") l += " " + r.iut_config;
  return l;
}

inline std::filesystem::path temp_dir(const std::string& name) {
  auto d = std::filesystem::temp_directory_path() / ("tlsc-reports-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_file(const std::filesystem::path& p, const std::string& s) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << s;
}

struct Outcome {
  int code = -1;
  std::string out, err;
  bool timed_out = false;
};

// Runs `argv[0]` with the rest as arguments (no shell) in its own process group, reading stdout
// and stderr together; after `timeout` the whole group is killed. Nothing is left behind.
inline Outcome run_process(std::vector<std::string> argv, std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
  Outcome o;
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) return o;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setpgid(0, 0);
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::array<pollfd, 2> fds{{{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}}};
  std::string* sinks[2] = {&o.out, &o.err};
  int status = 0;
  bool exited = false;
  // Read until the program exits (helpers it left may keep the pipes open: they are killed with
  // the group below) or the deadline passes.
  for (;;) {
    const bool late = std::chrono::steady_clock::now() >= deadline;
    if (!exited && ::waitpid(pid, &status, WNOHANG) == pid) exited = true;
    if (::poll(fds.data(), fds.size(), exited || late ? 0 : 100) < 0) break;
    bool got = false;
    for (size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[65536];
      const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<size_t>(n));
        got = true;
      } else {
        ::close(fds[i].fd);
        fds[i].fd = -1;
      }
    }
    if (fds[0].fd < 0 && fds[1].fd < 0 && exited) break;
    if (exited && !got) break;  // drained what the program wrote
    if (late && !exited) {
      o.timed_out = true;
      break;
    }
  }
  ::kill(-pid, SIGKILL);  // the whole group: helpers the program started die with it
  for (auto& f : fds)
    if (f.fd >= 0) ::close(f.fd);
  if (!exited) ::waitpid(pid, &status, 0);
  if (!o.timed_out) o.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return o;
}

inline Outcome run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), TLSC_CLI_PATH);
  return run_process(std::move(args));
}

inline std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string::npos) nl = s.size();
    out.push_back(s.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

}  // namespace tlsc::reports_test
