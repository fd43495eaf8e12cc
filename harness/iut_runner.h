// Runs an IUT from its profile: the server command for server-role scenarios, the client command
// for each connection of client-role scenarios. Every process is started without a shell in its
// own process group, its output captured in the unit folder, and killed and reaped at the end.
#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "harness/passive_range.h"
#include "harness/process/child_process.h"
#include "iut/profile.h"
#include "scenarios/interpreter.h"

namespace tlsc::harness {

// Everything a command template may refer to, for one unit.
struct UnitFiles {
  std::filesystem::path dir;  // the unit's folder (workdir); created by prepare()
  std::map<std::string, std::string> vars;
  std::vector<std::pair<std::string, std::string>> env;
  std::shared_ptr<PassiveRange> passive;  // FTPS servers: {pasv_min}..{pasv_max}, leased while held
};

// The configurations that apply to a unit: the profile's "default" first (a profile may define it
// to hold what every unit needs, e.g. a server's configuration file), then `configs`.
std::vector<std::string> with_default(const std::vector<std::string>& configs);

// Writes the configs' files and templates into `dir` and fills the placeholders (PKI paths,
// dhparams, workdir, session) and environment. Templates that use {port} or {connection} are
// written later, before each server start / client connection. For protocol "ftps" it also
// builds the FTP tree (see ftps_payload.h): {ftproot} (0755) holding kDownloadName (0644) and
// the upload folder ftp.upload_dir (0777, the server writes there as its unprivileged user);
// {upload_file} (the file an IUT client uploads); {downloaded}; {ftp_user}, {ftp_password},
// {ftp_servers}; for a server, a leased passive range {pasv_min}..{pasv_max}. The FTP server's
// user must reach {ftproot}: `dir` is made traversable, and a parent folder that is not throws.
// Throws iut::ProfileError on a template or file problem.
UnitFiles prepare_unit(const iut::Profile& p, const std::vector<std::string>& configs, const std::filesystem::path& dir,
                       const std::map<std::string, std::string>& pki_vars);

// What became of an IUT process by the end of a unit.
struct IutFate {
  bool ended = false;    // it ended on its own before we stopped it
  bool crashed = false;  // killed by a signal we did not send (SIGSEGV, SIGABRT, ...)
  int signal = 0;        // the signal that ended it, 0 for an exit
  std::string status;    // "exit 0", "signal 11 (Segmentation fault)"
  // It exited 89, the shim contract's "not supported" (docs/iut-adapters.md): the unit is a skip
  // with this reason (unsupported_reason), and ends at once.
  std::string unsupported;
};

// The exit status of an IUT that cannot do what its command line asks (docs/iut-adapters.md).
inline constexpr int kExitUnsupported = 89;
// "the IUT server does not support this unit's settings (exit 89): tlsc-shim: unsupported: <why>",
// the line `output` (what the process printed) has, or "(no reason given)".
std::string unsupported_reason(const std::string& who, const std::string& output);

class CommandIutServer : public scenarios::IutServer {
 public:
  CommandIutServer(const iut::Profile& p, std::vector<std::string> configs, UnitFiles files);
  ~CommandIutServer() override;
  // Starts the server and waits until it is ready; "" or one line saying why not. A server that
  // exits 89 is not started again: the line is an unsupported_reason, and exited_unsupported().
  std::string start();
  // start() failed because the server exited 89 (the shim contract's "not supported"): a skip.
  bool exited_unsupported() const { return unsupported_; }
  uint16_t port() override { return port_; }
  std::string health() override;
  // Stops the process group; the exit status (e.g. "signal 11") if it had died before.
  std::string stop();
  // Stops the process group and says whether the server had ended on its own or crashed. A
  // server that closed a connection may be exiting (exit 89, a crash): the kernel closes its
  // sockets before its status can be collected, so it gets `exit_grace` to end on its own.
  IutFate finish(std::chrono::milliseconds exit_grace = std::chrono::milliseconds(0));

 private:
  const iut::Profile& profile_;
  std::vector<std::string> configs_;
  UnitFiles files_;
  uint16_t port_ = 0;
  bool unsupported_ = false;
  std::unique_ptr<ChildProcess> process_;
};

class CommandIutClient : public scenarios::IutClient {
 public:
  // `connections`: how many the scenario makes; with the profile's client.one_process and more
  // than one, one process makes them all: connect(port, 0) starts it and returns at once, the
  // later connects return at once too but the last, which waits for the process to exit (killed
  // at the deadline: timeout_ms per connection). A process left running when a new pass starts
  // (connect index 0), or when the client is destroyed, is killed and reaped.
  CommandIutClient(const iut::Profile& p, std::vector<std::string> configs, UnitFiles files, size_t connections = 1);
  ~CommandIutClient() override;
  std::string connect(uint16_t port, size_t index, bool resume) override;
  // One process per connection and no configuration file rewritten per connection: several
  // connects may run at once (independent attempts of a single-connection scenario).
  bool concurrent_connects() const override;
  // A file the client left in the unit folder (a plain name; FTPS: ftps_payload::kDownloadedName).
  std::optional<std::vector<uint8_t>> read_file(const std::string& name) override;
  // What happened to each client process ("exit 0", "killed at the deadline", ...).
  const std::vector<std::string>& runs() const { return runs_; }
  // The first client process that died of a signal we did not send (crashed false if none);
  // `unsupported` says why the first one that exited 89 did.
  const IutFate& crash() const { return crash_; }
  // A client process was killed at its deadline.
  bool hung() const { return hung_; }
  int timeout_ms() const { return profile_.client ? profile_.client->timeout_ms : 0; }

 private:
  const iut::Profile& profile_;
  std::vector<std::string> configs_;
  UnitFiles files_;
  std::vector<std::string> runs_;
  IutFate crash_;
  bool hung_ = false;
  bool set_up_ = false;      // the profile's client setup commands ran (once per unit)
  std::string setup_error_;  // and failed like this
  size_t connections_ = 1;
  // Guards the bookkeeping above and the per-connection preparation when connects overlap.
  std::mutex mu_;
  std::atomic<int> in_flight_{0};  // connects running now: names the output file of an overlapping one
  // One-process mode: the running process and when it must be done.
  std::unique_ptr<ChildProcess> process_;
  std::chrono::steady_clock::time_point deadline_;
  bool one_process() const { return profile_.client && profile_.client->one_process && connections_ > 1; }
  // The later connections of a one-process client.
  std::string follow(uint16_t port, size_t index);
  // Waits for `proc` until `deadline` (killed then) and records how it ended; true if it exited 89.
  bool reap(ChildProcess& proc, std::chrono::steady_clock::time_point deadline);
  // Kills a one-process client still running (its pass ended before its last connection).
  void drop_process();
  static void stand_in(uint16_t port);
};

// The first line the profile's version command prints, or "" if it has none or fails.
std::string iut_version(const iut::Profile& p);
// Programs of the profile that are not installed ("" when all are).
std::string missing_program(const iut::Profile& p);
// Why the profile cannot run, "" when it can: "tlsc-shim-gnutls is not built: cmake --build
// --preset default --target tlsc-shim-gnutls" for a program of this project's build ({bindir}),
// "X is not installed" for any other (a Debian package).
std::string missing_program_reason(const iut::Profile& p);

}  // namespace tlsc::harness
