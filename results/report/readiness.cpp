#include "results/report/readiness.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "results/report/escape.h"

namespace tlsc::results {
namespace {

using json = nlohmann::ordered_json;

std::string fill(std::string text, const std::string& key, const std::string& value) {
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
    text.replace(at, key.size(), value);
  return text;
}

std::string text_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

// The connection a verdict is about: the violation's, else the last one.
const json* judged_connection(const Result& r) {
  auto conns = r.observations.find("connections");
  if (conns == r.observations.end() || !conns->is_array() || conns->empty()) return nullptr;
  size_t k = conns->size();
  if (auto v = r.observations.find("violation"); v != r.observations.end() && v->is_object()) {
    auto c = v->find("connection");
    if (c != v->end() && c->is_number_unsigned() && c->get<size_t>() >= 1 && c->get<size_t>() <= conns->size())
      k = c->get<size_t>();
  }
  return &(*conns)[k - 1];
}

// What the real stack (our peer stood for it) would log for this result's failing connection.
std::string stack_log(const ReadinessInput& in, const Result& r) {
  const json* c = judged_connection(r);
  if (!c) return "";
  auto with_alert = [&](const std::string& tmpl, const std::string& alert) {
    const auto code = in.alert_code ? in.alert_code(alert) : std::nullopt;
    std::string line = fill(fill(tmpl, "{alert}", alert), "{code}", code ? std::to_string(*code) : "?");
    for (const auto& [name, text] : in.error_codes)
      if (name == alert) line += "; error " + text;
    return line;
  };
  if (const auto a = text_of(*c, "peer_alert"); !a.empty() && !in.log_alert_received.empty())
    return with_alert(in.log_alert_received, a);
  if (const auto a = text_of(*c, "our_alert"); !a.empty() && !in.log_alert_sent.empty())
    return with_alert(in.log_alert_sent, a);
  const auto closure = text_of(*c, "closure");
  if ((closure == "closed" || closure == "reset") && !in.log_closed.empty()) return in.log_closed;
  return "";
}

std::string fix_of(const Result& r) {
  std::string what = r.diagnosis.empty() ? r.reason : r.diagnosis;
  if (r.rfc.empty()) return what;
  const auto& ref = r.rfc.front();
  return fmt::format("{} (RFC {} {} {}: {})", what, ref.rfc, ref.section, ref.level, ref.requirement);
}

bool not_applicable_skip(const Result& r) {
  auto it = r.observations.find("not_applicable");
  return r.verdict == Verdict::skip && it != r.observations.end() && it->is_boolean() && it->get<bool>();
}

// A class in a role with no result: the catalog has no scenario of that role for it, or its
// scenarios are for another protocol (not applicable), or they were not run (not tested).
ReadinessCell no_results(const ReadinessClass& k, Role role, const std::string& iut_protocol) {
  const std::string& said = role == Role::server ? k.not_applicable_server : k.not_applicable_client;
  const bool linked = role == Role::server ? k.has_server : k.has_client;
  const bool other_protocol = !iut_protocol.empty() && iut_protocol != k.protocol;
  if (other_protocol && !k.not_applicable_other_protocol.empty())
    return {Prediction::kNotApplicable, "not applicable: " + k.not_applicable_other_protocol, {}};
  if (other_protocol)
    return {Prediction::kNotTested, "not tested: its scenarios are for " + k.protocol + " IUTs, this one is " + iut_protocol, {}};
  if (!linked)
    return {Prediction::kNotApplicable, "not applicable: " + (said.empty() ? "no scenario of this role reproduces it" : said), {}};
  return {Prediction::kNotTested, "not tested: its scenarios were not run in this role (no command for it, or --role)", {}};
}

ReadinessCell judge_cell(const ReadinessInput& in, const ReadinessClass& k, Role role,
                         const std::vector<const Result*>& rs) {
  auto with = [&](std::initializer_list<Verdict> vs) {
    std::vector<ReadinessEvidence> ev;
    for (const Result* r : rs)
      if (std::find(vs.begin(), vs.end(), r->verdict) != vs.end()) {
        // What the stack logs and what to fix belong to what went wrong, not to a required abort.
        const bool wrong = r->verdict == Verdict::fail || r->verdict == Verdict::xfail || r->verdict == Verdict::warn;
        ev.push_back({r, wrong ? stack_log(in, *r) : "", wrong ? fix_of(*r) : ""});
      }
    return ev;
  };
  if (auto ev = with({Verdict::fail, Verdict::xfail}); !ev.empty()) return {Prediction::kFails, k.fails, ev};
  if (auto ev = with({Verdict::error}); !ev.empty())
    return {Prediction::kNotDetermined, fmt::format("not determined: {} of {} scenarios ended in error", ev.size(), rs.size()), ev};
  const bool all_skip = std::all_of(rs.begin(), rs.end(), [](const Result* r) { return r->verdict == Verdict::skip; });
  if (all_skip) {
    const std::string& said = role == Role::server ? k.not_applicable_server : k.not_applicable_client;
    if (std::all_of(rs.begin(), rs.end(), [](const Result* r) { return not_applicable_skip(*r); }))
      return {Prediction::kNotApplicable, "not applicable: " + (said.empty() ? rs.front()->reason : said), with({Verdict::skip})};
    return {Prediction::kNotDetermined, "not determined: " + rs.front()->reason, with({Verdict::skip})};
  }
  if (auto ev = with({Verdict::warn}); !ev.empty())
    return {Prediction::kWarnings, "interoperates, with warnings (a SHOULD the product does not follow)", ev};
  auto ev = with({Verdict::pass, Verdict::xpass, Verdict::skip});
  const auto skipped = std::count_if(rs.begin(), rs.end(), [](const Result* r) { return r->verdict == Verdict::skip; });
  std::string text = "interoperates";
  if (skipped > 0) text += fmt::format(" ({} of {} scenarios skipped)", skipped, rs.size());
  return {Prediction::kInteroperates, text, ev};
}

bool linked_to(const Result& r, const std::string& link) {
  return std::find(r.incidents.begin(), r.incidents.end(), link) != r.incidents.end();
}

ReadinessReport judge_group(const ReadinessInput& in, const std::vector<const Result*>& group) {
  ReadinessReport rep;
  rep.iut = group.front()->iut;
  rep.iut_version = group.front()->iut_version;
  rep.iut_config = group.front()->iut_config;
  const std::string protocol = in.iut_protocol ? in.iut_protocol(rep.iut) : "";
  for (const auto& k : in.classes) {
    ReadinessRow row;
    row.klass = &k;
    for (Role role : {Role::server, Role::client}) {
      std::vector<const Result*> rs;
      for (const Result* r : group)
        if (r->role == role && linked_to(*r, in.incident + "/" + k.id)) rs.push_back(r);
      (role == Role::server ? row.as_server : row.as_client) =
          rs.empty() ? no_results(k, role, protocol) : judge_cell(in, k, role, rs);
    }
    rep.rows.push_back(std::move(row));
  }
  return rep;
}

}  // namespace

std::string_view to_string(Prediction p) {
  switch (p) {
    case Prediction::kInteroperates: return "interoperates";
    case Prediction::kWarnings: return "warnings";
    case Prediction::kFails: return "fails";
    case Prediction::kNotApplicable: return "not-applicable";
    case Prediction::kNotDetermined: return "not-determined";
    case Prediction::kNotTested: return "not-tested";
  }
  return "not-tested";
}

std::vector<ReadinessReport> build_readiness(const ReadinessInput& in, const std::vector<Result>& results) {
  std::map<std::pair<std::string, std::string>, std::vector<const Result*>> groups;
  std::vector<std::pair<std::string, std::string>> order;
  for (const auto& r : results) {
    if (std::none_of(r.incidents.begin(), r.incidents.end(),
                     [&](const std::string& l) { return l.rfind(in.incident + "/", 0) == 0; }))
      continue;
    auto key = std::make_pair(r.iut, r.iut_config);
    if (!groups.count(key)) order.push_back(key);
    groups[key].push_back(&r);
  }
  std::vector<ReadinessReport> out;
  for (const auto& key : order) out.push_back(judge_group(in, groups[key]));
  return out;
}

}  // namespace tlsc::results
