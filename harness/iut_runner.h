// Runs an IUT from its profile: the server command for server-role scenarios, the client command
// for each connection of client-role scenarios. Every process is started without a shell in its
// own process group, its output captured in the unit folder, and killed and reaped at the end.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/process/child_process.h"
#include "iut/profile.h"
#include "scenarios/interpreter.h"

namespace tlsc::harness {

// Everything a command template may refer to, for one unit.
struct UnitFiles {
  std::filesystem::path dir;  // the unit's folder (workdir); created by prepare()
  std::map<std::string, std::string> vars;
  std::vector<std::pair<std::string, std::string>> env;
};

// Writes the configs' files into `dir` and fills the placeholders (PKI paths, dhparams, workdir,
// session) and environment. Throws iut::ProfileError on a template problem.
UnitFiles prepare_unit(const iut::Profile& p, const std::vector<std::string>& configs, const std::filesystem::path& dir,
                       const std::map<std::string, std::string>& pki_vars);

class CommandIutServer : public scenarios::IutServer {
 public:
  CommandIutServer(const iut::Profile& p, std::vector<std::string> configs, UnitFiles files);
  ~CommandIutServer() override;
  // Starts the server and waits until it is ready; "" or one line saying why not.
  std::string start();
  uint16_t port() override { return port_; }
  std::string health() override;
  // Stops the process group; the exit status (e.g. "signal 11") if it had died before.
  std::string stop();

 private:
  const iut::Profile& profile_;
  std::vector<std::string> configs_;
  UnitFiles files_;
  uint16_t port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

class CommandIutClient : public scenarios::IutClient {
 public:
  CommandIutClient(const iut::Profile& p, std::vector<std::string> configs, UnitFiles files);
  std::string connect(uint16_t port, size_t index, bool resume) override;
  // What happened to each client process ("exit 0", "killed at the deadline", ...).
  const std::vector<std::string>& runs() const { return runs_; }

 private:
  const iut::Profile& profile_;
  std::vector<std::string> configs_;
  UnitFiles files_;
  std::vector<std::string> runs_;
};

// The first line the profile's version command prints, or "" if it has none or fails.
std::string iut_version(const iut::Profile& p);
// Programs of the profile that are not installed ("" when all are).
std::string missing_program(const iut::Profile& p);

}  // namespace tlsc::harness
