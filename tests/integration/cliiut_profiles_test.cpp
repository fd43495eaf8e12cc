// The command-line IUT profiles (iut/profiles/gnutls.json, botan.json, nss.json, bssl-tool.json)
// run through the real `tlsconform run --family ems`: every unit gets a verdict the profile did
// not spoil (no `error`), the plain EMS handshakes pass in both roles, and no IUT process is left
// behind. gnutls-serv, botan tls_server, selfserv and bssl-tool server listen on every interface,
// so their units run in a fresh network namespace (server.netns); NSS builds its certificate
// databases with setup commands. Client-side resumption runs for every one of them (gnutls-cli
// and tstclnt make a scenario's connections in one process, client.one_process; botan and
// bssl-tool carry the session in a file), so no client-role resumption scenario is skipped and
// the plain resumptions pass; the client-certificate and ems-off configurations run where the
// tool has them.
#include <dirent.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "harness/process/child_process.h"

namespace tlsc::interop {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The tlsconform binary of this build (interop_tests lives in <build>/tests/).
fs::path cli_path() { return fs::read_symlink("/proc/self/exe").parent_path().parent_path() / "tlsconform"; }

// Live processes whose command line mentions `needle`.
int processes_mentioning(const std::string& needle) {
  int n = 0;
  DIR* d = ::opendir("/proc");
  if (!d) return -1;
  while (dirent* e = ::readdir(d)) {
    const int pid = atoi(e->d_name);
    if (pid <= 0 || pid == ::getpid()) continue;
    std::string stat = slurp(std::string("/proc/") + e->d_name + "/stat");
    const auto rp = stat.rfind(')');
    if (rp == std::string::npos || rp + 2 >= stat.size() || stat[rp + 2] == 'Z') continue;
    std::string cmd = slurp(std::string("/proc/") + e->d_name + "/cmdline");
    for (auto& c : cmd)
      if (c == '\0') c = ' ';
    n += cmd.find(needle) != std::string::npos;
  }
  ::closedir(d);
  return n;
}

struct Case {
  const char* iut;
  const char* program;
  bool client_auth;  // configurations client-cert-required and client-cert
  bool ems_off;      // configuration ems-off
};

class CliIutProfile : public ::testing::TestWithParam<Case> {};

TEST_P(CliIutProfile, EmsFamilyRunsWithoutErrors) {
  const Case c = GetParam();
  if (!harness::find_program(c.program)) GTEST_SKIP() << c.program << " is not installed (scripts/setup installs it)";
  if (!fs::exists(cli_path())) GTEST_SKIP() << "build the tlsconform target first: " << cli_path();
  const fs::path dir = fs::temp_directory_path() / ("tlsc-cliiut-" + std::string(c.iut) + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  harness::SpawnOptions so;
  so.argv = {cli_path().string(), "run", "--iut", c.iut, "--family", "ems", "--out", (dir / "out").string(), "--quiet",
             "--jobs", "2", "--no-default-expect"};
  so.stdout_path = dir.string() + ".log";
  so.stderr_path = so.stdout_path;
  auto spawned = harness::ChildProcess::spawn(so);
  ASSERT_TRUE(spawned.process) << spawned.error;
  auto st = spawned.process->wait_for(std::chrono::seconds(300));
  spawned.process->stop(std::chrono::milliseconds(200));
  ASSERT_TRUE(st) << slurp(so.stdout_path);
  const std::string text = slurp(dir / "out" / "results.json");
  ASSERT_FALSE(text.empty()) << slurp(so.stdout_path);
  const auto j = nlohmann::json::parse(text);
  std::map<std::string, std::string> verdicts;
  for (const auto& r : j["results"]) {
    EXPECT_EQ(r["iut"], c.iut);
    EXPECT_NE(r["verdict"], "error") << r["scenario"] << ": " << r["reason"];
    verdicts[r["scenario"]] = r["verdict"];
  }
  EXPECT_GE(verdicts.size(), 20u);
  for (const char* id : {"ems.full.negotiated.srv", "ems.full.negotiated.cli", "ems.full.client-omits.srv",
                         "ems.full.server-omits.cli", "ems.resume.yes-yes.id.srv", "ems.resume.yes-yes.id.cli",
                         "ems.resume.yes-yes.ticket.cli"})
    EXPECT_EQ(verdicts[id], "pass") << c.iut << " " << id;
  // Client-side resumption: the IUT client offered its session in every resumption scenario.
  int client_resumptions = 0;
  for (const auto& [id, verdict] : verdicts) {
    if (id.rfind("ems.resume.", 0) != 0 || id.size() < 4 || id.substr(id.size() - 4) != ".cli") continue;
    ++client_resumptions;
    EXPECT_NE(verdict, "skip") << c.iut << " " << id;
  }
  EXPECT_EQ(client_resumptions, 8) << c.iut;
  for (const char* id : {"ems.full.client-auth.srv", "ems.full.client-auth.cli"})
    EXPECT_EQ(verdicts[id], c.client_auth ? "pass" : "skip") << c.iut << " " << id;
  EXPECT_EQ(verdicts["ems.full.unsolicited.cli"], c.ems_off ? "pass" : "skip") << c.iut;
  // The server really ran (in its namespace) and every process is gone.
  EXPECT_TRUE(fs::exists(dir / "out" / "units" / c.iut / "default" / "ems.full.negotiated.srv" / "server-0.out"));
  EXPECT_EQ(processes_mentioning((dir / "out").string()), 0);
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Profiles, CliIutProfile,
                         ::testing::Values(Case{"gnutls", "gnutls-serv", true, true}, Case{"botan", "botan", false, false},
                                           Case{"nss", "selfserv", true, false},
                                           Case{"bssl-tool", "bssl-tool", true, false}),
                         [](const auto& info) {
                           std::string name = info.param.iut;
                           for (auto& ch : name)
                             if (ch == '-') ch = '_';
                           return name;
                         });

}  // namespace
}  // namespace tlsc::interop
