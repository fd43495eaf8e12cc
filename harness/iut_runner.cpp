#include "harness/iut_runner.h"

#include <fstream>

namespace tlsc::harness {
namespace {

std::vector<std::string> expand_all(const std::vector<std::string>& argv, const std::map<std::string, std::string>& vars) {
  std::vector<std::string> out;
  for (const auto& a : argv) out.push_back(iut::expand(a, vars));
  return out;
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
  std::string last_error;
  // A free port can be taken between our check and the server's bind: retry with another one.
  for (int attempt = 0; attempt < 3; ++attempt) {
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
    const auto timeout = std::chrono::milliseconds(profile_.server->ready_timeout_ms);
    bool ready = false;
    if (!profile_.server->ready_line.empty()) {
      ready = process_->wait_for_line(profile_.server->ready_line, timeout) == ChildProcess::LineWait::kFound;
    } else {
      ready = wait_for_port(port_, timeout);
    }
    if (ready) return "";
    auto status = process_->stop(std::chrono::milliseconds(500));
    last_error = "the IUT server did not become ready (" + status.describe() + "): " + process_->read_stdout().substr(0, 300);
    process_.reset();
  }
  return last_error;
}

std::string CommandIutServer::health() {
  if (!process_) return "not running";
  auto status = process_->poll();
  return status ? "the IUT server exited: " + status->describe() : "";
}

std::string CommandIutServer::stop() {
  if (!process_) return "";
  auto before = process_->poll();
  process_->stop(std::chrono::milliseconds(1000));
  process_.reset();
  return before ? before->describe() : "";
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
  auto spawned = ChildProcess::spawn(opts);
  if (!spawned.process) return "cannot start the IUT client: " + spawned.error;
  auto& proc = *spawned.process;
  if (!profile_.client->stdin_text.empty()) proc.write_stdin(profile_.client->stdin_text);
  proc.close_stdin();
  auto status = proc.wait_for(std::chrono::milliseconds(profile_.client->timeout_ms));
  if (!status) {
    proc.stop(std::chrono::milliseconds(500));
    runs_.push_back("killed at the deadline");
  } else {
    runs_.push_back(status->describe());
  }
  return "";
}

std::string iut_version(const iut::Profile& p) {
  if (p.version_argv.empty()) return "";
  SpawnOptions opts;
  try {
    opts.argv = expand_all(p.version_argv, {{"bindir", self_dir()}});
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
      path = iut::expand(prog, {{"bindir", self_dir()}});
    } catch (const iut::ProfileError&) {
      return prog;
    }
    if (!find_program(path)) return path;
  }
  return "";
}

}  // namespace tlsc::harness
