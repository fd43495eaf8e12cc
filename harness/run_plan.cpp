#include "harness/run_plan.h"

#include <fmt/core.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <tuple>

#include "harness/app_data_option.h"
#include "harness/cli.h"
#include "harness/iut_runner.h"
#include "harness/probe.h"
#include "harness/resume.h"
#include "iut/capabilities.h"
#include "scenarios/applicability.h"
#include "scenarios/loader.h"

namespace tlsc::harness {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void stop_usage(std::string message) { throw RunStop{kExitUsage, std::move(message)}; }

uint64_t fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

void load_files(const RunCommandOptions& o, RunSetup& setup) {
  try {
    setup.catalog = scenarios::load_catalog(o.catalog.empty() ? scenarios::default_catalog_dir() : fs::path(o.catalog));
    setup.profiles = iut::load_profiles(o.profiles.empty() ? iut::default_profiles_dir() : fs::path(o.profiles));
    setup.incidents = scenarios::load_incidents(scenarios::default_incident_dir());
    scenarios::check_incident_links(setup.catalog, setup.incidents);
  } catch (const std::exception& e) {
    stop_usage(e.what());
  }
  const scenarios::Incident* incident = o.incident.empty() ? nullptr : scenarios::find_incident(setup.incidents, o.incident);
  if (!o.incident.empty() && !incident) {
    std::string known;
    for (const auto& i : setup.incidents) known += (known.empty() ? "" : ", ") + i.id;
    stop_usage("--incident: unknown incident '" + o.incident + "' (known: " + (known.empty() ? "none" : known) + ")");
  }
  // --incident plays the real stack: its persona, unless --persona names another.
  try {
    const std::string persona = !o.persona.empty() ? o.persona : incident ? incident->persona : "";
    if (!persona.empty()) setup.persona = scenarios::find_persona(persona);
  } catch (const std::exception& e) {
    stop_usage(e.what());
  }
  try {
    for (const auto& f : o.expect) {
      auto more = load_expectations(f);
      setup.expectations.insert(setup.expectations.end(), more.begin(), more.end());
    }
  } catch (const std::exception& e) {
    stop_usage(std::string("--expect: ") + e.what());
  }
}

// The options that only remote mode takes, and the endpoints it needs.
void check_remote_options(const RunCommandOptions& o, RunSetup& setup) {
  setup.remote = !o.target.empty() || !o.listen.empty();
  for (auto [flag, text, ep] :
       {std::tuple{"--target", &o.target, &setup.target}, {"--listen", &o.listen, &setup.listen_at}}) {
    std::string perr;
    if (!text->empty() && !parse_loopback_endpoint(*text, ep, &perr)) stop_usage(std::string(flag) + ": " + perr);
  }
  for (const auto& c : o.capabilities)
    if (!iut::is_known_capability(c)) stop_usage("--capability: " + iut::unknown_capability(c));
  if (!o.capabilities_file.empty() && (!setup.remote || !o.capabilities.empty() || !o.iuts.empty()))
    stop_usage("--capabilities: only with --target or --listen, and not with --capability or --iut");
  if (auto cerr = check_client_cert(o.client_cert, setup.remote); !cerr.empty()) stop_usage(cerr);
  if (!setup.remote && (!o.protocol.empty() || !o.app_data.empty() || !o.ftp_user.empty() || !o.ftp_password.empty() ||
                        !o.ftp_upload_dir.empty()))
    stop_usage("--protocol/--app-data/--ftp-user/--ftp-password/--ftp-upload-dir: only with --target or --listen (a "
               "profile's IUT has them in its profile)");
  if (setup.remote && o.iuts.size() > 1)
    stop_usage(fmt::format("--target/--listen: one IUT at a time (--iut given {} times)", o.iuts.size()));
}

// --iut all: every TLS profile whose programs are installed (and that has the --config); what is
// left out, and why, goes to stderr.
std::vector<std::string> expand_all(const RunCommandOptions& o, const RunSetup& setup,
                                    const std::vector<std::string>& names) {
  if (setup.remote) stop_usage("--iut all: not with --target/--listen (one IUT at a time)");
  std::vector<std::string> expanded, left_out;
  for (const auto& n : names)
    if (n != "all") expanded.push_back(n);
  for (const auto& p : setup.profiles) {
    std::string why;
    if (p.protocol != "tls") why = "protocol " + p.protocol;
    else if (auto missing = missing_program_reason(p); !missing.empty()) why = missing;
    else if (o.config != "default" && !p.configs.count(o.config)) why = "no configuration '" + o.config + "'";
    if (!why.empty()) left_out.push_back(p.name + " (" + why + ")");
    else if (std::find(expanded.begin(), expanded.end(), p.name) == expanded.end()) expanded.push_back(p.name);
  }
  const std::string out_list = left_out.empty() ? "none" : joined(left_out);
  if (expanded.empty()) stop_usage("--iut all: no profile can run (left out: " + out_list + ")");
  fmt::print(stderr, "tlsconform run: --iut all: {} IUT(s): {}; left out: {}\n", expanded.size(), joined(expanded),
             out_list);
  return expanded;
}

const iut::Profile* find_profile(const RunCommandOptions& o, const RunSetup& setup, const std::string& name) {
  auto it = std::find_if(setup.profiles.begin(), setup.profiles.end(), [&](const auto& p) { return p.name == name; });
  if (it == setup.profiles.end()) {
    std::vector<std::string> known;
    for (const auto& p : setup.profiles) known.push_back(p.name);
    stop_usage(fmt::format("--iut: no profile named '{}' (known: {})", name, joined(known)));
  }
  if (o.config != "default" && !it->configs.count(o.config))
    stop_usage(fmt::format("--config: profile '{}' has no configuration '{}'", name, o.config));
  return &*it;
}

// Remote mode: one IUT that nobody starts; its capabilities and configurations come from the
// --iut profile if one is given (or --capability, or a probe of the --target), its name from --iut-name.
void make_remote_profile(const RunCommandOptions& o, RunSetup& setup) {
  iut::Profile& rp = setup.remote_profile;
  const iut::Profile* like = setup.chosen.empty() ? nullptr : setup.chosen.front();
  rp.name = o.iut_name.empty() ? "remote" : o.iut_name;
  rp.title = "an IUT started by the user";
  if (like) {
    rp.capabilities = like->capabilities;
    rp.configs = like->configs;
    rp.protocol = like->protocol;
    rp.ftp = like->ftp;
  } else {
    rp.capabilities = {"ems", "ecdhe", "rsa", "resume-id", "resume-ticket", "group-secp256r1", "group-x25519"};
  }
  if (!o.capabilities.empty()) rp.capabilities = {o.capabilities.begin(), o.capabilities.end()};
  rp.app_data = remote_app_data(o.app_data);
  if (o.capabilities.empty() && !like && o.protocol != "ftps") {
    const auto perr = remote_capabilities(o.capabilities_file, o.target.empty() ? nullptr : &setup.target,
                                          std::chrono::milliseconds(std::min(o.io_timeout_ms, 2000)),
                                          !o.app_data.empty(), rp);
    if (!perr.empty()) stop_usage(perr);
  }
  if (!o.protocol.empty()) rp.protocol = o.protocol;
  if (!o.ftp_user.empty()) rp.ftp.user = o.ftp_user;
  if (!o.ftp_password.empty()) rp.ftp.password = o.ftp_password;
  if (!o.ftp_upload_dir.empty()) rp.ftp.upload_dir = o.ftp_upload_dir;
  // An FTPS IUT without a profile: the base set says it does FTPS.
  if (!like && o.capabilities.empty() && rp.protocol == "ftps") rp.capabilities.insert("ftps");
  if (!o.target.empty()) rp.server = iut::ServerSpec{};
  if (!o.listen.empty()) rp.client = iut::ClientSpec{};
  setup.chosen = {&rp};
  if (!o.target.empty())  // even with --quiet: the user must know
    fmt::print(stderr,
               "remote mode: server-role scenarios connect to {}, which you started; restarting it between "
               "scenarios (if it needs that) is up to you\n",
               setup.target.text());
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
  if (!o.incident.empty() && !scenarios::reproduces(s, o.incident)) return false;
  return true;
}

// What was not planned for one IUT, said once on stderr.
void say_not_applicable(const iut::Profile& p, size_t other_protocol, size_t other_role) {
  if (other_protocol + other_role == 0) return;
  fmt::print(stderr, "{}: not applicable, not run: {}\n", p.name,
             other_protocol && other_role
                 ? fmt::format("{} scenarios of the other protocol, {} of a role it has no command for", other_protocol,
                               other_role)
             : other_protocol ? fmt::format("{} scenarios for {} IUTs (it is a {} IUT)", other_protocol,
                                           p.protocol == "ftps" ? "tls" : "ftps", p.protocol)
                              : fmt::format("{} scenarios of the {} role (it has no command for it)", other_role,
                                            p.server ? "client" : "server"));
}

// iut/expectations/<iut>.json is applied to its IUT unless --no-default-expect, or an --expect
// file already speaks for that IUT.
void add_default_expectations(const RunCommandOptions& o, RunSetup& setup) {
  if (setup.remote || o.no_default_expect) return;
  std::set<std::string> covered;
  for (const auto& x : setup.expectations) covered.insert(x.iut);
  for (const auto* p : setup.chosen) {
    const fs::path file = iut::default_expectations_dir() / (p->name + ".json");
    std::error_code ec;
    if (covered.count(p->name) || !fs::exists(file, ec)) continue;
    std::vector<Expectation> more;
    try {
      more = load_expectations(file.string());
    } catch (const std::exception& e) {
      stop_usage(std::string("expectations: ") + e.what() + " (--no-default-expect leaves it out)");
    }
    if (!more.empty() && more.front().iut != p->name)
      stop_usage(fmt::format("expectations: {}: iut: '{}' is not '{}', the IUT the file is named for", file.string(),
                             more.front().iut, p->name));
    setup.expectations.insert(setup.expectations.end(), more.begin(), more.end());
  }
}

// An expectation that matches no planned unit is said once: it may be stale or mistyped. With a
// narrowed selection only those that match no scenario of the catalog at all; an entry for
// another configuration of its IUT is not this run's (unless the profile has no such one).
void report_unused_expectations(const RunCommandOptions& o, const RunSetup& setup, const RunPlan& plan) {
  const bool whole = o.families.empty() && o.scenarios.empty() && o.role.empty() && !o.skip_slow && o.incident.empty();
  for (const auto& x : setup.expectations) {
    auto p = std::find_if(setup.chosen.begin(), setup.chosen.end(), [&](const auto* c) { return c->name == x.iut; });
    const bool in_run = p != setup.chosen.end();
    if (in_run && !x.config.empty() && x.config != o.config && (x.config == "default" || (*p)->configs.count(x.config)))
      continue;
    const std::string config = x.config.empty() ? o.config : x.config;
    const bool used = std::any_of(plan.units.begin(), plan.units.end(), [&](const Unit& u) {
      return expectation_matches(x, u.profile->name, u.scenario->id, u.config_label);
    });
    const bool in_catalog = std::any_of(setup.catalog.begin(), setup.catalog.end(), [&](const auto& s) {
      return expectation_matches(x, x.iut, s.id, config);
    });
    if (used || (in_run && in_catalog && !whole)) continue;
    fmt::print(stderr, "tlsconform run: {}: unused expectation: '{}'{} of IUT '{}' {}\n", x.file, x.scenario,
               x.config.empty() ? "" : " (config " + x.config + ")", x.iut,
               !in_run       ? "(that IUT is not in this run)"
               : !in_catalog ? "matches no scenario of the catalog"
                             : "matches no planned unit");
  }
}

// --shard: only this shard's units, renumbered in plan order.
void keep_shard(const Shard& shard, RunPlan& plan) {
  const size_t planned = plan.units.size();
  std::vector<Unit> mine;
  for (const auto& u : plan.units)
    if (shard_of(unit_key(u.profile->name, u.config_label, u.scenario->id), shard.count) == shard.index) {
      mine.push_back(u);
      mine.back().order = mine.size() - 1;
    }
  plan.units = std::move(mine);
  fmt::print(stderr, "tlsconform run: --shard {}/{}: {} of the {} planned units\n", shard.index + 1, shard.count,
             plan.units.size(), planned);
}

}  // namespace

void load_run_inputs(const RunCommandOptions& o, RunSetup& setup) {
  load_files(o, setup);
  check_remote_options(o, setup);
  if (!o.shard.empty()) {
    auto shard = parse_shard(o.shard);
    if (!shard) stop_usage("--shard: '" + o.shard + "' is not K/N with 1 <= K <= N <= 1000 (e.g. 2/3)");
    setup.shard = *shard;
  }
}

void choose_iuts(const RunCommandOptions& o, RunSetup& setup) {
  std::vector<std::string> names = o.iuts.empty() ? std::vector<std::string>{"shim-openssl"} : o.iuts;
  if (setup.remote && o.iuts.empty()) names.clear();
  if (std::find(names.begin(), names.end(), "all") != names.end()) names = expand_all(o, setup, names);
  for (const auto& n : names) setup.chosen.push_back(find_profile(o, setup, n));
  if (setup.remote) make_remote_profile(o, setup);
  add_default_expectations(o, setup);
}

RunPlan plan_units(const RunCommandOptions& o, const RunSetup& setup) {
  std::set<std::string> exact;
  for (const auto& s : setup.catalog)
    if (std::find(o.scenarios.begin(), o.scenarios.end(), s.id) != o.scenarios.end()) exact.insert(s.id);
  RunPlan plan;
  std::vector<const scenarios::Scenario*> luck_left_out;  // --listen without --listen-retries
  for (const auto* p : setup.chosen) {
    plan.versions[p->name] = setup.remote ? "" : iut_version(*p);
    // Remote mode runs only the roles it has an endpoint for; a profile, the roles it has a command for.
    const scenarios::IutTraits traits{p->protocol, p->server.has_value(), p->client.has_value(), nullptr};
    size_t other_protocol = 0, other_role = 0;
    for (const auto& s : setup.catalog) {
      if (!wanted(s, o, exact)) continue;
      if (left_out_of_listen(s, setup.remote && !o.listen.empty(), o.listen_retries)) {
        luck_left_out.push_back(&s);
        continue;
      }
      // Scenarios that cannot apply to this IUT are not planned (a QA matrix would fill with
      // meaningless cells): another protocol (an FTP server runs no TLS family), or a role the
      // IUT has no command (or endpoint) for (curl is only a client).
      const auto fit = scenarios::applicability(s, traits);
      if (fit.kind == scenarios::Inapplicable::kProtocol) ++other_protocol;
      if (fit.kind == scenarios::Inapplicable::kRole && !setup.remote) ++other_role;
      if (fit.kind != scenarios::Inapplicable::kNone) continue;
      Unit u{p, &s, {}, o.config, plan.units.size()};
      if (o.config != "default") u.configs.push_back(o.config);
      if (s.iut_config != "default" && s.iut_config != o.config) u.configs.push_back(s.iut_config);
      plan.units.push_back(u);
    }
    if (!o.quiet) say_not_applicable(*p, other_protocol, other_role);
  }
  if (!luck_left_out.empty())  // even with --quiet: it changes what the run covers
    fmt::print(stderr, "{}\n", listen_left_out_note(luck_left_out));
  if (plan.units.empty())
    stop_usage("no scenario of the selection applies to the chosen IUT(s) (see --family, --scenario, --role, --iut)");
  report_unused_expectations(o, setup, plan);
  if (setup.shard.count > 1) keep_shard(setup.shard, plan);
  return plan;
}

std::optional<Shard> parse_shard(const std::string& text) {
  unsigned k = 0, n = 0;
  char slash = 0;
  std::istringstream in(text);
  if (!(in >> k >> slash >> n) || slash != '/' || in.peek() != EOF || k < 1 || k > n || n > 1000) return std::nullopt;
  if (text.find_first_not_of("0123456789/") != std::string::npos) return std::nullopt;
  return Shard{k - 1, n};
}

unsigned shard_of(const std::string& unit_key, unsigned count) {
  // The key's own hash (not the seed mix): the same key is in the same shard for every seed.
  return static_cast<unsigned>(fnv1a("shard:" + unit_key) % count);
}

uint64_t unit_seed(uint64_t run_seed, const std::string& unit_key) { return run_seed ^ fnv1a(unit_key); }

uint64_t run_seed_of(const results::Result& recorded) { return recorded.seed ^ fnv1a(unit_key(recorded)); }

}  // namespace tlsc::harness
