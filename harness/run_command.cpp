#include "harness/run_command.h"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "harness/app_data_option.h"
#include "harness/cli.h"
#include "harness/expectations.h"
#include "harness/interrupt.h"
#include "harness/iut_diagnosis.h"
#include "harness/iut_runner.h"
#include "harness/netns.h"
#include "harness/probe.h"
#include "harness/process/reaper.h"
#include "harness/remote.h"
#include "harness/resume.h"
#include "harness/report_command.h"
#include "harness/transcript_files.h"
#include "harness/unit_deadline.h"
#include "iut/capabilities.h"
#include "iut/profile.h"
#include "peers/crypto/dh.h"
#include "peers/pki/test_pki.h"
#include "results/run_store.h"
#include "scenarios/ftps_payload.h"
#include "scenarios/loader.h"
#include "scenarios/observe.h"
#include "scenarios/remote_hints.h"

namespace tlsc::harness {
namespace fs = std::filesystem;

void add_run_options(CLI::App& run, RunCommandOptions& o) {
  run.add_option("--iut", o.iuts,
                 "IUT profile name (repeatable; default: shim-openssl, OpenSSL 3 through its libssl shim); 'all': every TLS profile whose programs are installed");
  run.add_option("--family", o.families, "Scenario family (repeatable; default: all)");
  run.add_option("--scenario", o.scenarios, "Scenario id or id prefix (repeatable; default: all)");
  run.add_option("--role", o.role, "Only scenarios where the IUT has this role")->check(CLI::IsMember({"server", "client"}));
  run.add_option("--config", o.config, "IUT configuration for the whole run (e.g. ems-off)")->capture_default_str();
  run.add_option("--out", o.out, "Output folder of the run")->capture_default_str();
  run.add_option("--catalog", o.catalog, "Catalog folder (default: the built-in catalog)");
  run.add_option("--profiles", o.profiles, "IUT profiles folder (default: the built-in profiles)");
  run.add_option("--seed", o.seed, "Seed of all randomness of the run (0 to 2^64-1)")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](std::string& v) { return v.find('-') == std::string::npos ? "" : "a seed is not negative: " + v; },
          "UINT64"));
  run.add_option("--jobs", o.jobs, "Units run in parallel (default: number of cores)")->check(CLI::Range(1u, 256u));
  run.add_option("--repeat", o.repeat, "Handshakes per statistical scenario (default 0: they are skipped)")
      ->check(CLI::Range(0, 100000));
  run.add_flag("--strict", o.strict, "A warn makes the exit code 1");
  run.add_option("--expect", o.expect, "Expectations file: known deviations become xfail (repeatable)")
      ->check(CLI::ExistingFile);
  run.add_flag("--quiet", o.quiet, "No progress lines");
  run.add_option("--resume", o.resume,
                 "Continue the interrupted run in DIR: keep its results (DIR/results.jsonl), run the rest")
      ->check(CLI::ExistingDirectory);
  run.add_option("--io-timeout-ms", o.io_timeout_ms, "How long our peer waits for each answer of the IUT")
      ->capture_default_str()
      ->check(CLI::Range(100, 600000));
  run.add_option("--unit-timeout-ms", o.unit_timeout_ms,
                 "Overall deadline of each unit, whatever the IUT sends (default 0: 4 x --io-timeout-ms per connection the "
                 "scenario may run, see docs/harness.md)")
      ->capture_default_str()
      ->check(CLI::Range(0, 86400000));
  run.add_flag("--skip-slow", o.skip_slow, "Skip scenarios labelled slow");
  run.add_flag("--keep-transcripts", o.keep_transcripts,
               "Write pcap + key log + trace for every result (default: only fail, warn and error)");
  run.add_option("--target", o.target,
                 "Remote mode: run server-role scenarios against the IUT server you started at HOST:PORT (loopback)");
  run.add_option("--listen", o.listen,
                 "Remote mode: run client-role scenarios, waiting for your IUT client at HOST:PORT (loopback)");
  run.add_option("--iut-name", o.iut_name, "Remote mode: the IUT name in the results (default: remote)");
  run.add_option("--capability", o.capabilities,
                 "Remote mode: a capability of the IUT (repeatable; default: the --iut profile's, or a base set)");
  run.add_option("--remote-timeout-ms", o.remote_timeout_ms, "Remote mode (--listen): wait for each client connection")
      ->capture_default_str()
      ->check(CLI::Range(100, 3600000));
  run.add_option("--protocol", o.protocol, "Remote mode: the IUT's protocol (default: the --iut profile's, else tls)")
      ->check(CLI::IsMember({"tls", "ftps"}));
  add_app_data_option(run, o.app_data);
  run.add_option("--capabilities", o.capabilities_file,
                 "Remote mode: the IUT's capabilities (and app data) from this file, written by tlsconform probe "
                 "(default without --capability and --iut: probe the --target first)");
  add_client_cert_options(run, o.client_cert);
  run.add_flag("--listen-retries", o.listen_retries,
               "Remote mode (--listen): also run the scenarios that repeat the client connection until chance gives "
               "their case (hundreds of connections; left out by default)");
  run.add_option("--ftp-user", o.ftp_user, "Remote mode, FTPS server: the user our FTPS client logs in as");
  run.add_option("--ftp-password", o.ftp_password, "Remote mode, FTPS server: its password");
  run.add_option("--ftp-upload-dir", o.ftp_upload_dir,
                 "Remote mode, FTPS server: the writable folder (relative to the login's root) our client uploads to");
}

namespace {

struct Unit {
  const iut::Profile* profile;
  const scenarios::Scenario* scenario;
  std::vector<std::string> configs;  // run-level then the scenario's, "default" dropped
  std::string config_label;          // "default", "ems-off", "ems-off+client-cert", ...
  size_t order;
};

uint64_t fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

// `exact`: the --scenario patterns that are whole ids of the catalog; they select that scenario
// only (not the longer ids they are a prefix of). The others select by prefix.
bool wanted(const scenarios::Scenario& s, const RunCommandOptions& o, const std::set<std::string>& exact) {
  if (!o.families.empty() && std::find(o.families.begin(), o.families.end(), s.family) == o.families.end()) return false;
  if (!o.role.empty() && results::to_string(s.role) != o.role) return false;
  if (!o.scenarios.empty() && std::none_of(o.scenarios.begin(), o.scenarios.end(), [&](const auto& p) {
        return s.id == p || (!exact.count(p) && s.id.rfind(p, 0) == 0);
      }))
    return false;
  if (o.skip_slow && s.slow) return false;
  return true;
}

// The connections whose TLS-level faults (closed, hung, not TLS) name a failure's cause. An FTPS
// result's connections are judged, and their faults named, by the FTPS runner: only a crash or a
// killed client is added to it.
std::vector<engine::ConnectionReport> tls_reports(const scenarios::Scenario& s, const scenarios::ScenarioRun& run) {
  return s.protocol == "ftps" ? std::vector<engine::ConnectionReport>{} : run.reports;
}

// An IUT server that closed our last connection may be on its way out (exit 89, a crash): its
// status is collected up to this long before it is stopped, so its fate is not a race.
constexpr std::chrono::milliseconds kExitGrace{300};
bool iut_closed_last(const scenarios::ScenarioRun& run) {
  return !run.reports.empty() && scenarios::classify(run.reports.back()) == scenarios::Outcome::kClosed;
}

// How many times a client-role scenario makes the IUT client connect: once per connection, but an
// FTPS client makes its whole session (control and data connections) in one go.
size_t client_connections(const scenarios::Scenario& s) { return s.protocol == "ftps" ? 1 : s.connections.size(); }

std::string safe(std::string s) {
  for (auto& c : s)
    if (!isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '_';
  return s;
}

}  // namespace

int run_run(const RunCommandOptions& o) {
  const auto started = std::chrono::steady_clock::now();
  // SIGINT/SIGTERM/SIGHUP from the first moment (a signal during the setup still ends in a
  // results.json): the workers take no new unit, every IUT process group is killed (the units in
  // flight end at once and are dropped), and results.json gets what finished.
  interrupt::Scope signals;
  // Before any thread: the reaper kills the run's IUTs if tlsconform dies without stopping them.
  reaper::Scope reaper_scope;
  if (!reaper_scope.error().empty())
    fmt::print(stderr, "tlsconform run: {} (IUTs would outlive a crash of tlsconform)\n", reaper_scope.error());
  std::vector<scenarios::Scenario> catalog;
  std::vector<iut::Profile> profiles;
  try {
    catalog = scenarios::load_catalog(o.catalog.empty() ? scenarios::default_catalog_dir() : fs::path(o.catalog));
    profiles = iut::load_profiles(o.profiles.empty() ? iut::default_profiles_dir() : fs::path(o.profiles));
  } catch (const std::exception& e) {
    fmt::print(stderr, "tlsconform run: {}\n", e.what());
    return kExitUsage;
  }
  std::vector<Expectation> expectations;
  try {
    for (const auto& f : o.expect) {
      auto more = load_expectations(f);
      expectations.insert(expectations.end(), more.begin(), more.end());
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "tlsconform run: --expect: {}\n", e.what());
    return kExitUsage;
  }
  const bool remote = !o.target.empty() || !o.listen.empty();
  Endpoint target, listen_at;
  for (auto [flag, text, ep] : {std::tuple{"--target", &o.target, &target}, {"--listen", &o.listen, &listen_at}}) {
    std::string perr;
    if (!text->empty() && !parse_loopback_endpoint(*text, ep, &perr)) {
      fmt::print(stderr, "tlsconform run: {}: {}\n", flag, perr);
      return kExitUsage;
    }
  }
  for (const auto& c : o.capabilities)
    if (!iut::is_known_capability(c)) {
      fmt::print(stderr, "tlsconform run: --capability: {}\n", iut::unknown_capability(c));
      return kExitUsage;
    }
  if (!o.capabilities_file.empty() && (!remote || !o.capabilities.empty() || !o.iuts.empty())) {
    fmt::print(stderr, "tlsconform run: --capabilities: only with --target or --listen, and not with --capability or --iut\n");
    return kExitUsage;
  }
  if (auto cerr = check_client_cert(o.client_cert, remote); !cerr.empty()) {
    fmt::print(stderr, "tlsconform run: {}\n", cerr);
    return kExitUsage;
  }
  if (!remote && (!o.protocol.empty() || !o.app_data.empty() || !o.ftp_user.empty() || !o.ftp_password.empty() ||
                  !o.ftp_upload_dir.empty())) {
    fmt::print(stderr, "tlsconform run: --protocol/--app-data/--ftp-user/--ftp-password/--ftp-upload-dir: only with "
                       "--target or --listen (a profile's IUT has them in its profile)\n");
    return kExitUsage;
  }
  if (remote && o.iuts.size() > 1) {
    fmt::print(stderr, "tlsconform run: --target/--listen: one IUT at a time (--iut given {} times)\n", o.iuts.size());
    return kExitUsage;
  }
  std::vector<std::string> names = o.iuts.empty() ? std::vector<std::string>{"shim-openssl"} : o.iuts;
  if (remote && o.iuts.empty()) names.clear();
  // --iut all: every TLS profile whose programs are installed (and that has the --config); what
  // is left out, and why, goes to stderr.
  if (std::find(names.begin(), names.end(), "all") != names.end()) {
    if (remote) {
      fmt::print(stderr, "tlsconform run: --iut all: not with --target/--listen (one IUT at a time)\n");
      return kExitUsage;
    }
    std::vector<std::string> expanded, left_out;
    for (const auto& n : names)
      if (n != "all") expanded.push_back(n);
    for (const auto& p : profiles) {
      std::string why;
      if (p.protocol != "tls") why = "protocol " + p.protocol;
      else if (auto missing = missing_program_reason(p); !missing.empty()) why = missing;
      else if (o.config != "default" && !p.configs.count(o.config)) why = "no configuration '" + o.config + "'";
      if (!why.empty()) left_out.push_back(p.name + " (" + why + ")");
      else if (std::find(expanded.begin(), expanded.end(), p.name) == expanded.end()) expanded.push_back(p.name);
    }
    std::string list, out_list;
    for (const auto& n : expanded) list += (list.empty() ? "" : ", ") + n;
    for (const auto& n : left_out) out_list += (out_list.empty() ? "" : ", ") + n;
    if (expanded.empty()) {
      fmt::print(stderr, "tlsconform run: --iut all: no profile can run (left out: {})\n", out_list.empty() ? "none" : out_list);
      return kExitUsage;
    }
    fmt::print(stderr, "tlsconform run: --iut all: {} IUT(s): {}; left out: {}\n", expanded.size(), list,
               out_list.empty() ? "none" : out_list);
    names = expanded;
  }
  std::vector<const iut::Profile*> chosen;
  for (const auto& n : names) {
    auto it = std::find_if(profiles.begin(), profiles.end(), [&](const auto& p) { return p.name == n; });
    if (it == profiles.end()) {
      std::string known;
      for (const auto& p : profiles) known += (known.empty() ? "" : ", ") + p.name;
      fmt::print(stderr, "tlsconform run: --iut: no profile named '{}' (known: {})\n", n, known);
      return kExitUsage;
    }
    if (o.config != "default" && !it->configs.count(o.config)) {
      fmt::print(stderr, "tlsconform run: --config: profile '{}' has no configuration '{}'\n", n, o.config);
      return kExitUsage;
    }
    chosen.push_back(&*it);
  }
  // Remote mode: one IUT that nobody starts; its capabilities and configurations come from the
  // --iut profile if one is given (or --capability), its name from --iut-name.
  iut::Profile remote_profile;
  if (remote) {
    remote_profile.name = o.iut_name.empty() ? "remote" : o.iut_name;
    remote_profile.title = "an IUT started by the user";
    if (!chosen.empty()) {
      remote_profile.capabilities = chosen.front()->capabilities;
      remote_profile.configs = chosen.front()->configs;
    } else {
      remote_profile.capabilities = {"ems", "ecdhe", "rsa", "resume-id", "resume-ticket", "group-secp256r1", "group-x25519"};
    }
    if (!o.capabilities.empty()) remote_profile.capabilities = {o.capabilities.begin(), o.capabilities.end()};
    remote_profile.app_data = remote_app_data(o.app_data);
    if (o.capabilities.empty() && chosen.empty() && o.protocol != "ftps") {
      const auto perr = remote_capabilities(o.capabilities_file, o.target.empty() ? nullptr : &target,
                                            std::chrono::milliseconds(std::min(o.io_timeout_ms, 2000)),
                                            !o.app_data.empty(), remote_profile);
      if (!perr.empty()) {
        fmt::print(stderr, "tlsconform run: {}\n", perr);
        return kExitUsage;
      }
    }
    if (!chosen.empty()) {
      remote_profile.protocol = chosen.front()->protocol;
      remote_profile.ftp = chosen.front()->ftp;
    }
    if (!o.protocol.empty()) remote_profile.protocol = o.protocol;
    if (!o.ftp_user.empty()) remote_profile.ftp.user = o.ftp_user;
    if (!o.ftp_password.empty()) remote_profile.ftp.password = o.ftp_password;
    if (!o.ftp_upload_dir.empty()) remote_profile.ftp.upload_dir = o.ftp_upload_dir;
    // An FTPS IUT without a profile: the base set says it does FTPS.
    if (chosen.empty() && o.capabilities.empty() && remote_profile.protocol == "ftps") remote_profile.capabilities.insert("ftps");
    if (!o.target.empty()) remote_profile.server = iut::ServerSpec{};
    if (!o.listen.empty()) remote_profile.client = iut::ClientSpec{};
    chosen = {&remote_profile};
    if (!o.target.empty())  // even with --quiet: the user must know
      fmt::print(stderr,
                 "remote mode: server-role scenarios connect to {}, which you started; restarting it between "
                 "scenarios (if it needs that) is up to you\n",
                 target.text());
  }

  // The run folder, its PKI and DH parameters, and the streaming results file.
  const fs::path out = fs::absolute(o.resume.empty() ? o.out : o.resume);
  std::error_code ec;
  std::optional<ResumeState> resumed;
  if (!o.resume.empty()) {
    std::string rerr;
    resumed = load_resume_state(out, &rerr);
    if (!resumed) {
      fmt::print(stderr, "tlsconform run: --resume: {}\n", rerr);
      return kExitUsage;
    }
    for (const auto& problem : resumed->problems) fmt::print(stderr, "tlsconform run: --resume: dropped {}\n", problem);
    std::vector<std::string> iut_names;
    for (const auto* p : chosen) iut_names.push_back(p->name);
    if (auto other = check_resumed_iuts(*resumed, iut_names); !other.empty()) {
      fmt::print(stderr, "tlsconform run: --resume {}: {}\n", out.string(), other);
      return kExitUsage;
    }
  }
  fs::create_directories(out, ec);
  std::string error;
  auto pki = pki::ensure(out / "pki", &error);
  if (!pki) {
    fmt::print(stderr, "tlsconform run: {}\n", error);
    return kExitInfra;
  }
  const fs::path dhparams = out / "pki" / "ffdhe2048.pem";
  if (auto pem = crypto::dh_group_to_pem(crypto::ffdhe2048()); pem) std::ofstream(dhparams) << *pem;
  const std::map<std::string, std::string> pki_vars = {
      {"cert", pki->server_rsa.cert.string()},      {"key", pki->server_rsa.key.string()},
      {"ecdsa_cert", pki->server_ecdsa.cert.string()}, {"ecdsa_key", pki->server_ecdsa.key.string()},
      {"ca", pki->ca_cert.string()},                {"client_cert", pki->client_rsa.cert.string()},
      {"client_key", pki->client_rsa.key.string()}, {"p12", pki->server_rsa.p12.string()},
      {"dhparams", dhparams.string()}};
  // Remote FTPS: the files the scenarios transfer are checked by SHA-256, so the user's server
  // must serve, and the user's client must upload, exactly these bytes.
  if (remote && chosen.front()->protocol == "ftps") {
    const fs::path files_dir = out / "ftps-files";
    fs::create_directories(files_dir, ec);
    auto write = [&](std::string_view name, const std::vector<uint8_t>& bytes) {
      std::ofstream(files_dir / name, std::ios::binary)
          .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
      return (files_dir / name).string();
    };
    const std::string down = write(scenarios::ftps_payload::kDownloadName, scenarios::ftps_payload::download());
    const std::string up = write(scenarios::ftps_payload::kUploadName, scenarios::ftps_payload::upload());
    if (!o.target.empty())
      fmt::print(stderr, "remote FTPS server: serve {} as {} in the root of user '{}'; each scenario uploads its own "
                         "file into '{}' and fetches it back\n",
                 down, scenarios::ftps_payload::kDownloadName, chosen.front()->ftp.user, chosen.front()->ftp.upload_dir);
    if (!o.listen.empty())
      fmt::print(stderr, "remote FTPS client: at each prompt, log in (any user), LIST, RETR {} and STOR {} as {}\n",
                 scenarios::ftps_payload::kDownloadName, up, scenarios::ftps_payload::kUploadName);
  }
  results::JsonlWriter jsonl;
  if (!resumed) fs::remove(out / "results.jsonl", ec);  // a new run starts a new file
  if (!jsonl.open(out / "results.jsonl", &error)) {
    fmt::print(stderr, "tlsconform run: {}\n", error);
    return kExitInfra;
  }
  results::RunInfo info;
  info.run_id = "run-" + results::utc_now() + "-" + std::to_string(o.seed);
  info.tool_version = TLSC_VERSION;
  info.started = results::utc_now();
  info.seed = o.seed;
  info.argv = o.argv;
  // A resumed run is the same run: its id and seed come from the results already recorded (each
  // unit's seed is the run's seed mixed with the unit key, so the run's seed can be recovered).
  uint64_t run_seed = o.seed;
  std::map<std::string, const results::Result*> recorded;
  if (resumed) {
    for (const auto& r : resumed->results) recorded[unit_key(r)] = &r;
    if (!resumed->results.empty()) {
      const auto& first = resumed->results.front();
      run_seed = first.seed ^ fnv1a(unit_key(first));
      info.run_id = resumed->run_id;
      info.seed = run_seed;
    }
  }

  // Plan.
  std::set<std::string> exact;
  for (const auto& s : catalog)
    if (std::find(o.scenarios.begin(), o.scenarios.end(), s.id) != o.scenarios.end()) exact.insert(s.id);
  std::vector<Unit> units;
  std::vector<const scenarios::Scenario*> luck_left_out;  // --listen without --listen-retries
  std::map<std::string, std::string> versions;
  for (const auto* p : chosen) {
    versions[p->name] = remote ? "" : iut_version(*p);
    // Scenarios that cannot apply to this IUT are not planned (a QA matrix would fill with
    // meaningless cells): another protocol (an FTP server runs no TLS family), or a role the
    // profile has no command for (curl is only a client). Said once per IUT on stderr.
    size_t other_protocol = 0, other_role = 0;
    for (const auto& s : catalog) {
      if (!wanted(s, o, exact)) continue;
      if (left_out_of_listen(s, remote && !o.listen.empty(), o.listen_retries)) {
        luck_left_out.push_back(&s);
        continue;
      }
      if (!scenarios::protocol_mismatch(s, p->protocol).empty()) {
        ++other_protocol;
        continue;
      }
      if (!remote && (s.role == results::Role::server ? !p->server : !p->client)) {
        ++other_role;
        continue;
      }
      // Remote mode runs only the roles it has an endpoint for.
      if (remote && ((s.role == results::Role::server && o.target.empty()) ||
                     (s.role == results::Role::client && o.listen.empty())))
        continue;
      Unit u{p, &s, {}, "", units.size()};
      if (o.config != "default") u.configs.push_back(o.config);
      if (s.iut_config != "default" && s.iut_config != o.config) u.configs.push_back(s.iut_config);
      u.config_label = o.config;
      units.push_back(u);
    }
    if (other_protocol + other_role > 0 && !o.quiet)
      fmt::print(stderr, "{}: not applicable, not run: {}\n", p->name,
                 other_protocol && other_role
                     ? fmt::format("{} scenarios of the other protocol, {} of a role it has no command for",
                                   other_protocol, other_role)
                 : other_protocol ? fmt::format("{} scenarios for {} IUTs (it is a {} IUT)", other_protocol,
                                               p->protocol == "ftps" ? "tls" : "ftps", p->protocol)
                                  : fmt::format("{} scenarios of the {} role (it has no command for it)", other_role,
                                                p->server ? "client" : "server"));
  }

  if (!luck_left_out.empty())  // even with --quiet: it changes what the run covers
    fmt::print(stderr, "{}\n", listen_left_out_note(luck_left_out));
  if (units.empty()) {
    fmt::print(stderr, "tlsconform run: no scenario of the selection applies to the chosen IUT(s) (see --family, "
                       "--scenario, --role, --iut)\n");
    return kExitUsage;
  }

  // Remote mode: one endpoint, one unit at a time.
  const unsigned jobs = remote ? 1u : o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  std::vector<results::Result> done(units.size());
  std::vector<char> have(units.size(), 0);  // done[i] holds a finished result
  // Units already recorded (--resume) are not run again.
  std::vector<size_t> todo;
  for (size_t i = 0; i < units.size(); ++i) {
    auto it = recorded.find(unit_key(units[i].profile->name, units[i].config_label, units[i].scenario->id));
    if (it == recorded.end()) {
      todo.push_back(i);
      continue;
    }
    done[i] = *it->second;
    have[i] = 1;
    recorded.erase(it);
  }
  if (resumed && !o.quiet)
    fmt::print(stderr, "resuming {}: {} results already there, {} units to run\n", out.string(),
               resumed->results.size(), todo.size());
  // Execution order: long units first (slow ones, fallback searches), so that no long unit starts
  // last and runs alone; results are still reported in plan order.
  auto cost = [&](size_t i) {
    const auto& s = *units[i].scenario;
    return (s.slow ? 1000 : 0) + (s.fallback ? 100 : 0) + static_cast<int>(s.connections.size());
  };
  std::stable_sort(todo.begin(), todo.end(), [&](size_t a, size_t b) { return cost(a) > cost(b); });
  std::atomic<size_t> next{0}, finished{0}, fails{0}, workers_done{0};
  std::mutex print_mu;
  const bool tty = ::isatty(STDERR_FILENO);

  auto run_unit = [&](const Unit& u) -> results::Result {
    const auto& s = *u.scenario;
    const auto& p = *u.profile;
    results::Result r;
    const uint64_t seed = run_seed ^ fnv1a(unit_key(p.name, u.config_label, s.id));
    auto base = [&](results::Verdict v, std::string reason) {
      r.scenario = s.id;
      r.role = s.role;
      r.rfc = s.rfc;
      r.seed = seed;
      r.verdict = v;
      r.reason = std::move(reason);
      return r;
    };
    // A scenario of another protocol never starts the IUT (an FTP server runs no TLS scenario).
    if (auto other = scenarios::protocol_mismatch(s, p.protocol); !other.empty()) return base(results::Verdict::skip, other);
    if (auto missing = remote ? "" : missing_program_reason(p); !missing.empty())
      return base(results::Verdict::skip, missing);
    if (remote && s.iut_config != "default" && s.iut_config != o.config)
      return base(results::Verdict::skip, "needs the IUT in configuration '" + s.iut_config +
                                              "' (remote mode: set it up so and run with --config " + s.iut_config + ")");
    if (s.role == results::Role::server && !p.server) return base(results::Verdict::skip, "the profile has no server command");
    if (s.role == results::Role::client && !p.client) return base(results::Verdict::skip, "the profile has no client command");
    scenarios::RunOptions ro;
    ro.env.pki = *pki;
    ro.seed = seed;
    ro.repeat = o.repeat;
    // Independent attempts of one unit (see IutClient::concurrent_connects) use the --jobs width:
    // a unit that must wait for luck (an IUT's random ECDHE key) would otherwise set the wall time.
    ro.parallel_attempts = static_cast<int>(jobs);
    ro.capabilities = p.capabilities_in(u.configs);
    ro.env.io_timeout = std::chrono::milliseconds(o.io_timeout_ms);
    ro.env.app_data = p.app_data;
    if (remote) apply_client_cert(o.client_cert, ro.env);
    ro.protocol = p.protocol;
    ro.catalog = &catalog;
    ro.ftp = {p.ftp.user, p.ftp.password, p.ftp.upload_dir, ""};
    // A server someone else runs keeps its files between scenarios: one upload name per unit.
    if (remote) ro.ftp.upload_name = fmt::format("tlsc-upload-{:016x}.bin", seed);
    // An IUT client that has not connected once its own deadline has passed never will.
    if (p.client) ro.accept_timeout = std::chrono::milliseconds(p.client->timeout_ms + 1000);
    if (remote) ro.accept_timeout = std::chrono::milliseconds(o.remote_timeout_ms + 1000);
    if (auto cap = scenarios::missing_capability(s, ro.capabilities); !cap.empty())
      return base(results::Verdict::skip, "the IUT (in this configuration) lacks the capability '" + cap + "'");
    // The unit's overall deadline, and the stop request of SIGINT/SIGTERM/SIGHUP, reach every
    // connection (and key search) of the unit.
    const auto unit_timeout = o.unit_timeout_ms > 0 ? std::chrono::milliseconds(o.unit_timeout_ms)
                                                    : harness::unit_timeout(s, ro.env.io_timeout, ro.accept_timeout, o.repeat);
    ro.env.deadline = std::chrono::steady_clock::now() + unit_timeout;
    ro.env.stop = [] { return interrupt::requested(); };
    const fs::path dir = out / "units" / safe(p.name) / safe(u.config_label) / safe(s.id);
    UnitFiles files;
    try {
      files = remote ? UnitFiles{} : prepare_unit(p, u.configs, dir, pki_vars);
    } catch (const std::exception& e) {
      return base(results::Verdict::error, e.what());
    }
    scenarios::ScenarioRun run;
    if (remote && s.role == results::Role::server) {
      RemoteIutServer server(target);
      run = scenarios::run_scenario(s, ro, &server, nullptr);
      scenarios::apply_client_cert_hint(s, run.reports, run.result);
    } else if (remote) {
      RemoteIutClient client(listen_at, std::chrono::milliseconds(o.remote_timeout_ms), client_connections(s),
                             most_connections(s, client_connections(s)),
                             [&](const std::string& line) {
                               std::lock_guard lock(print_mu);
                               fmt::print(stderr, "{}{}: {}\n", tty && !o.quiet ? "\n" : "", s.id, line);
                             });
      run = scenarios::run_scenario(s, ro, nullptr, &client);
    } else if (s.role == results::Role::server) {
      std::string start_error;
      auto against_server = [&] {
        CommandIutServer server(p, u.configs, files);
        if (start_error = server.start(); !start_error.empty()) return;
        run = scenarios::run_scenario(s, ro, &server, nullptr);
        const IutFate fate = server.finish(iut_closed_last(run) ? kExitGrace : std::chrono::milliseconds(0));
        if (fate.ended && fate.status != "exit 0" && !fate.crashed) {
          run.result.observations["iut_exit"] = fate.status;
          if (run.result.verdict == results::Verdict::pass) run.result.deviation += " (the IUT server ended: " + fate.status + ")";
        }
        add_iut_diagnosis(run.result, tls_reports(s, run), {"the IUT server", fate, false, 0, ro.env.io_timeout, unit_timeout});
      };
      // A server that cannot bind to 127.0.0.1 only runs, with our client, in a namespace of its own.
      if (p.server->netns) {
        if (auto ns_error = run_in_fresh_netns(against_server); !ns_error.empty())
          return base(results::Verdict::skip, "the IUT server listens on every interface and needs a network namespace: " + ns_error);
      } else {
        against_server();
      }
      if (!start_error.empty())
        return base(is_unsupported(start_error) ? results::Verdict::skip : results::Verdict::error, start_error);
    } else {
      CommandIutClient client(p, u.configs, files, client_connections(s));
      run = scenarios::run_scenario(s, ro, nullptr, &client);
      run.result.observations["iut_client_runs"] = client.runs();
      add_iut_diagnosis(run.result, tls_reports(s, run),
                        {"the IUT client", client.crash(), client.hung(), client.timeout_ms(), ro.env.io_timeout, unit_timeout});
    }
    r = std::move(run.result);
    // Transcripts (pcap + NSS key log + text trace) of every connection we ran, for the results
    // someone will want to look at.
    const bool interesting = r.verdict == results::Verdict::fail || r.verdict == results::Verdict::warn ||
                             r.verdict == results::Verdict::error;
    if (o.keep_transcripts || interesting) {
      for (size_t i = 0; i < run.reports.size(); ++i) {
        std::string terr;
        for (const auto& f : write_transcript(dir / "transcripts", "conn" + std::to_string(i + 1), run.reports[i], &terr))
          r.transcripts.push_back(fs::relative(f, out).string());
      }
    }
    return r;
  };

  auto worker = [&] {
    for (size_t k = next++; k < todo.size() && !interrupt::requested(); k = next++) {
      const size_t i = todo[k];
      const Unit& u = units[i];
      const auto unit_started = std::chrono::steady_clock::now();
      results::Result r = run_unit(u);
      if (interrupt::requested()) break;  // cut short by the interruption: not a result
      // A result that ended before its scenario ran (an IUT that did not start) took time too.
      if (r.duration_s <= 0)
        r.duration_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - unit_started).count();
      r.run_id = info.run_id;
      r.iut = u.profile->name;
      r.iut_version = versions[u.profile->name];
      r.iut_config = u.config_label;  // the run's configuration: the matrix column
      // The configurations the IUT really ran in, when the scenario added its own (e.g.
      // client-cert-required for certreq.resume-authenticated.srv).
      if (!u.configs.empty() && !(u.configs.size() == 1 && u.configs[0] == u.config_label))
        r.observations["iut_configs"] = u.configs;
      apply_expectations(expectations, r);
      std::string werr;
      if (!jsonl.append(r, &werr)) {
        std::lock_guard lock(print_mu);
        fmt::print(stderr, "tlsconform run: {}\n", werr);
      }
      if (r.verdict == results::Verdict::fail || r.verdict == results::Verdict::error) ++fails;
      const size_t n = ++finished;
      if (!o.quiet) {
        std::lock_guard lock(print_mu);
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const double eta = n ? elapsed / n * (todo.size() - n) : 0;
        if (tty)
          fmt::print(stderr, "\r\x1b[K[{}/{}] fails {} elapsed {:.0f}s eta {:.0f}s  {:.48}", n, todo.size(), fails.load(),
                     elapsed, eta, u.scenario->id);
        else
          fmt::print(stderr, "[{}/{}] {} {} {}\n", n, todo.size(), results::to_string(r.verdict), u.profile->name,
                     u.scenario->id);
      }
      done[i] = std::move(r);
      have[i] = 1;
    }
    ++workers_done;
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < std::min<size_t>(jobs, std::max<size_t>(todo.size(), 1)); ++t) pool.emplace_back(worker);
  bool killed = false;
  auto stop_iuts = [&] {
    killed = true;
    const int groups = interrupt::kill_tracked();
    std::lock_guard lock(print_mu);
    fmt::print(stderr, "{}tlsconform run: interrupted (signal {}): stopped {} IUT process group(s)\n",
               tty && !o.quiet ? "\n" : "", interrupt::received(), groups);
  };
  while (workers_done.load() < pool.size()) {
    if (interrupt::requested() && !killed) stop_iuts();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  for (auto& t : pool) t.join();
  if (interrupt::requested() && !killed) stop_iuts();  // the workers saw it first
  const int stopped_by = interrupt::received();
  if (tty && !o.quiet && !stopped_by) fmt::print(stderr, "\n");

  // results.json: the finished units in plan order, then recorded results this plan left out.
  std::vector<results::Result> all;
  for (size_t i = 0; i < units.size(); ++i)
    if (have[i]) all.push_back(std::move(done[i]));
  if (resumed)
    for (const auto& r : resumed->results)
      if (recorded.count(unit_key(r))) all.push_back(r);
  info.finished = results::utc_now();
  if (!results::write_run_json(out / "results.json", info, all, &error)) {
    fmt::print(stderr, "tlsconform run: {}\n", error);
    return kExitInfra;
  }
  if (stopped_by) {
    fmt::print(stderr, "tlsconform run: {} of {} results in {}; continue with: tlsconform run --resume {}\n", all.size(),
               units.size(), (out / "results.json").string(), out.string());
    return 128 + stopped_by;
  }

  // The outcome: counts and every result that is not a pass.
  std::map<std::string, int> counts;
  bool unexpected = false, infra = false;
  for (const auto& r : all) {
    ++counts[std::string(results::to_string(r.verdict))];
    unexpected = unexpected || results::is_unexpected(r.verdict, o.strict);
    infra = infra || r.verdict == results::Verdict::error;
  }
  // The reports users read: JUnit for CI, Markdown to publish, HTML to browse; the terminal
  // matrix on stdout.
  const std::string results_json = (out / "results.json").string();
  for (const auto& [format, file] : {std::pair{"junit", "junit.xml"}, {"md", "report.md"}, {"html", "report.html"}})
    run_report({{results_json}, format, (out / file).string(), o.argv});
  if (!o.quiet) run_report({{results_json}, "terminal", "", o.argv});
  std::string summary;
  for (const auto& [k, v] : counts) summary += (summary.empty() ? "" : ", ") + fmt::format("{} {}", v, k);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print("{} results in {:.1f}s ({}); results in {}\n", all.size(), wall, summary, (out / "results.json").string());
  if (const int late = interrupt::received()) return 128 + late;  // a signal during the reports
  if (unexpected) return kExitUnexpected;
  return infra ? kExitInfra : kExitOk;
}

}  // namespace tlsc::harness
