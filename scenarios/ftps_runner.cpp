#include "scenarios/ftps_runner.h"

#include <algorithm>

#include "peers/ftps/control.h"
#include "scenarios/ftps_payload.h"
#include "scenarios/ftps_quirks.h"
#include "scenarios/judge.h"
#include "scenarios/observe.h"

namespace tlsc::scenarios {
namespace {

using json = nlohmann::ordered_json;

std::string upload_path(const FtpLogin& login) {
  std::string dir = login.upload_dir;
  while (!dir.empty() && dir.back() == '/') dir.pop_back();
  const std::string name = login.upload_name.empty() ? std::string(ftps_payload::kUploadName) : login.upload_name;
  return dir.empty() ? name : dir + "/" + name;
}

std::string verb_of(const std::string& command) { return command.substr(0, command.find(' ')); }

bool positive(int code) { return code >= 200 && code < 300; }

// "transferred" (a 2yz completion and, where known, the right bytes), "corrupted" (2yz but the
// SHA-256 differs), "refused" (a 4yz/5yz reply, e.g. 522 or 425), "no-reply".
std::string transfer_result(int final_code, const std::optional<bool>& checksum) {
  if (positive(final_code)) return checksum == false ? "corrupted" : "transferred";
  if (final_code >= 400 && final_code < 600) return "refused";
  return "no-reply";
}

json data_observations(const std::string& verb, int preliminary, int final_code, bool handshake_complete,
                       bool resumed_control, engine::ResumedBy by, bool ems_control, bool ems_data,
                       const std::optional<bool>& checksum, size_t bytes) {
  json o;
  o["transfer"] = verb;
  o["preliminary_code"] = preliminary;
  o["final_code"] = final_code;
  o["resumed_control_session"] = resumed_control;
  o["resumed_by"] = by == engine::ResumedBy::kNone ? "none" : std::string(engine::to_string(by));
  o["ems_control"] = ems_control;
  o["ems_data"] = handshake_complete ? json(ems_data) : json(nullptr);  // a handshake that did not complete has none
  o["checksum_match"] = checksum ? json(*checksum) : json(nullptr);
  o["bytes"] = bytes;
  const std::string result = transfer_result(final_code, checksum);
  o["transfer_result"] = result;
  // The server's reuse policy, as far as this connection shows it (RFC 4217 10 leaves it to the
  // server): a handshake that did not resume the control session and a refused transfer.
  if (handshake_complete && !resumed_control && (result == "refused" || result == "transferred"))
    o["requires_session_reuse"] = result == "refused";
  else
    o["requires_session_reuse"] = nullptr;
  return o;
}

json control_observations(int auth, int login, int pbsz, int prot, int quit, bool plaintext, const std::string& line) {
  json o;
  o["auth_code"] = auth;
  o["login_code"] = login;
  o["pbsz_code"] = pbsz;
  o["prot_code"] = prot;
  o["quit_code"] = quit;
  o["plaintext_on_tls_control"] = plaintext;
  o["plaintext_line"] = line;
  return o;
}

// Our server's reply to the first command starting with `verb` (the replies are in order, after
// the 220 greeting; a data command has its 1yz and its completion reply).
int server_reply_to(const ftps::FtpsServerReport& r, std::string_view verb) {
  size_t k = 1;
  for (const auto& cmd : r.commands) {
    if (k >= r.reply_codes.size()) return 0;
    const int code = r.reply_codes[k++];
    if (code >= 100 && code < 200 && k < r.reply_codes.size()) ++k;
    if (cmd.rfind(verb, 0) == 0) return code;
  }
  return 0;
}

ftps::DataResume data_resume_of(const Scenario& s, const Connection& c) {
  using engine::ResumedBy;
  const ResumedBy how =
      c.peer.resume.value_or(s.connections[0].peer.tickets.value_or(false) ? ResumedBy::kTicket : ResumedBy::kSessionId);
  switch (how) {
    case ResumedBy::kTicket: return ftps::DataResume::kTicket;
    case ResumedBy::kNone: return ftps::DataResume::kNone;
    case ResumedBy::kSessionId: break;
  }
  return ftps::DataResume::kSessionId;
}

// Our client's data connection `c`: its engine quirks (settings such as ems=false become quirks).
engine::ClientQuirks data_client_quirks(const Connection& c, const RunOptions& o, uint64_t seed) {
  PeerSettings p = c.peer;
  p.resume.reset();
  return client_config(p, c.quirks, o.env, seed, std::nullopt).quirks;
}

ScenarioRun run_against_server(const Scenario& s, const RunOptions& o, IutServer* iut) {
  ScenarioRun run;
  ftps::FtpsClientConfig c;
  c.host = iut->host();
  c.port = iut->port();
  c.auth = s.ftps.auth;
  c.user = o.ftp.user;
  c.password = o.ftp.password;
  c.passive = s.ftps.passive;
  c.reply_timeout = o.env.io_timeout;
  c.control_tls = client_config(s.connections[0].peer, s.connections[0].quirks, o.env, o.seed, std::nullopt);
  PeerSettings data_base;
  data_base.tickets = s.connections[0].peer.tickets;
  c.data_tls = client_config(data_base, {}, o.env, o.seed + 1, std::nullopt);
  c.transfers = ftps_transfers(s, o.ftp);
  for (size_t i = 1; i < s.connections.size(); ++i)
    c.transfers[i - 1].tls_quirks = data_client_quirks(s.connections[i], o, o.seed + i);
  for (const auto& [name, value] : s.ftps.quirks) {
    std::string why;
    if (!set_ftps_quirk(c.quirks, name, value, &why)) throw std::runtime_error(why);  // validated at load
  }
  const auto report = ftps::run_ftps_client(c);
  run.reports.push_back(report.control);
  for (const auto& d : report.transfers) run.reports.push_back(d.tls);
  FtpsSessionView v = view_client_session(s, report);
  if (!v.infra.empty())
    if (auto health = iut->health(); !health.empty()) v.infra += " (" + health + ")";
  judge_ftps(s, v, run.result);
  return run;
}

ScenarioRun run_against_client(const Scenario& s, const RunOptions& o, IutClient* client) {
  ScenarioRun run;
  auto state = std::make_shared<engine::ServerState>(o.seed);
  ftps::FtpsServerConfig cfg;
  cfg.control_tls = server_config(s.connections[0].peer, s.connections[0].quirks, o.env, o.seed, state);
  cfg.data_tls = server_config(s.connections[1].peer, s.connections[1].quirks, o.env, o.seed + 1, state);
  for (size_t i = 1; i < s.connections.size(); ++i)
    cfg.data_quirks[static_cast<int>(i - 1)] =
        server_config(s.connections[i].peer, s.connections[i].quirks, o.env, o.seed + i, state).quirks;
  cfg.require_reuse = s.ftps.require_reuse;
  for (const auto& [name, value] : s.ftps.quirks) {
    std::string why;
    if (!set_ftps_quirk(cfg.quirks, name, value, &why)) throw std::runtime_error(why);  // validated at load
  }
  cfg.files->put(std::string(ftps_payload::kDownloadName), ftps_payload::download());
  cfg.data_timeout = o.env.io_timeout;
  cfg.command_timeout = std::max(o.env.io_timeout, std::chrono::milliseconds(o.accept_timeout));
  // The IUT client may open several control connections (one per command line, like curl's).
  ftps::FtpsLoopbackServer server(cfg, 16);
  if (!server.error().empty()) {
    run.result.verdict = results::Verdict::error;
    run.result.reason = "cannot listen on 127.0.0.1: " + server.error();
    return run;
  }
  const std::string problem = client->connect(server.port(), 0, false);
  const auto reports = server.stop();
  for (const auto& r : reports) {
    run.reports.push_back(r.control);
    for (const auto& d : r.data) run.reports.push_back(d.tls);
  }
  FtpsSessionView v = view_server_session(s, reports, client->read_file(std::string(ftps_payload::kDownloadedName)));
  if (!problem.empty() && reports.empty()) v.infra = "the IUT client did not connect: " + problem;
  judge_ftps(s, v, run.result);
  return run;
}

}  // namespace

std::vector<ftps::Transfer> ftps_transfers(const Scenario& s, const FtpLogin& login) {
  std::vector<ftps::Transfer> out;
  const std::string up = upload_path(login);
  bool stored = false;
  for (size_t i = 1; i < s.connections.size(); ++i) {
    const auto& c = s.connections[i];
    ftps::Transfer t;
    if (c.transfer == ftps::Transfer::Kind::kList) {
      t.kind = ftps::Transfer::Kind::kList;
    } else if (c.transfer == ftps::Transfer::Kind::kStor) {
      t.kind = ftps::Transfer::Kind::kStor;
      t.path = up;
      t.upload = ftps_payload::upload();
      stored = true;
    } else {
      // RETR: the served file, or (after a STOR) the upload fetched back.
      t.kind = ftps::Transfer::Kind::kRetr;
      t.path = stored ? up : std::string(ftps_payload::kDownloadName);
      t.expect_sha256 = ftps::sha256_hex(stored ? ftps_payload::upload() : ftps_payload::download());
    }
    t.resume = data_resume_of(s, c);
    out.push_back(std::move(t));
  }
  return out;
}

FtpsSessionView view_client_session(const Scenario& s, const ftps::FtpsClientReport& r) {
  FtpsSessionView v;
  v.plaintext_on_tls_control = r.plaintext_on_tls_control;
  v.plaintext_line = r.plaintext_line;
  v.session_error = r.error;
  if (!r.connected) {
    v.infra = "cannot connect to the IUT server: " + r.error;
    return v;
  }
  FtpsConnectionView control;
  control.label = "control";
  control.happened = r.auth_accepted;
  control.missing = r.error;
  control.tls = r.control;
  const int login = r.code_of("PASS") ? r.code_of("PASS") : r.code_of("USER");
  control.ftps = control_observations(r.code_of("AUTH"), login, r.code_of("PBSZ"), r.code_of("PROT"), r.quit_code,
                                      r.plaintext_on_tls_control, r.plaintext_line);
  v.connections.push_back(std::move(control));
  for (size_t i = 1; i < s.connections.size(); ++i) {
    FtpsConnectionView c;
    c.label = "data: " + std::string(ftps::to_string(s.connections[i].transfer.value_or(ftps::Transfer::Kind::kRetr)));
    if (i - 1 >= r.transfers.size()) {
      c.missing = "our client's FTP session ended before this transfer" + (r.error.empty() ? "" : ": " + r.error);
      v.connections.push_back(std::move(c));
      continue;
    }
    const auto& d = r.transfers[i - 1];
    c.label = "data: " + d.command;
    c.happened = d.connected;
    c.missing = d.error.empty() ? "no data connection" : d.error;
    c.tls = d.tls;
    std::optional<bool> checksum;
    if (positive(d.final_code) && d.expect_sha256) checksum = d.checksum_match;
    if (verb_of(d.command) == "STOR" && positive(d.final_code)) {
      // What the server stored is what a later RETR of the same path brings back.
      const std::string path = d.command.substr(5);
      for (size_t k = i; k < r.transfers.size(); ++k)
        if (r.transfers[k].command == "RETR " + path && positive(r.transfers[k].final_code)) {
          checksum = r.transfers[k].checksum_match;
          break;
        }
    }
    c.ftps = data_observations(verb_of(d.command), d.preliminary_code, d.final_code, d.tls.handshake_complete,
                               d.same_master_secret_as_control, d.resumed, d.ems_control, d.ems_data, checksum,
                               d.data.size());
    v.connections.push_back(std::move(c));
  }
  return v;
}

FtpsSessionView view_server_session(const Scenario& s, const std::vector<ftps::FtpsServerReport>& reports,
                                    const std::optional<std::vector<uint8_t>>& downloaded) {
  FtpsSessionView v;
  if (reports.empty()) {
    v.infra = "the IUT client did not connect";
    return v;
  }
  const auto& first = reports.front();
  v.session_error = first.error;
  if (downloaded)
    v.download_checksum = ftps::sha256_hex(*downloaded) == ftps::sha256_hex(ftps_payload::download()) ? "match" : "mismatch";
  FtpsConnectionView control;
  control.label = "control";
  control.happened = first.tls;
  control.missing = "the IUT client did not start TLS with AUTH TLS (RFC 4217 4); commands:";
  for (const auto& c : first.commands) control.missing += " " + c;
  control.tls = first.control;
  const int login = server_reply_to(first, "PASS") ? server_reply_to(first, "PASS") : server_reply_to(first, "USER");
  control.ftps = control_observations(server_reply_to(first, "AUTH"), login, server_reply_to(first, "PBSZ"),
                                      server_reply_to(first, "PROT"), server_reply_to(first, "QUIT"), false, "");
  v.connections.push_back(std::move(control));
  std::vector<const ftps::ServerDataReport*> data;
  for (const auto& r : reports)
    for (const auto& d : r.data) data.push_back(&d);
  const std::string upload_sha = ftps::sha256_hex(ftps_payload::upload());
  for (size_t i = 1; i < s.connections.size(); ++i) {
    FtpsConnectionView c;
    const auto& t = s.connections[i].transfer;
    c.label = "data" + (t ? ": " + std::string(ftps::to_string(*t)) : std::string());
    if (i - 1 >= data.size()) {
      c.missing = "the IUT client opened " + std::to_string(data.size()) + " data connection(s), not " +
                  std::to_string(s.connections.size() - 1) + (first.error.empty() ? "" : " (" + first.error + ")");
      v.connections.push_back(std::move(c));
      continue;
    }
    const auto& d = *data[i - 1];
    c.label = "data: " + d.command;
    c.happened = d.accepted;
    c.missing = "the IUT client did not connect to the passive port for " + d.command;
    c.tls = d.tls;
    const std::string verb = verb_of(d.command);
    std::optional<bool> checksum;
    if (positive(d.final_code) && verb == "STOR") checksum = ftps::sha256_hex(d.data) == upload_sha;
    if (positive(d.final_code) && verb == "RETR" && downloaded) checksum = v.download_checksum == "match";
    c.ftps = data_observations(verb, d.accepted ? 150 : 0, d.final_code, d.tls.handshake_complete,
                               d.resumed_control_session, d.tls.resumed, d.ems_control, d.ems_data, checksum,
                               d.data.size());
    v.connections.push_back(std::move(c));
  }
  return v;
}

void judge_ftps(const Scenario& s, const FtpsSessionView& v, results::Result& res) {
  if (!v.infra.empty()) {
    res.verdict = results::Verdict::error;
    res.reason = v.infra;
    return;
  }
  // Judge the connections that happened, in order; the first that did not ends the list.
  std::vector<engine::ConnectionReport> reports;
  std::vector<json> extra;
  std::vector<std::string> labels;
  size_t n = 0;
  while (n < v.connections.size() && n < s.connections.size() && v.connections[n].happened) {
    reports.push_back(v.connections[n].tls);
    extra.push_back(v.connections[n].ftps);
    labels.push_back(v.connections[n].label);
    ++n;
  }
  const Judgement j = judge(s, reports, extra, labels);
  if (j.ok && n < s.connections.size()) {
    const auto& c = n < v.connections.size() ? v.connections[n] : FtpsConnectionView{};
    res.verdict = s.strength() == Strength::kMust ? results::Verdict::fail : results::Verdict::warn;
    res.reason = "connection " + std::to_string(n + 1) + " of " + std::to_string(s.connections.size()) +
                 (c.label.empty() ? "" : " (" + c.label + ")") + ": did not happen: " + c.missing;
    res.diagnosis = n == 0 ? "the FTPS control connection did not get to TLS"
                           : "the FTP session ended before data connection " + std::to_string(n) + " of " +
                                 std::to_string(s.connections.size() - 1);
  } else {
    apply_judgement(s, j, res);
  }
  // RFC 4217 4: after AUTH the control connection is TLS only. Clear text there is a fail of its
  // own, whatever the scenario.
  if (v.plaintext_on_tls_control) {
    const std::string what = "the IUT wrote '" + v.plaintext_line +
                             "' in clear text on the TLS-protected control channel (RFC 4217 4)";
    if (res.verdict != results::Verdict::pass) res.observations["verdict_before_plaintext"] = res.reason;
    res.verdict = results::Verdict::fail;
    res.reason = what;
    res.diagnosis = what;
    res.deviation.clear();
  }

  json conns = json::array();
  int handshakes = 0;
  json reuse = nullptr;
  for (size_t i = 0; i < v.connections.size(); ++i) {
    const auto& c = v.connections[i];
    json o;
    if (c.happened) {
      o = observe(c.tls);
      for (const auto& [k, val] : c.ftps.items()) o[k] = val;
      o["outcome"] = std::string(to_string(classify(c.tls)));
      handshakes += std::max(c.tls.handshakes, 1);
      if (reuse.is_null() && o.contains("requires_session_reuse")) reuse = o["requires_session_reuse"];
    } else {
      o = c.ftps;
      o["outcome"] = "none";
      o["missing"] = c.missing;
    }
    o["connection"] = c.label;
    conns.push_back(o);
  }
  res.observations["connections"] = conns;
  res.observations["handshakes"] = handshakes;
  res.observations["reached"] = j.reached;
  res.observations["requires_session_reuse"] = reuse;
  if (s.role == Role::client) res.observations["download_checksum"] = v.download_checksum;
  res.observations["plaintext_on_tls_control"] = v.plaintext_on_tls_control;
  if (!v.session_error.empty()) res.observations["ftp_session_error"] = v.session_error;
}

ScenarioRun run_ftps_scenario(const Scenario& s, const RunOptions& opts, IutServer* iut, IutClient* client) {
  return s.role == Role::server ? run_against_server(s, opts, iut) : run_against_client(s, opts, client);
}

}  // namespace tlsc::scenarios
