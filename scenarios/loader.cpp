#include "scenarios/loader.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "peers/engine/names.h"
#include "peers/engine/quirks.h"
#include "peers/record/cipher_suite.h"
#include "scenarios/alert_names.h"
#include "scenarios/ftps_quirks.h"
#include "scenarios/peer_json.h"

namespace tlsc::scenarios {
namespace {

using json = nlohmann::ordered_json;
using fields::Where;
using fields::only_fields;
using fields::required;
using fields::str;
using fields::boolean;
using fields::strings;
using fields::one_of;

// Ids name folders (units/<iut>/<config>/<id>/) and CTest tests: printable ASCII without path
// separators or spaces. "" if `id` is one, else what is wrong with it.
std::string id_problem(const std::string& id) {
  for (size_t i = 0; i < id.size(); ++i) {
    const auto c = static_cast<unsigned char>(id[i]);
    const std::string at = " at byte " + std::to_string(i);
    if (c < 0x20 || c == 0x7f) return "control character" + at + " (ids are printable ASCII)";
    if (c == '/' || c == '\\') return "path separator" + at + " (an id names a folder)";
    if (c == ' ' || c >= 0x80) return (c == ' ' ? "space" : "non-ASCII byte") + at + " (ids are printable ASCII)";
  }
  return "";
}

// ---------------------------------------------------------------- matrix expansion
using Binding = std::map<std::string, std::string>;  // placeholder -> text

std::string substitute(std::string s, const Binding& b) {
  for (const auto& [name, value] : b) {
    const std::string token = "{" + name + "}";
    for (size_t at = s.find(token); at != std::string::npos; at = s.find(token, at + value.size()))
      s.replace(at, token.size(), value);
  }
  return s;
}

json substitute(const json& j, const Binding& b) {
  if (j.is_string()) return substitute(j.get<std::string>(), b);
  if (j.is_array()) {
    json out = json::array();
    for (const auto& e : j) out.push_back(substitute(e, b));
    return out;
  }
  if (j.is_object()) {
    json out = json::object();
    for (const auto& [k, v] : j.items()) out[k] = substitute(v, b);
    return out;
  }
  return j;
}

// Every combination of the matrix dimensions. A value is a string (its own label) or an object
// with a "label" and other keys, reachable as {dim.key}.
std::vector<std::pair<Binding, std::map<std::string, std::string>>> expand(const json& matrix, const Where& w) {
  std::vector<std::pair<Binding, std::map<std::string, std::string>>> combos = {{}};
  if (!matrix.is_object()) w.fail("must be an object of arrays");
  for (const auto& [dim, values] : matrix.items()) {
    const Where wd = w.at(dim);
    if (!values.is_array() || values.empty()) wd.fail("must be a non-empty array");
    decltype(combos) next;
    for (const auto& combo : combos) {
      for (size_t i = 0; i < values.size(); ++i) {
        auto c = combo;
        const json& v = values[i];
        if (v.is_string()) {
          c.first[dim] = v.get<std::string>();
          c.second[dim] = v.get<std::string>();
        } else if (v.is_object()) {
          auto label = v.find("label");
          if (label == v.end() || !label->is_string()) wd.index(i).at("label").fail("missing field");
          c.first[dim] = label->get<std::string>();
          c.first[dim + ".label"] = label->get<std::string>();
          c.second[dim] = label->get<std::string>();
          for (const auto& [k, kv] : v.items()) {
            if (k == "label") continue;
            c.first[dim + "." + k] = kv.is_string() ? kv.get<std::string>() : kv.dump();
          }
        } else {
          wd.index(i).fail("must be a string or an object with a label");
        }
        next.push_back(std::move(c));
      }
    }
    combos = std::move(next);
  }
  return combos;
}

// ---------------------------------------------------------------- pieces
Check parse_check(const json& j, const Where& w) {
  only_fields(j, w, {"field", "is", "in", "at_least", "else"});
  Check c;
  c.field = str(required(j, w, "field"), w.at("field"));
  const auto& fields = observation_fields();
  if (std::find(fields.begin(), fields.end(), c.field) == fields.end())
    w.at("field").fail("unknown observation '" + c.field + "'");
  if (int(j.contains("is")) + int(j.contains("in")) + int(j.contains("at_least")) != 1)
    w.fail("needs exactly one of 'is', 'in' and 'at_least'");
  if (j.contains("is")) c.is = j["is"].dump();
  if (j.contains("in")) {
    if (!j["in"].is_array() || j["in"].empty()) w.at("in").fail("must be a non-empty array");
    for (const auto& v : j["in"]) c.in.push_back(v.dump());
  }
  if (j.contains("at_least")) {
    if (!j["at_least"].is_number_integer()) w.at("at_least").fail("must be an integer");
    c.at_least = j["at_least"].get<long long>();
  }
  if (j.contains("else")) c.otherwise = str(j["else"], w.at("else"));
  return c;
}

// The array `j`, each element by `parse_one(element, where)`.
template <class Parse>
auto parse_each(const json& j, const Where& w, Parse parse_one) {
  if (!j.is_array()) w.fail("must be an array");
  std::vector<decltype(parse_one(j, w))> out;
  for (size_t i = 0; i < j.size(); ++i) out.push_back(parse_one(j[i], w.index(i)));
  return out;
}

std::vector<Check> parse_checks(const json& j, const Where& w) { return parse_each(j, w, parse_check); }

Expect parse_expect_name(const json& j, const Where& w) {
  const std::string s = one_of(j, w, {"complete", "resumed", "full", "abort", "complete-or-abort", "any"});
  if (s == "complete") return Expect::kComplete;
  if (s == "complete-or-abort") return Expect::kCompleteOrAbort;
  if (s == "resumed") return Expect::kResumed;
  if (s == "full") return Expect::kFull;
  if (s == "abort") return Expect::kAbort;
  return Expect::kAny;
}

std::vector<std::string> parse_alerts(const json& j, const Where& w) {
  auto names = strings(j, w);
  for (size_t i = 0; i < names.size(); ++i) {
    if (!alert_from_name(names[i])) w.index(i).fail("unknown alert '" + names[i] + "'");
  }
  return names;
}

// {"peer": {...}, "quirks": {...}, "when": "complete"}: a re-run of one connection.
Rerun parse_rerun(const json& j, const Where& w, Role role, std::initializer_list<const char*> also = {}) {
  if (!j.is_object()) w.fail("must be an object");
  for (const auto& [key, value] : j.items()) {
    (void)value;
    const bool extra = std::any_of(also.begin(), also.end(), [&](const char* a) { return key == a; });
    if (!extra && key != "peer" && key != "quirks" && key != "when") w.at(key).fail("unknown field");
  }
  Rerun r;
  if (j.contains("peer")) r.peer = parse_peer(j["peer"], w.at("peer"), role);
  if (j.contains("quirks")) r.quirks = parse_quirks(j["quirks"], w.at("quirks"), role);
  r.when = parse_expect_name(required(j, w, "when"), w.at("when"));
  return r;
}

Expectation parse_expectation(const json& j, const Where& w, Role role) {
  only_fields(j, w, {"outcome", "alerts", "checks", "reached", "confirm"});
  Expectation e;
  e.outcome = parse_expect_name(required(j, w, "outcome"), w.at("outcome"));
  if (j.contains("alerts")) {
    if (e.outcome != Expect::kAbort) w.at("alerts").fail("only an 'abort' outcome names alerts");
    e.alerts = parse_alerts(j["alerts"], w.at("alerts"));
  }
  if (j.contains("checks")) e.checks = parse_checks(j["checks"], w.at("checks"));
  if (j.contains("reached")) e.reached = parse_checks(j["reached"], w.at("reached"));
  if (j.contains("confirm")) {
    if (e.reached.empty()) w.at("confirm").fail("confirms the cause of a 'reached' precondition; there is none");
    Expectation::Confirm c;
    static_cast<Rerun&>(c) = parse_rerun(j["confirm"], w.at("confirm"), role, {"because"});
    c.because = str(required(j["confirm"], w.at("confirm"), "because"), w.at("confirm").at("because"));
    e.confirm = std::move(c);
  }
  return e;
}

std::optional<Outcome> parse_outcome(const json& j, const Where& w) {
  const std::string s = one_of(j, w, {"resumed", "full", "alert", "closed", "timeout", "peer-abort", "any"});
  for (auto o : {Outcome::kResumed, Outcome::kFull, Outcome::kAlert, Outcome::kClosed, Outcome::kTimeout, Outcome::kPeerAbort})
    if (to_string(o) == s) return o;
  return std::nullopt;  // "any"
}

// An `otherwise` rule. Its diagnosis claims a cause, so it must name the evidence for it where the
// outcome has evidence of its own: our peer's error for peer-abort (and for "any", which covers
// it); a rule that only turns an alternative into a pass or skip claims no fault.
Rule parse_rule(const json& j, const Where& w) {
  only_fields(j, w, {"outcome", "verdict", "diagnosis", "errors", "alerts", "evidence"});
  Rule r;
  r.when = parse_outcome(required(j, w, "outcome"), w.at("outcome"));
  const std::string v = one_of(required(j, w, "verdict"), w.at("verdict"), {"pass", "fail", "warn", "skip"});
  r.verdict = *results::parse_verdict(v);
  r.diagnosis = str(required(j, w, "diagnosis"), w.at("diagnosis"));
  if (j.contains("errors")) {
    const auto names = strings(j["errors"], w.at("errors"));
    for (size_t i = 0; i < names.size(); ++i) {
      auto e = engine::error_from_name(names[i]);
      if (!e) w.at("errors").index(i).fail("unknown engine error '" + names[i] + "' (peers/engine/errors.cpp)");
      r.errors.push_back(*e);
    }
  }
  if (j.contains("alerts")) r.alerts = parse_alerts(j["alerts"], w.at("alerts"));
  if (j.contains("evidence")) r.evidence = parse_checks(j["evidence"], w.at("evidence"));
  const bool claims_fault = r.verdict == Verdict::fail || r.verdict == Verdict::warn;
  const bool abort_class = !r.when || *r.when == Outcome::kPeerAbort;
  if (claims_fault && abort_class && r.errors.empty())
    w.at("errors").fail("a fail/warn rule for outcome '" + std::string(r.when ? to_string(*r.when) : "any") +
                        "' must name the engine errors its diagnosis explains");
  if (!r.errors.empty() && r.when && *r.when != Outcome::kPeerAbort)
    w.at("errors").fail("only a 'peer-abort' or 'any' rule names engine errors");
  if (!r.alerts.empty() && r.when && *r.when != Outcome::kAlert)
    w.at("alerts").fail("only an 'alert' or 'any' rule names alerts");
  return r;
}

RfcRef parse_rfc(const json& j, const Where& w) {
  only_fields(j, w, {"rfc", "section", "level", "requirement", "interpretation"});
  RfcRef r;
  r.rfc = str(required(j, w, "rfc"), w.at("rfc"));
  r.section = str(required(j, w, "section"), w.at("section"));
  r.level = one_of(required(j, w, "level"), w.at("level"), {"MUST", "MUST NOT", "SHOULD", "SHOULD NOT", "MAY"});
  r.requirement = str(required(j, w, "requirement"), w.at("requirement"));
  if (j.contains("interpretation")) r.interpretation = str(j["interpretation"], w.at("interpretation"));
  return r;
}

// A scenario-level "ftps" object (protocol "ftps" only). Our peer is the FTPS client when the IUT
// is the server: passive, auth and FtpsClientQuirks apply; otherwise require_reuse and
// FtpsServerQuirks.
FtpsSettings parse_ftps(const json& j, const Where& w, Role iut_role) {
  only_fields(j, w, {"require_reuse", "passive", "auth", "quirks"});
  const bool we_are_client = iut_role == Role::server;
  FtpsSettings f;
  for (const char* c : {"passive", "auth"})
    if (!we_are_client && j.contains(c)) w.at(c).fail("applies to our FTPS client only (the IUT is the client here)");
  if (we_are_client && j.contains("require_reuse"))
    w.at("require_reuse").fail("applies to our FTPS server only (the IUT is the server here)");
  if (j.contains("require_reuse")) f.require_reuse = boolean(j["require_reuse"], w.at("require_reuse"));
  if (j.contains("passive"))
    f.passive = one_of(j["passive"], w.at("passive"), {"pasv", "epsv"}) == "epsv" ? ftps::PassiveMode::kEpsv
                                                                                 : ftps::PassiveMode::kPasv;
  if (j.contains("auth")) f.auth = one_of(j["auth"], w.at("auth"), {"TLS", "SSL"});
  if (j.contains("quirks")) {
    const Where wq = w.at("quirks");
    if (!j["quirks"].is_object()) wq.fail("must be an object of FTPS quirk names to values");
    for (const auto& [name, value] : j["quirks"].items()) {
      const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
      std::string why;
      const bool ok = we_are_client ? [&] { ftps::FtpsClientQuirks q; return set_ftps_quirk(q, name, text, &why); }()
                                    : [&] { ftps::FtpsServerQuirks q; return set_ftps_quirk(q, name, text, &why); }();
      if (!ok) wq.at(name).fail(why);
      f.quirks[name] = text;
    }
  }
  return f;
}

// id, title and role; the id must read family.case[.variant].srv|cli. Returns `w` for the
// scenario's own fields (named by its id).
Where parse_identity(const json& j, const Where& w0, const std::string& family, Scenario& s) {
  Where w = w0;
  s.id = str(required(j, w, "id"), w.at("id"));
  if (auto bad = id_problem(s.id); !bad.empty()) w.at("id").fail(bad);
  w.id = s.id;
  w.path.clear();
  if (s.id.find('{') != std::string::npos) w.at("id").fail("placeholder without a matrix dimension");
  s.title = str(required(j, w, "title"), w.at("title"));
  s.family = family;
  const std::string role = one_of(required(j, w, "role"), w.at("role"), {"server", "client"});
  s.role = role == "server" ? Role::server : Role::client;
  // Ids read family.case[.variant].role with role srv (IUT is the server) or cli.
  if (s.id.rfind(family + ".", 0) != 0) w.at("id").fail("must start with the family '" + family + ".'");
  const std::string suffix = s.role == Role::server ? ".srv" : ".cli";
  if (s.id.size() < suffix.size() || s.id.compare(s.id.size() - suffix.size(), suffix.size(), suffix) != 0)
    w.at("id").fail("must end with '" + suffix + "' for role " + role);
  return w;
}

// protocol (the file's unless the scenario names one) and the FTPS settings it allows.
void parse_protocol(const json& j, const Where& w, const std::string& file_protocol, Scenario& s) {
  s.protocol = file_protocol;
  if (j.contains("protocol")) s.protocol = one_of(j["protocol"], w.at("protocol"), {"tls", "ftps"});
  const bool ftps = s.protocol == "ftps";
  if (j.contains("ftps")) {
    if (!ftps) w.at("ftps").fail("only for a scenario with protocol 'ftps'");
    s.ftps = parse_ftps(j["ftps"], w.at("ftps"), s.role);
  }
  if (ftps)
    for (const char* f : {"probes", "fallback", "statistical"})
      if (j.contains(f)) w.at(f).fail("not supported for protocol 'ftps'");
}

// connections[i] of the scenario `s` (at `w`). RFC 4217: in an FTPS scenario connections[0] is
// the control connection, the others its data connections.
Connection parse_connection(const json& conns, size_t i, const Where& w, const Scenario& s) {
  const json& jc = conns[i];
  const Where wc = w.at("connections").index(i);
  only_fields(jc, wc, {"peer", "quirks", "expect", "transfer"});
  Connection c;
  const bool ftps = s.protocol == "ftps";
  const bool data = ftps && i > 0;
  if (jc.contains("transfer")) {
    if (!ftps) wc.at("transfer").fail("only for FTPS data connections (protocol 'ftps')");
    if (i == 0) wc.at("transfer").fail("connections[0] is the FTPS control connection, which has no transfer");
    c.transfer = ftps::parse_transfer_kind(one_of(jc["transfer"], wc.at("transfer"), {"LIST", "RETR", "STOR"}));
  } else if (data && s.role == Role::server) {
    wc.at("transfer").fail("missing field (an FTPS data connection of our client says LIST, RETR or STOR)");
  }
  if (jc.contains("peer")) c.peer = parse_peer(jc["peer"], wc.at("peer"), s.role, data);
  if (jc.contains("quirks")) c.quirks = parse_quirks(jc["quirks"], wc.at("quirks"), s.role);
  c.expect = parse_expectation(required(jc, wc, "expect"), wc.at("expect"), s.role);
  if (i == 0 && c.peer.resume) wc.at("peer").at("resume").fail("the first connection has no session to resume");
  if (ftps && i == 0 && conns.size() < 2) w.at("connections").fail("an FTPS scenario needs the control connection and at least one data connection");
  return c;
}

Probe parse_probe(const json& j, const Where& w, Role role) {
  Probe p;
  static_cast<Rerun&>(p) = parse_rerun(j, w, role, {"diagnosis"});
  p.diagnosis = str(required(j, w, "diagnosis"), w.at("diagnosis"));
  return p;
}

Fallback parse_fallback(const json& f, const Where& wf, Role role) {
  only_fields(f, wf, {"peer", "quirks", "max_attempts"});
  Fallback fb;
  if (f.contains("peer")) fb.peer = parse_peer(f["peer"], wf.at("peer"), role);
  if (f.contains("quirks")) fb.quirks = parse_quirks(f["quirks"], wf.at("quirks"), role);
  const json& n = required(f, wf, "max_attempts");
  // Compared as a 64-bit value: get<int>() would wrap 4294967297 to 1 and accept it.
  if (!n.is_number_integer() || n.get<long long>() < 1 || n.get<long long>() > 100000)
    wf.at("max_attempts").fail("must be an integer from 1 to 100000");
  fb.max_attempts = n.get<int>();
  return fb;
}

Scenario parse_scenario(const json& j, const Where& w0, const std::string& family, const std::string& file_protocol) {
  only_fields(j, w0, {"id", "title", "role", "rfc", "requires", "iut_config", "connections", "otherwise", "probes",
                      "fallback", "control", "slow", "statistical", "matrix", "protocol", "ftps", "incidents"});
  Scenario s;
  const Where w = parse_identity(j, w0, family, s);
  const json& rfc = required(j, w, "rfc");
  if (!rfc.is_array() || rfc.empty()) w.at("rfc").fail("must be a non-empty array");
  for (size_t i = 0; i < rfc.size(); ++i) s.rfc.push_back(parse_rfc(rfc[i], w.at("rfc").index(i)));
  if (j.contains("requires")) s.requires_caps = strings(j["requires"], w.at("requires"));
  if (j.contains("iut_config")) s.iut_config = str(j["iut_config"], w.at("iut_config"));
  parse_protocol(j, w, file_protocol, s);
  const json& conns = required(j, w, "connections");
  if (!conns.is_array() || conns.empty()) w.at("connections").fail("must be a non-empty array");
  for (size_t i = 0; i < conns.size(); ++i)
    s.connections.push_back(parse_connection(conns, i, w, s));
  if (j.contains("otherwise")) s.otherwise = parse_each(j["otherwise"], w.at("otherwise"), parse_rule);
  const auto probe_for_role = [&](const json& p, const Where& wp) { return parse_probe(p, wp, s.role); };
  if (j.contains("probes")) s.probes = parse_each(j["probes"], w.at("probes"), probe_for_role);
  if (j.contains("fallback")) s.fallback = parse_fallback(j["fallback"], w.at("fallback"), s.role);
  if (j.contains("control")) s.control = parse_rerun(j["control"], w.at("control"), s.role);
  if (j.contains("slow")) s.slow = boolean(j["slow"], w.at("slow"));
  if (j.contains("statistical")) s.statistical = boolean(j["statistical"], w.at("statistical"));
  if (j.contains("incidents")) {
    s.incidents = strings(j["incidents"], w.at("incidents"));
    for (size_t i = 0; i < s.incidents.size(); ++i)
      if (s.incidents[i].find('/') == std::string::npos)
        w.at("incidents").index(i).fail("'" + s.incidents[i] + "' is not <incident>/<class>");
  }
  return s;
}

}  // namespace

std::vector<Scenario> load_catalog_text(const std::string& text, const std::string& file) {
  const json doc = fields::parse_text(text, file);
  const Where w{file, "", ""};
  only_fields(doc, w, {"family", "title", "scenarios", "protocol"});
  const std::string family = str(required(doc, w, "family"), w.at("family"));
  // The file's protocol is every scenario's unless the scenario says otherwise.
  const std::string protocol = doc.contains("protocol") ? one_of(doc["protocol"], w.at("protocol"), {"tls", "ftps"}) : "tls";
  const json& list = required(doc, w, "scenarios");
  if (!list.is_array()) w.at("scenarios").fail("must be an array");
  std::vector<Scenario> out;
  std::set<std::string> ids;
  for (size_t i = 0; i < list.size(); ++i) {
    const json& tmpl = list[i];
    const Where wi{file, tmpl.is_object() && tmpl.contains("id") && tmpl["id"].is_string() ? tmpl["id"].get<std::string>() : "scenarios[" + std::to_string(i) + "]", ""};
    if (!tmpl.is_object()) wi.fail("must be an object");
    std::vector<std::pair<Binding, std::map<std::string, std::string>>> combos = {{}};
    if (tmpl.contains("matrix")) combos = expand(tmpl["matrix"], wi.at("matrix"));
    for (const auto& [binding, labels] : combos) {
      json concrete = substitute(tmpl, binding);
      concrete.erase("matrix");
      Scenario s = parse_scenario(concrete, wi, family, protocol);
      s.variant = labels;
      s.file = file;
      if (!ids.insert(s.id).second) Where{file, s.id, "id"}.fail("duplicate scenario id");
      out.push_back(std::move(s));
    }
  }
  return out;
}

std::vector<Scenario> load_catalog(const std::filesystem::path& dir) {
  std::error_code ec;
  const auto files = fields::json_files(dir, "catalog");
  std::vector<Scenario> all;
  std::map<std::string, std::string> seen;  // id -> file
  for (const auto& f : files) {
    // A catalog file is tens of KiB: one over 1 MiB is refused before it is read (bounded input).
    constexpr uintmax_t kMaxFileBytes = uintmax_t{1} << 20;
    if (const auto size = std::filesystem::file_size(f, ec); !ec && size > kMaxFileBytes)
      throw LoadError(f.string() + ": " + std::to_string(size) + " bytes, over the 1 MiB limit of a catalog file: not read");
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    for (auto& s : load_catalog_text(ss.str(), f.string())) {
      auto [it, fresh] = seen.emplace(s.id, f.string());
      if (!fresh) throw LoadError(f.string() + ": " + s.id + ": id: duplicate scenario id (also in " + it->second + ")");
      all.push_back(std::move(s));
    }
  }
  return all;
}

std::filesystem::path default_catalog_dir() {
  if (const char* env = std::getenv("TLSC_CATALOG")) return env;
  return std::filesystem::path(TLSC_SOURCE_DIR) / "scenarios" / "catalog";
}

}  // namespace tlsc::scenarios
