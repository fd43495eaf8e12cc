#include "harness/run_unit.h"

#include <fmt/core.h>

#include <set>

#include "harness/iut_diagnosis.h"
#include "harness/file_name.h"
#include "harness/iut_runner.h"
#include "harness/netns.h"
#include "harness/interrupt.h"
#include "harness/remote.h"
#include "harness/resume.h"
#include "harness/transcript_files.h"
#include "harness/unit_deadline.h"
#include "scenarios/applicability.h"
#include "scenarios/interpreter.h"
#include "scenarios/observe.h"
#include "scenarios/remote_hints.h"

namespace tlsc::harness {
namespace fs = std::filesystem;
using results::Verdict;

namespace {

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


// Why the unit cannot run at all (a skip before any IUT starts), or "". `capabilities`: the IUT's
// in the unit's configurations. `inapplicable`: set when the scenario does not apply to the IUT
// (protocol, role, capability), as opposed to a program that is missing here.
std::string cannot_run(const UnitContext& ctx, const Unit& u, const std::set<std::string>& capabilities,
                       bool* inapplicable) {
  const auto& s = *u.scenario;
  const auto& p = *u.profile;
  const bool remote = ctx.setup.remote;
  const auto fit = scenarios::applicability(s, {p.protocol, p.server.has_value(), p.client.has_value(), &capabilities});
  // A scenario of another protocol never starts the IUT (an FTP server runs no TLS scenario).
  *inapplicable = fit.kind == scenarios::Inapplicable::kProtocol;
  if (*inapplicable) return fit.reason;
  if (auto missing = remote ? "" : missing_program_reason(p); !missing.empty()) return missing;
  if (remote && s.iut_config != "default" && s.iut_config != ctx.options.config)
    return "needs the IUT in configuration '" + s.iut_config + "' (remote mode: set it up so and run with --config " +
           s.iut_config + ")";
  *inapplicable = fit.kind != scenarios::Inapplicable::kNone;
  if (fit.kind == scenarios::Inapplicable::kRole)
    return s.role == results::Role::server ? "the profile has no server command" : "the profile has no client command";
  return fit.kind == scenarios::Inapplicable::kCapability ? fit.reason : "";
}

scenarios::RunOptions run_options(const UnitContext& ctx, const Unit& u, uint64_t seed,
                                  std::set<std::string> capabilities) {
  const auto& o = ctx.options;
  const auto& p = *u.profile;
  const bool remote = ctx.setup.remote;
  scenarios::RunOptions ro;
  ro.env.pki = ctx.pki;
  ro.seed = seed;
  ro.repeat = o.repeat;
  // Independent attempts of one unit (see IutClient::concurrent_connects) use the --jobs width:
  // a unit that must wait for luck (an IUT's random ECDHE key) would otherwise set the wall time.
  ro.parallel_attempts = static_cast<int>(ctx.jobs);
  ro.capabilities = std::move(capabilities);
  ro.env.io_timeout = std::chrono::milliseconds(o.io_timeout_ms);
  ro.env.app_data = p.app_data;
  if (ctx.setup.persona) {
    ro.env.persona_client = ctx.setup.persona->client.peer;
    ro.env.persona_server = ctx.setup.persona->server.peer;
  }
  if (remote) apply_client_cert(o.client_cert, ro.env);
  ro.protocol = p.protocol;
  ro.catalog = &ctx.setup.catalog;
  ro.ftp = {p.ftp.user, p.ftp.password, p.ftp.upload_dir, ""};
  // A server someone else runs keeps its files between scenarios: one upload name per unit.
  if (remote) ro.ftp.upload_name = fmt::format("tlsc-upload-{:016x}.bin", seed);
  // An IUT client that has not connected once its own deadline has passed never will.
  if (p.client) ro.accept_timeout = std::chrono::milliseconds(p.client->timeout_ms + 1000);
  if (remote) ro.accept_timeout = std::chrono::milliseconds(o.remote_timeout_ms + 1000);
  return ro;
}

// The unit's overall deadline, and the stop request of SIGINT/SIGTERM/SIGHUP, reach every
// connection (and key search) of the unit.
std::chrono::milliseconds arm_deadline(const UnitContext& ctx, const scenarios::Scenario& s, scenarios::RunOptions& ro) {
  const auto& o = ctx.options;
  const auto limit = o.unit_timeout_ms > 0 ? std::chrono::milliseconds(o.unit_timeout_ms)
                                           : unit_timeout(s, ro.env.io_timeout, ro.accept_timeout, o.repeat);
  ro.env.deadline = std::chrono::steady_clock::now() + limit;
  ro.env.stop = [] { return interrupt::requested(); };
  return limit;
}

scenarios::ScenarioRun against_remote(const UnitContext& ctx, const scenarios::Scenario& s,
                                      const scenarios::RunOptions& ro) {
  scenarios::ScenarioRun run;
  if (s.role == results::Role::server) {
    RemoteIutServer server(ctx.setup.target);
    run = scenarios::run_scenario(s, ro, &server, nullptr);
    scenarios::apply_client_cert_hint(s, run.reports, run.result);
    return run;
  }
  RemoteIutClient client(ctx.setup.listen_at, std::chrono::milliseconds(ctx.options.remote_timeout_ms),
                         client_connections(s), most_connections(s, client_connections(s)), ctx.prompt);
  return scenarios::run_scenario(s, ro, nullptr, &client);
}

struct ServerRun {
  scenarios::ScenarioRun run;
  std::string start_error;  // the server did not start
  bool unsupported = false; // ... because it exited 89
};

ServerRun against_profile_server(const Unit& u, const UnitFiles& files, const scenarios::RunOptions& ro,
                                 std::chrono::milliseconds unit_timeout) {
  const auto& s = *u.scenario;
  ServerRun out;
  CommandIutServer server(*u.profile, u.configs, files);
  if (out.start_error = server.start(); !out.start_error.empty()) {
    out.unsupported = server.exited_unsupported();
    return out;
  }
  auto& run = out.run;
  run = scenarios::run_scenario(s, ro, &server, nullptr);
  const IutFate fate = server.finish(iut_closed_last(run) ? kExitGrace : std::chrono::milliseconds(0));
  if (fate.ended && fate.status != "exit 0" && !fate.crashed) {
    run.result.observations["iut_exit"] = fate.status;
    if (run.result.verdict == Verdict::pass) run.result.deviation += " (the IUT server ended: " + fate.status + ")";
  }
  add_iut_diagnosis(run.result, tls_reports(s, run), {"the IUT server", fate, false, 0, ro.env.io_timeout, unit_timeout});
  return out;
}

scenarios::ScenarioRun against_profile_client(const Unit& u, const UnitFiles& files, const scenarios::RunOptions& ro,
                                              std::chrono::milliseconds unit_timeout) {
  const auto& s = *u.scenario;
  CommandIutClient client(*u.profile, u.configs, files, client_connections(s));
  auto run = scenarios::run_scenario(s, ro, nullptr, &client);
  run.result.observations["iut_client_runs"] = client.runs();
  add_iut_diagnosis(run.result, tls_reports(s, run),
                    {"the IUT client", client.crash(), client.hung(), client.timeout_ms(), ro.env.io_timeout, unit_timeout});
  return run;
}

// Transcripts (pcap + NSS key log + text trace) of every connection we ran, for the results
// someone will want to look at.
void attach_transcripts(const UnitContext& ctx, const fs::path& dir, const scenarios::ScenarioRun& run,
                        results::Result& r) {
  const bool interesting = r.verdict == Verdict::fail || r.verdict == Verdict::warn || r.verdict == Verdict::error;
  if (!ctx.options.keep_transcripts && !interesting) return;
  for (size_t i = 0; i < run.reports.size(); ++i) {
    std::string terr;
    for (const auto& f : write_transcript(dir / "transcripts", "conn" + std::to_string(i + 1), run.reports[i], &terr))
      r.transcripts.push_back(fs::relative(f, ctx.out).string());
  }
}

results::Result run_unit_steps(const UnitContext& ctx, const Unit& u) {
  const auto& s = *u.scenario;
  const auto& p = *u.profile;
  const uint64_t seed = unit_seed(ctx.run_seed, unit_key(p.name, u.config_label, s.id));
  auto base = [&](Verdict v, std::string reason) {
    results::Result r;
    r.scenario = s.id;
    r.role = s.role;
    r.rfc = s.rfc;
    r.seed = seed;
    r.verdict = v;
    r.reason = std::move(reason);
    return r;
  };
  std::set<std::string> capabilities = p.capabilities_in(u.configs);
  bool inapplicable = false;
  if (auto why = cannot_run(ctx, u, capabilities, &inapplicable); !why.empty()) {
    auto r = base(Verdict::skip, why);
    // The readiness report tells "not applicable" from "not tested" by this mark.
    if (inapplicable) r.observations["not_applicable"] = true;
    return r;
  }
  scenarios::RunOptions ro = run_options(ctx, u, seed, std::move(capabilities));
  const auto unit_timeout = arm_deadline(ctx, s, ro);
  const fs::path dir = ctx.out / "units" / file_name_safe(p.name) / file_name_safe(u.config_label) / file_name_safe(s.id);
  UnitFiles files;
  try {
    files = ctx.setup.remote ? UnitFiles{} : prepare_unit(p, u.configs, dir, ctx.pki_vars);
  } catch (const std::exception& e) {
    return base(Verdict::error, e.what());
  }
  scenarios::ScenarioRun run;
  if (ctx.setup.remote) {
    run = against_remote(ctx, s, ro);
  } else if (s.role == results::Role::server) {
    ServerRun sr;
    // A server that cannot bind to 127.0.0.1 only runs, with our client, in a namespace of its own.
    if (p.server->netns) {
      if (auto ns_error = run_in_fresh_netns([&] { sr = against_profile_server(u, files, ro, unit_timeout); });
          !ns_error.empty())
        return base(Verdict::skip, "the IUT server listens on every interface and needs a network namespace: " + ns_error);
    } else {
      sr = against_profile_server(u, files, ro, unit_timeout);
    }
    if (!sr.start_error.empty()) return base(sr.unsupported ? Verdict::skip : Verdict::error, sr.start_error);
    run = std::move(sr.run);
  } else {
    run = against_profile_client(u, files, ro, unit_timeout);
  }
  results::Result r = std::move(run.result);
  attach_transcripts(ctx, dir, run, r);
  return r;
}

}  // namespace

results::Result run_unit(const UnitContext& ctx, const Unit& u) {
  results::Result r = run_unit_steps(ctx, u);
  // Whatever the verdict: the incidents the scenario reproduces, and the persona it ran with.
  r.incidents = u.scenario->incidents;
  if (ctx.setup.persona) r.persona = ctx.setup.persona->name;
  return r;
}

}  // namespace tlsc::harness
