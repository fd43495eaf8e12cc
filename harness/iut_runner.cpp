#include "harness/iut_runner.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <thread>

#include "harness/interrupt.h"
#include "harness/private_file.h"
#include "scenarios/ftps_payload.h"

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

// A template filled only when a port is known (server start, client connection).
bool runtime_template(const std::string& content) {
  return content.find("{port}") != std::string::npos || content.find("{connection}") != std::string::npos;
}

void write_file(const std::filesystem::path& path, const std::string& content, mode_t mode) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) throw iut::ProfileError("cannot write " + path.string());
  ::chmod(path.c_str(), mode);
}

void write_bytes(const std::filesystem::path& path, const std::vector<uint8_t>& bytes, mode_t mode) {
  write_file(path, std::string(bytes.begin(), bytes.end()), mode);
}

// The configs' templates, filled with `vars`: those that need a port (`runtime`) or the others.
void write_templates(const iut::Profile& p, const std::vector<std::string>& configs, const UnitFiles& u,
                     const std::map<std::string, std::string>& vars, bool runtime) {
  for (const auto& name : configs) {
    const auto* c = config(p, name);
    if (!c) continue;
    for (const auto& [file, content] : c->templates) {
      if (runtime_template(content) != runtime) continue;
      std::string text;
      try {
        text = iut::expand(content, vars);
      } catch (const iut::ProfileError& e) {
        throw iut::ProfileError(p.file.string() + ": configs." + name + ".templates." + file + ": " + e.what());
      }
      write_file(u.dir / file, text, 0600);
    }
  }
}

// The FTP tree an IUT server serves and the file an IUT client uploads (scenarios/ftps_payload.h).
void prepare_ftp(const iut::Profile& p, UnitFiles& u) {
  namespace payload = scenarios::ftps_payload;
  const std::filesystem::path root = u.dir / "ftproot";
  u.vars["ftproot"] = root.string();
  u.vars["upload_file"] = (u.dir / payload::kUploadName).string();
  u.vars["downloaded"] = (u.dir / payload::kDownloadedName).string();
  u.vars["ftp_user"] = p.ftp.user;
  u.vars["ftp_password"] = p.ftp.password;
  u.vars["ftp_servers"] = iut::ftp_servers_dir().string();
  if (p.client) {
    write_bytes(u.dir / payload::kUploadName, payload::upload(), 0644);
    // A download left by an earlier run in the same folder must not pass for this run's.
    std::error_code ec;
    std::filesystem::remove(u.dir / payload::kDownloadedName, ec);
  }
  if (!p.server) return;
  // The server's unprivileged user (vsftpd, proftpd and pure-ftpd drop to one) walks down to the
  // tree: the unit folder gets o+x, and every folder above must already have it.
  ::chmod(u.dir.c_str(), 0755);
  for (auto d = std::filesystem::absolute(u.dir).parent_path(); !d.empty(); d = d.parent_path()) {
    struct stat st {};
    if (::stat(d.c_str(), &st) == 0 && !(st.st_mode & S_IXOTH))
      throw iut::ProfileError(d.string() + ": not searchable by other users; the FTP server's unprivileged user must "
                              "reach " + root.string() + " (chmod o+x it, or choose another --out folder)");
    if (d == d.root_path()) break;
  }
  std::error_code ec;
  std::filesystem::remove_all(root, ec);
  std::filesystem::create_directories(root);
  ::chmod(root.c_str(), 0755);  // not writable: vsftpd refuses a writable chroot
  write_bytes(root / payload::kDownloadName, payload::download(), 0644);
  std::filesystem::path up = root;
  for (const auto& part : std::filesystem::path(p.ftp.upload_dir)) {
    up /= part;
    std::filesystem::create_directories(up);
    ::chmod(up.c_str(), 0755);
  }
  ::chmod(up.c_str(), 0777);  // the upload folder itself: the server's user writes there
  std::string error;
  u.passive = PassiveRange::lease(&error);
  if (!u.passive) throw iut::ProfileError(error);
  u.vars["pasv_min"] = std::to_string(u.passive->min());
  u.vars["pasv_max"] = std::to_string(u.passive->max());
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

std::vector<std::string> with_default(const std::vector<std::string>& configs) {
  std::vector<std::string> all;
  if (std::find(configs.begin(), configs.end(), "default") == configs.end()) all.push_back("default");
  all.insert(all.end(), configs.begin(), configs.end());
  return all;
}

UnitFiles prepare_unit(const iut::Profile& p, const std::vector<std::string>& configs, const std::filesystem::path& dir,
                       const std::map<std::string, std::string>& pki_vars) {
  UnitFiles u;
  u.dir = dir;
  std::filesystem::create_directories(dir);
  u.vars = pki_vars;
  u.vars["workdir"] = dir.string();
  u.vars["host"] = "127.0.0.1";
  u.vars["session"] = (dir / "session.pem").string();
  // The IUT client saves its session (its master secret) there: created 0600 now, a program that
  // rewrites it keeps the mode, whatever the umask.
  if (p.client) make_private(dir / "session.pem");
  u.vars["bindir"] = self_dir();
  u.vars["tlsconform"] = self_exe();
  if (p.protocol == "ftps") prepare_ftp(p, u);
  const auto all = with_default(configs);
  for (const auto& name : all) {
    const auto* c = config(p, name);
    if (!c) throw iut::ProfileError(p.file.string() + ": configs: no configuration named '" + name + "'");
    for (const auto& [file, content] : c->files) std::ofstream(dir / file, std::ios::binary) << content;
    for (const auto& [k, v] : c->env) u.env.emplace_back(k, iut::expand(v, u.vars));
    write_templates(p, {name}, u, u.vars, false);
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
      write_templates(profile_, with_default(configs_), files_, vars, true);
      opts.argv = expand_all(profile_.server->argv, vars);
      for (const auto& name : with_default(configs_))
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
    const std::string all_output = process_->read_stdout();
    std::string output = all_output.substr(0, 300);
    while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
    process_.reset();
    if (exited && status.exited && status.code == kExitUnsupported) {
      unsupported_ = true;
      return unsupported_reason("the IUT server", all_output);
    }
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

IutFate CommandIutServer::finish(std::chrono::milliseconds exit_grace) {
  IutFate fate;
  if (!process_) return fate;
  auto before = exit_grace.count() > 0 ? process_->wait_for(exit_grace) : process_->poll();
  interrupt::untrack(process_->pid());
  ExitStatus status = before ? *before : process_->stop(std::chrono::milliseconds(1000));
  if (before) process_->stop(std::chrono::milliseconds(1000));  // the rest of its group
  if (before && status.exited && status.code == kExitUnsupported)
    fate.unsupported = unsupported_reason("the IUT server", process_->read_stdout());
  process_.reset();
  // A signal we do not send (we stop with SIGTERM, then SIGKILL) means the IUT died on its own,
  // even if it happened just as we stopped it.
  // A status someone else collected is unknown, not a crash.
  fate.crashed = !status.exited && !status.lost && status.signal != SIGTERM && status.signal != SIGKILL;
  fate.ended = before.has_value() || fate.crashed;
  fate.signal = status.exited ? 0 : status.signal;
  fate.status = status.describe();
  return fate;
}

std::string CommandIutServer::stop() {
  auto fate = finish();
  return fate.ended ? fate.status : "";
}

CommandIutClient::CommandIutClient(const iut::Profile& p, std::vector<std::string> configs, UnitFiles files,
                                   size_t connections)
    : profile_(p), configs_(std::move(configs)), files_(std::move(files)), connections_(connections) {}

CommandIutClient::~CommandIutClient() { drop_process(); }

void CommandIutClient::drop_process() {
  if (!process_) return;
  interrupt::untrack(process_->pid());
  auto before = process_->poll();
  const ExitStatus st = process_->stop(std::chrono::milliseconds(500));
  runs_.push_back(before ? st.describe() : "stopped: the scenario's pass ended before its last connection");
  process_.reset();
}

bool CommandIutClient::reap(ChildProcess& proc, std::chrono::steady_clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  auto status = proc.wait_for(std::max(left, std::chrono::milliseconds(0)));
  interrupt::untrack(proc.pid());
  std::lock_guard lock(mu_);
  if (!status) {
    proc.stop(std::chrono::milliseconds(500));
    runs_.push_back("killed at the deadline");
    hung_ = true;
  } else {
    proc.stop(std::chrono::milliseconds(500));  // what is left of its group
    runs_.push_back(status->describe());
    if (!status->exited && !status->lost && status->signal != SIGTERM && status->signal != SIGKILL && !crash_.crashed)
      crash_ = IutFate{true, true, status->signal, status->describe(), ""};
    if (status->exited && status->code == kExitUnsupported) {
      if (crash_.unsupported.empty()) crash_.unsupported = unsupported_reason("the IUT client", proc.read_stdout());
      return true;
    }
  }
  return false;
}

std::string CommandIutClient::follow(uint16_t port, size_t index) {
  const int max = profile_.client->one_process->max_connections;
  if (max > 0 && index >= static_cast<size_t>(max))
    return "the IUT client makes at most " + std::to_string(max) + " connections in one process (" +
           profile_.file.filename().string() + ": client.one_process.max_connections); the scenario needs " +
           std::to_string(connections_);
  if (!process_) return "the IUT client process (one for every connection) is not running";
  std::string problem;
  // The process makes this connection by itself; if it has ended already, it will not.
  if (auto st = process_->poll())
    problem = "the IUT client process (one for every connection) ended (" + st->describe() + ") before connection " +
              std::to_string(index + 1) + " of " + std::to_string(connections_);
  if (index + 1 == connections_) {
    reap(*process_, deadline_);
    process_.reset();
  }
  if (interrupt::requested()) stand_in(port);
  return problem;
}


bool CommandIutClient::concurrent_connects() const {
  if (!profile_.client || one_process()) return false;
  for (const auto& name : with_default(configs_))
    if (const auto* c = config(profile_, name); c && !c->templates.empty()) return false;
  return true;
}

std::string CommandIutClient::connect(uint16_t port, size_t index, bool resume) {
  if (!profile_.client) return "the profile has no client command";
  if (one_process() && index > 0) return follow(port, index);
  drop_process();  // a one-process client of an earlier pass that ended early
  // Overlapping connects (concurrent_connects) write their output to files of their own.
  const int slot = in_flight_.fetch_add(1);
  struct Leave {
    std::atomic<int>& n;
    ~Leave() { n.fetch_sub(1); }
  } leave{in_flight_};
  std::unique_lock prepare(mu_);
  auto vars = files_.vars;
  vars["port"] = std::to_string(port);
  vars["connection"] = std::to_string(index);
  vars["connections"] = std::to_string(connections_);
  SpawnOptions opts;
  try {
    write_templates(profile_, with_default(configs_), files_, vars, true);
    opts.argv = expand_all(profile_.client->argv, vars);
    if (resume)
      for (const auto& a : profile_.client->resume_args) opts.argv.push_back(iut::expand(a, vars));
    if (one_process())
      for (const auto& a : profile_.client->one_process->args) opts.argv.push_back(iut::expand(a, vars));
    for (const auto& name : with_default(configs_))
      for (const auto& a : config(profile_, name)->client_args) opts.argv.push_back(iut::expand(a, vars));
  } catch (const iut::ProfileError& e) {
    return e.what();
  }
  opts.stdout_path = files_.dir / ("client-" + std::to_string(index) + (slot ? "." + std::to_string(slot) : "") + ".out");
  opts.stderr_path = opts.stdout_path;
  opts.env = files_.env;
  opts.cwd = files_.dir;
  opts.stdin_pipe = true;
  if (!set_up_) {
    set_up_ = true;
    setup_error_ = run_setup(profile_.client->setup, files_, "client", profile_.client->timeout_ms);
  }
  if (!setup_error_.empty()) return setup_error_;  // our server's accept then ends at its deadline, an error
  prepare.unlock();  // the process itself runs without the lock
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
  const auto timeout = std::chrono::milliseconds(profile_.client->timeout_ms);
  if (one_process()) {
    // It makes the later connections by itself; the last connect() waits for it.
    deadline_ = std::chrono::steady_clock::now() + timeout * static_cast<int>(connections_);
    process_ = std::move(spawned.process);
    return "";
  }
  const bool unsupported = reap(proc, std::chrono::steady_clock::now() + timeout);
  // Interrupted while the client ran, or it cannot do what the unit asks (exit 89): our peer
  // server may still wait for it to connect.
  if (interrupt::requested() || unsupported) stand_in(port);
  return "";
}

std::optional<std::vector<uint8_t>> CommandIutClient::read_file(const std::string& name) {
  if (name.empty() || name.find('/') != std::string::npos || name == "." || name == ".." || files_.dir.empty())
    return std::nullopt;
  std::ifstream in(files_.dir / name, std::ios::binary);
  if (!in) return std::nullopt;
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
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

std::string unsupported_reason(const std::string& who, const std::string& output) {
  static const std::string kLine = "tlsc-shim: unsupported:";
  std::string line = "(no reason given)";
  if (auto at = output.find(kLine); at != std::string::npos) {
    line = output.substr(at, std::min<size_t>(output.find('\n', at) - at, 300));
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  }
  return who + " does not support this unit's settings (exit " + std::to_string(kExitUnsupported) + "): " + line;
}

std::string iut_version(const iut::Profile& p) {
  if (p.version_argv.empty()) return "";
  SpawnOptions opts;
  try {
    opts.argv = expand_all(p.version_argv, {{"tlsconform", self_exe()}, {"bindir", self_dir()},
                                            {"ftp_servers", iut::ftp_servers_dir().string()}});
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
  text = text.substr(0, text.find('\n'));
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '\t')) text.pop_back();
  return text;
}

std::string missing_program(const iut::Profile& p) {
  for (const auto& prog : p.programs) {
    std::string path;
    try {
      path = iut::expand(prog, {{"tlsconform", self_exe()}, {"bindir", self_dir()},
                                {"ftp_servers", iut::ftp_servers_dir().string()}});
    } catch (const iut::ProfileError&) {
      return prog;
    }
    if (!find_program(path)) return path;
  }
  return "";
}

std::string missing_program_reason(const iut::Profile& p) {
  const std::string path = missing_program(p);
  if (path.empty()) return "";
  // A program next to tlsconform ({bindir}) is one of our build targets (a shim), not a package.
  for (const auto& prog : p.programs) {
    if (prog.rfind("{bindir}/", 0) != 0) continue;
    std::string name = prog.substr(9);
    if (std::filesystem::path(path).filename() != name) continue;
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".jar") == 0) name.resize(name.size() - 4);
    return name + " is not built: cmake --build --preset default --target " + name;
  }
  return path + " is not installed";
}

}  // namespace tlsc::harness
