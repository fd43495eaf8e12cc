// The mutation matrix: every engine quirk value that makes our peer break an RFC rule
// (QuirkInfo::breaking_values / breaks, peers/engine/quirks.cpp), as the IUT, against EVERY
// scenario of its role in the catalog, in one `tlsconform run`. Each cell must either pass, or
// fail/warn/error naming a rule the quirk breaks (observations.blames / violation); no cell may be
// a skip that the baseline (the same engine without the quirk) does not have: a violation is never
// hidden as a skip, and no diagnosis blames a rule the quirk does not break. Every mutant must be
// caught by at least one scenario. The matrix is written to <build>/mutation-matrix.md.
//
// The mutant IUT clients choose (EC)DH keys whose shared secret has a leading zero byte
// (ForceLeadingZeroBytes=1, a legal key choice), so the scenarios that otherwise wait for luck
// reach their case in one handshake; the baseline does the same.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "catalog_run.h"
#include "peers/engine/quirks.h"

namespace tlsc::selftest {
namespace {

using json = nlohmann::ordered_json;

struct Mutant {
  std::string profile;  // "mut-srv-PadDhePremaster"
  results::Role role;   // the IUT's role: server quirks make a misbehaving IUT server
  std::string quirk, value;
  std::set<std::string> breaks;
};

std::string profile_name(const char* role, const std::string& quirk, const std::string& value) {
  std::string n = std::string("mut-") + role + "-" + quirk + (value == "true" ? "" : "-" + value);
  for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return n;
}

std::vector<Mutant> mutants() {
  std::vector<Mutant> out;
  auto add = [&](const std::vector<engine::QuirkInfo>& infos, results::Role role, const char* tag) {
    for (const auto& q : infos)
      for (const auto& v : q.breaking_values)
        out.push_back({profile_name(tag, q.name, v), role, q.name, v, {q.breaks.begin(), q.breaks.end()}});
  };
  add(engine::server_quirks(), results::Role::server, "srv");
  add(engine::client_quirks(), results::Role::client, "cli");
  return out;
}

// The tlsconform-peer profile with `quirk` in every connection of one role (the other role's
// command removed), its compliant configurations kept.
json mutant_profile(const json& base, const std::string& name, std::optional<results::Role> role,
                    const std::vector<std::string>& quirk_args) {
  json p = base;
  p["name"] = name;
  p["title"] = "self-test mutant " + name;
  json configs = json::object();
  for (const char* keep : {"ems-off", "client-cert-required", "client-cert"}) configs[keep] = base["configs"][keep];
  p["configs"] = configs;
  std::vector<std::string> client_extra = {"--quirk", "ForceLeadingZeroBytes=1"};
  if (!role || *role == results::Role::server)
    for (const auto& a : quirk_args) p["server"]["argv"].push_back(a);
  if (!role || *role == results::Role::client) {
    for (const auto& a : client_extra) p["client"]["argv"].push_back(a);
    for (const auto& a : quirk_args) p["client"]["argv"].push_back(a);
  }
  if (role && *role == results::Role::server) p.erase("client");
  if (role && *role == results::Role::client) p.erase("server");
  return p;
}

std::filesystem::path write_profiles(const std::vector<Mutant>& ms) {
  const auto dir = fresh_dir("mutant-profiles");
  std::ifstream in(std::string(TLSC_SOURCE_DIR) + "/iut/profiles/tlsconform-peer.json");
  const json base = json::parse(in);
  auto write = [&](const json& p) { std::ofstream(dir / (p["name"].get<std::string>() + ".json")) << p.dump(2); };
  write(mutant_profile(base, "mut-baseline", std::nullopt, {}));
  for (const auto& m : ms) {
    const std::string q = m.quirk + "=" + m.value;
    // A client process makes one connection (--quirk); --resume-quirk would cover in-process
    // resumptions. A server applies --quirk to every connection.
    std::vector<std::string> args = {"--quirk", q};
    if (m.role == results::Role::client) args.insert(args.end(), {"--resume-quirk", q});
    write(mutant_profile(base, m.profile, m.role, args));
  }
  return dir;
}

struct Matrix {
  CatalogRun run;
  std::map<std::string, std::map<std::string, results::Result>> cells;  // profile -> scenario -> result
};

Matrix run_matrix(const std::vector<Mutant>& ms) {
  const auto profiles = write_profiles(ms);
  std::vector<std::string> extra = {"--profiles", profiles.string(), "--skip-slow"};
  for (const auto& m : ms) extra.insert(extra.end(), {"--iut", m.profile});
  Matrix mx;
  // run_catalog_of passes its own --iut first; the profile folder holds only the mutants.
  mx.run = run_catalog_of("mut-baseline", "default", {}, extra, profiles, &mx.cells);
  return mx;
}

bool blames_one_of(const results::Result& r, const std::set<std::string>& breaks) {
  for (const auto& b : r.observations.value("blames", json::array()))
    if (breaks.count(b.get<std::string>())) return true;
  return false;
}

// What is wrong with one cell, or "".
std::string problem(const results::Result& r, const results::Result* base, const Mutant& m) {
  using V = results::Verdict;
  if (r.verdict == V::pass) return "";
  if (base && base->verdict == r.verdict && base->reason == r.reason) return "";  // not the quirk's doing
  if (r.verdict == V::skip) return "skip because of the quirk: " + r.reason;
  if (r.verdict == V::error) {
    if (blames_one_of(r, m.breaks)) return "";
    return "error without naming a broken rule: " + r.reason;
  }
  if (!r.observations.contains("blames")) return "no rule blamed: " + r.reason + " | " + r.diagnosis;
  if (!blames_one_of(r, m.breaks))
    return "blames " + r.observations["blames"].dump() + ", a rule the quirk does not break: " + r.reason + " | " + r.diagnosis;
  return "";
}

char cell_char(const results::Result& r) {
  switch (r.verdict) {
    case results::Verdict::pass: return '.';
    case results::Verdict::fail: return 'F';
    case results::Verdict::warn: return 'W';
    case results::Verdict::skip: return 's';
    case results::Verdict::error: return 'E';
    default: return '?';
  }
}

void write_report(const Matrix& mx, const std::vector<Mutant>& ms, const std::map<std::string, std::string>& bad) {
  std::ofstream md(std::string(TLSC_BINARY_DIR) + "/mutation-matrix.md");
  md << "# Mutation matrix: engine quirks (as the IUT) x catalog scenarios\n\n"
     << "Written by `unit_selftest` (MutationMatrix). `.` pass, `F` fail, `W` warn, `s` skip, `E` error; "
     << "`!` marks a cell that hides a violation or blames a rule the quirk does not break (none on a green run). "
     << "Columns: m1.. as listed below; `base` is the engine without a quirk.\n\n";
  for (auto role : {results::Role::server, results::Role::client}) {
    std::vector<const Mutant*> cols;
    for (const auto& m : ms)
      if (m.role == role) cols.push_back(&m);
    md << "## IUT " << results::to_string(role) << "\n\n| scenario | base |";
    for (size_t i = 0; i < cols.size(); ++i) md << " m" << i + 1 << " |";
    md << "\n|---|:-:|";
    for (size_t i = 0; i < cols.size(); ++i) md << ":-:|";
    md << "\n";
    std::set<std::string> ids;
    for (const auto& c : cols)
      if (auto it = mx.cells.find(c->profile); it != mx.cells.end())
        for (const auto& [id, r] : it->second) ids.insert(id);
    for (const auto& id : ids) {
      md << "| `" << id << "` | ";
      auto b = mx.cells.find("mut-baseline");
      md << (b != mx.cells.end() && b->second.count(id) ? std::string(1, cell_char(b->second.at(id))) : "") << " |";
      for (const auto& c : cols) {
        const auto& row = mx.cells.at(c->profile);
        auto it = row.find(id);
        md << " " << (it == row.end() ? ' ' : cell_char(it->second)) << (bad.count(c->profile + " " + id) ? "!" : "") << " |";
      }
      md << "\n";
    }
    md << "\n";
    for (size_t i = 0; i < cols.size(); ++i) {
      md << "- m" << i + 1 << ": `" << cols[i]->quirk << "=" << cols[i]->value << "` breaks ";
      for (const auto& b : cols[i]->breaks) md << b << "; ";
      md << "\n";
    }
    md << "\n";
  }
  for (const auto& [cell, why] : bad) md << "- `" << cell << "`: " << why << "\n";
}

TEST(MutationMatrix, EveryBreakingQuirkAgainstEveryScenario) {
  const auto ms = mutants();
  ASSERT_GE(ms.size(), 20u) << "the quirk table lists the rule-breaking values";
  const Matrix mx = run_matrix(ms);
  ASSERT_TRUE(mx.run.problems.empty()) << mx.run.output;
  ASSERT_TRUE(mx.cells.count("mut-baseline")) << mx.run.output;
  for (const auto& [id, r] : mx.cells.at("mut-baseline"))
    EXPECT_TRUE(r.verdict == results::Verdict::pass || r.verdict == results::Verdict::skip)
        << "the baseline engine is correct: " << id << ": " << describe(r);
  std::map<std::string, std::string> bad;
  for (const auto& m : ms) {
    auto row = mx.cells.find(m.profile);
    ASSERT_NE(row, mx.cells.end()) << "no results for " << m.profile << "\n" << mx.run.output;
    int caught = 0;
    for (const auto& [id, r] : row->second) {
      const auto& base_row = mx.cells.at("mut-baseline");
      auto b = base_row.find(id);
      const std::string p = problem(r, b == base_row.end() ? nullptr : &b->second, m);
      if (!p.empty()) bad[m.profile + " " + id] = p;
      caught += r.verdict == results::Verdict::fail || r.verdict == results::Verdict::warn;
    }
    EXPECT_GT(caught, 0) << m.quirk << "=" << m.value << " breaks a rule no scenario catches";
  }
  write_report(mx, ms, bad);
  for (const auto& [cell, why] : bad) ADD_FAILURE() << cell << ": " << why;
  std::cout << "mutation matrix: " << ms.size() << " mutants, " << mx.run.by_id.size() << " scenario ids, "
            << mx.run.seconds << " s; report " << TLSC_BINARY_DIR << "/mutation-matrix.md\n";
}

}  // namespace
}  // namespace tlsc::selftest
