#include "harness/iut_runner.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "harness/interrupt.h"

namespace tlsc::harness {
namespace {

std::vector<std::string> expand_all(const std::vector<std::string>& argv, const std::map<std::string, std::string>& vars) {
  std::vector<std::string> out;
  for (const auto& a : argv) out.push_back(iut::expand(a, vars));
  return out;
}

// {tlsconform}: the running binary, resolved (a profile may run our own engine as the IUT).
std::string self_exe() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : p.string();
}

// {bindir}: the folder of the running binary; the shims (tlsc-shim-*) are built next to tlsconform.
std::string self_dir() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : p.parent_path().string();
}

const iut::ConfigSpec* config(const iut::Profile& p, const std::string& name) {
  auto it = p.configs.find(name);
  return it == p.configs.end() ? nullptr : &it->second;
}

// The profile's setup commands (e.g. an NSS certificate database), in order, in the unit folder;
// "" or why one failed.
std::string run_setup(const std::vector<std::vector<std::string>>& setup, const UnitFiles& files, const std::string& role,
                      int timeout_ms) {
  for (size_t i = 0; i < setup.size(); ++i) {
    SpawnOptions so;
    try {
      so.argv = expand_all(setup[i], files.vars);
    } catch (const iut::ProfileError& e) {
      return e.what();
    }
    so.stdout_path = files.dir / (role + "-setup-" + std::to_string(i) + ".out");
    so.stderr_path = so.stdout_path;
    so.env = files.env;
    so.cwd = files.dir;
    auto spawned = ChildProcess::spawn(so);
    if (!spawned.process) return "cannot run the IUT " + role + " setup command " + so.argv[0] + ": " + spawned.error;
    interrupt::track(spawned.process->pid());
    auto status = spawned.process->wait_for(std::chrono::milliseconds(timeout_ms));
    interrupt::untrack(spawned.process->pid());
    if (!status) spawned.process->stop(std::chrono::milliseconds(500));
    if (!status || !status->success()) {
      std::string output = spawned.process->read_stdout().substr(0, 300);
      while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
      return "the IUT " + role + " setup command " + std::to_string(i + 1) + " (" + so.argv[0] + ") failed: " +
             (status ? status->describe() : "killed at the deadline") + (output.empty() ? "" : ": " + output);
    }
  }
  return "";
}

}  // namespace

UnitFiles prepare_unit(const iut::Profile& p, const std::vector<std::string>& configs, const std::filesystem::path& dir,
                       const std::map<std::string, std::string>& pki_vars) {
  UnitFiles u;
  u.dir = dir;
  std::filesystem::create_directories(dir);
  u.vars = pki_vars;
  u.vars["workdir"] = dir.string();
  u.vars["host"] = "127.0.0.1";
  u.vars["session"] = (dir / "session.pem").string();
  u.vars["bindir"] = self_dir();
  u.vars["tlsconform"] = self_exe();
  for (const auto& name : configs) {
    const auto* c = config(p, name);
    if (!c) throw iut::ProfileError(p.file.string() + ": configs: no configuration named '" + name + "'");
    for (const auto& [file, content] : c->files) std::ofstream(dir / file, std::ios::binary) << content;
    for (const auto& [k, v] : c->env) u.env.emplace_back(k, iut::expand(v, u.vars));
  }
  return u;
}

CommandIutServer::CommandIutServer(const iut::Profile& p, std::vector<std::string> configs, UnitFiles files)
    : profile_(p), configs_(std::move(configs)), files_(std::move(files)) {}

CommandIutServer::~CommandIutServer() { stop(); }

std::string CommandIutServer::start() {
  if (!profile_.server) return "the profile has no server command";
  if (auto err = run_setup(profile_.server->setup, files_, "server", profile_.server->ready_timeout_ms); !err.empty())
    return err;
  std::string last_error;
  // A free port can be taken between our check and the server's bind: when the server exits
  // before it is ready, retry with another port. A server that stays up but never gets ready is
  // not retried (it would only fail the same way, slower).
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (interrupt::requested()) return "the run was interrupted";
    port_ = pick_free_port();
    auto vars = files_.vars;
    vars["port"] = std::to_string(port_);
    SpawnOptions opts;
    try {
      opts.argv = expand_all(profile_.server->argv, vars);
      for (const auto& name : configs_)
        for (const auto& a : config(profile_, name)->server_args) opts.argv.push_back(iut::expand(a, vars));
    } catch (const iut::ProfileError& e) {
      return e.what();
    }
    opts.stdout_path = files_.dir / ("server-" + std::to_string(attempt) + ".out");
    opts.stderr_path = opts.stdout_path;
    opts.env = files_.env;
    opts.cwd = files_.dir;
    auto spawned = ChildProcess::spawn(opts);
    if (!spawned.process) return "cannot start the IUT server: " + spawned.error;
    process_ = std::move(spawned.process);
    interrupt::track(process_->pid());
    const int timeout_ms = profile_.server->ready_timeout_ms;
    const auto timeout = std::chrono::milliseconds(timeout_ms);
    bool ready = false, exited = false;
    if (!profile_.server->ready_line.empty()) {
      auto w = process_->wait_for_line(profile_.server->ready_line, timeout);
      ready = w == ChildProcess::LineWait::kFound;
      exited = w == ChildProcess::LineWait::kExited;
    } else {
      // Listening, without a probe connection (the server may count its accepts).
      const auto deadline = std::chrono::steady_clock::now() + timeout;
      while (!(ready = port_listening(port_)) && !(exited = process_->poll().has_value()) &&
             std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (ready) return "";
    interrupt::untrack(process_->pid());
    auto status = process_->stop(std::chrono::milliseconds(500));
    std::string output = process_->read_stdout().substr(0, 300);
    while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
    process_.reset();
    if (exited) {
      last_error = "the IUT server did not start: it exited before it was ready (" + status.describe() + ")" +
                   (output.empty() ? "" : ": " + output);
      continue;
    }
    return "the IUT server did not start: " +
           (profile_.server->ready_line.empty()
                ? "not listening on 127.0.0.1:" + std::to_string(port_)
                : "no line containing '" + profile_.server->ready_line + "'") +
           " within " + std::to_string(timeout_ms) + " ms" + (output.empty() ? "" : " (output: " + output + ")");
  }
  return last_error;
}

std::string CommandIutServer::health() {
  if (!process_) return "not running";
  auto status = process_->poll();
  return status ? "the IUT server exited: " + status->describe() : "";
}

IutFate CommandIutServer::finish() {
  IutFate fate;
  if (!process_) return fate;
  auto before = process_->poll();
  interrupt::untrack(process_->pid());
  ExitStatus status = before ? *before : process_->stop(std::chrono::milliseconds(1000));
  if (before) process_->stop(std::chrono::milliseconds(1000));  // the rest of its group
  process_.reset();
  // A signal we do not send (we stop with SIGTERM, then SIGKILL) means the IUT died on its own,
  // even if it happened just as we stopped it.
  fate.crashed = !status.exited && status.signal != SIGTERM && status.signal != SIGKILL;
  fate.ended = before.has_value() || fate.crashed;
  fate.signal = status.exited ? 0 : status.signal;
  fate.status = status.describe();
  return fate;
}

std::string CommandIutServer::stop() {
  auto fate = finish();
  return fate.ended ? fate.status : "";
}

CommandIutClient::CommandIutClient(const iut::Profile& p, std::vector<std::string> configs, UnitFiles files)
    : profile_(p), configs_(std::move(configs)), files_(std::move(files)) {}

std::string CommandIutClient::connect(uint16_t port, size_t index, bool resume) {
  if (!profile_.client) return "the profile has no client command";
  auto vars = files_.vars;
  vars["port"] = std::to_string(port);
  vars["connection"] = std::to_string(index);
  SpawnOptions opts;
  try {
    opts.argv = expand_all(profile_.client->argv, vars);
    if (resume)
      for (const auto& a : profile_.client->resume_args) opts.argv.push_back(iut::expand(a, vars));
    for (const auto& name : configs_)
      for (const auto& a : config(profile_, name)->client_args) opts.argv.push_back(iut::expand(a, vars));
  } catch (const iut::ProfileError& e) {
    return e.what();
  }
  opts.stdout_path = files_.dir / ("client-" + std::to_string(index) + ".out");
  opts.stderr_path = opts.stdout_path;
  opts.env = files_.env;
  opts.cwd = files_.dir;
  opts.stdin_pipe = true;
  if (!set_up_) {
    set_up_ = true;
    setup_error_ = run_setup(profile_.client->setup, files_, "client", profile_.client->timeout_ms);
  }
  if (!setup_error_.empty()) return setup_error_;  // our server's accept then ends at its deadline, an error
  if (interrupt::requested()) {
    stand_in(port);
    return "the run was interrupted";
  }
  auto spawned = ChildProcess::spawn(opts);
  if (!spawned.process) return "cannot start the IUT client: " + spawned.error;
  auto& proc = *spawned.process;
  interrupt::track(proc.pid());
  if (!profile_.client->stdin_text.empty()) proc.write_stdin(profile_.client->stdin_text);
  proc.close_stdin();
  auto status = proc.wait_for(std::chrono::milliseconds(profile_.client->timeout_ms));
  interrupt::untrack(proc.pid());
  if (!status) {
    proc.stop(std::chrono::milliseconds(500));
    runs_.push_back("killed at the deadline");
    hung_ = true;
  } else {
    runs_.push_back(status->describe());
    if (!status->exited && status->signal != SIGTERM && status->signal != SIGKILL && !crash_.crashed)
      crash_ = IutFate{true, true, status->signal, status->describe()};
  }
  // Interrupted while the client ran: our peer server may still wait for it to connect.
  if (interrupt::requested()) stand_in(port);
  return "";
}

void CommandIutClient::stand_in(uint16_t port) {
  // One loopback connection, closed at once: our peer server's accept returns and its handshake
  // ends on EOF, so the interrupted unit finishes now instead of at the accept deadline.
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  (void)::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::close(fd);
}

std::string iut_version(const iut::Profile& p) {
  if (p.version_argv.empty()) return "";
  SpawnOptions opts;
  try {
    opts.argv = expand_all(p.version_argv, {{"tlsconform", self_exe()}, {"bindir", self_dir()}});
  } catch (const iut::ProfileError&) {
    return "";
  }
  auto out = std::filesystem::temp_directory_path() / ("tlsc-version-" + std::to_string(::getpid()) + ".out");
  opts.stdout_path = out;
  auto spawned = ChildProcess::spawn(opts);
  if (!spawned.process) return "";
  spawned.process->wait_for(std::chrono::milliseconds(5000));
  std::string text = spawned.process->read_stdout();
  spawned.process.reset();
  std::filesystem::remove(out);
  return text.substr(0, text.find('\n'));
}

std::string missing_program(const iut::Profile& p) {
  for (const auto& prog : p.programs) {
    std::string path;
    try {
      path = iut::expand(prog, {{"tlsconform", self_exe()}, {"bindir", self_dir()}});
    } catch (const iut::ProfileError&) {
      return prog;
    }
    if (!find_program(path)) return path;
  }
  return "";
}

}  // namespace tlsc::harness
