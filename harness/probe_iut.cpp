#include "harness/probe_iut.h"

#include <unistd.h>

#include <algorithm>

#include "harness/iut_runner.h"
#include "harness/netns.h"
#include "harness/run_prepare.h"

namespace tlsc::harness {
namespace fs = std::filesystem;

bool probe_can_see(const std::string& c) {
  static const std::set<std::string> kSeen = {"rsa", "dhe", "ecdhe", "ems", "resume-id", "resume-ticket"};
  return kSeen.count(c) || c.rfind("group-", 0) == 0;
}

ClaimCheck check_claims(const std::set<std::string>& declared, const ProbeResult& found) {
  ClaimCheck out;
  for (const auto& c : declared) {
    if (!probe_can_see(c) || found.capabilities.count(c)) continue;
    auto f = std::find_if(found.findings.begin(), found.findings.end(), [&](const auto& x) { return x.name == c; });
    out.unconfirmed.push_back(c + (f != found.findings.end() && !f->detail.empty() ? " (" + f->detail + ")" : ""));
  }
  for (const auto& c : found.capabilities)
    if (probe_can_see(c) && !declared.count(c)) out.undeclared.push_back(c);
  return out;
}

ProbeResult probe_profile_server(const ProbeIutOptions& o, std::chrono::milliseconds io, std::set<std::string>* declared) {
  ProbeResult r;
  auto failed = [&](std::string why) {
    r.error = std::move(why);
    return r;
  };
  std::vector<iut::Profile> profiles;
  try {
    profiles = iut::load_profiles(o.profiles.empty() ? iut::default_profiles_dir() : fs::path(o.profiles));
  } catch (const std::exception& e) {
    return failed(e.what());
  }
  auto p = std::find_if(profiles.begin(), profiles.end(), [&](const auto& x) { return x.name == o.iut; });
  if (p == profiles.end()) return failed("--iut: no profile named '" + o.iut + "'");
  if (!p->server) return failed("--iut: profile '" + o.iut + "' has no server command");
  if (o.config != "default" && !p->configs.count(o.config))
    return failed("--config: profile '" + o.iut + "' has no configuration '" + o.config + "'");
  if (auto missing = missing_program_reason(*p); !missing.empty()) return failed(missing);
  const std::vector<std::string> configs = o.config == "default" ? std::vector<std::string>{} : std::vector{o.config};
  *declared = p->capabilities_in(configs);
  const fs::path dir = o.workdir.empty() ? fs::temp_directory_path() / ("tlsc-probe-" + std::to_string(::getpid()))
                                         : fs::path(o.workdir);
  pki::TestPki pki;
  std::map<std::string, std::string> vars;
  if (std::string err; !prepare_pki(dir / "pki", pki, vars, &err)) return failed(err);
  auto probe = [&] {
    CommandIutServer server(*p, configs, prepare_unit(*p, configs, dir / "unit", vars));
    if (auto err = server.start(); !err.empty()) {
      r.error = err;
      return;
    }
    r = probe_server({"127.0.0.1", server.port()}, io);
    server.stop();
  };
  try {
    if (p->server->netns) {
      if (auto ns = run_in_fresh_netns(probe); !ns.empty()) r.error = "the IUT server needs a network namespace: " + ns;
    } else {
      probe();
    }
  } catch (const std::exception& e) {
    r.error = e.what();
  }
  if (o.workdir.empty()) {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  return r;
}

}  // namespace tlsc::harness
