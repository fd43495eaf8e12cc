#include "results/report/coverage_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "results/report/escape.h"

namespace tlsc::results {
namespace {

// "7.4.1.4" < "7.4.10": compare dot components as numbers where both are numbers.
bool section_less(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    size_t ie = a.find('.', i), je = b.find('.', j);
    if (ie == std::string::npos) ie = a.size();
    if (je == std::string::npos) je = b.size();
    const std::string x = a.substr(i, ie - i), y = b.substr(j, je - j);
    const bool xn = !x.empty() && std::all_of(x.begin(), x.end(), ::isdigit);
    const bool yn = !y.empty() && std::all_of(y.begin(), y.end(), ::isdigit);
    if (xn && yn && x.size() != y.size()) return x.size() < y.size();
    if (x != y) return x < y;
    i = ie + 1;
    j = je + 1;
  }
  return a.size() - std::min(a.size(), i) < b.size() - std::min(b.size(), j);
}

}  // namespace

std::string_view to_string(Holding h) {
  switch (h) {
    case Holding::holds: return "holds";
    case Holding::fails: return "FAILS";
    case Holding::warns: return "warn";
    case Holding::error: return "error";
    case Holding::not_run: return "not run";
  }
  return "not run";
}

std::vector<Requirement> build_coverage(const std::vector<Result>& results) {
  std::vector<Requirement> reqs;
  std::set<std::string> iuts;
  for (const auto& r : results) iuts.insert(r.iut);
  struct Tally {
    bool pass = false, fail = false, warn = false, error = false;
  };
  std::vector<std::map<std::string, Tally>> tallies;
  for (const auto& r : results) {
    for (const auto& ref : r.rfc) {
      auto it = std::find_if(reqs.begin(), reqs.end(), [&](const Requirement& q) {
        return q.rfc == ref.rfc && q.section == ref.section && q.level == ref.level;
      });
      if (it == reqs.end()) {
        reqs.push_back({ref.rfc, ref.section, ref.level, {}, {}, {}});
        tallies.emplace_back();
        it = reqs.end() - 1;
      }
      Requirement& q = *it;
      if (!ref.requirement.empty() && std::find(q.texts.begin(), q.texts.end(), ref.requirement) == q.texts.end())
        q.texts.push_back(ref.requirement);
      if (std::find(q.scenarios.begin(), q.scenarios.end(), r.scenario) == q.scenarios.end())
        q.scenarios.push_back(r.scenario);
      Tally& t = tallies[static_cast<size_t>(it - reqs.begin())][r.iut];
      switch (r.verdict) {
        case Verdict::pass:
        case Verdict::xfail: t.pass = true; break;
        case Verdict::fail:
        case Verdict::xpass: t.fail = true; break;
        case Verdict::warn: t.warn = true; break;
        case Verdict::error: t.error = true; break;
        case Verdict::skip: break;
      }
    }
  }
  for (size_t i = 0; i < reqs.size(); ++i) {
    std::sort(reqs[i].scenarios.begin(), reqs[i].scenarios.end());
    for (const auto& iut : iuts) {
      auto t = tallies[i].find(iut);
      Holding h = Holding::not_run;
      if (t != tallies[i].end()) {
        const Tally& x = t->second;
        h = x.fail ? Holding::fails : x.warn ? Holding::warns : x.error ? Holding::error : x.pass ? Holding::holds : Holding::not_run;
      }
      reqs[i].per_iut[iut] = h;
    }
  }
  std::sort(reqs.begin(), reqs.end(), [](const Requirement& a, const Requirement& b) {
    if (a.rfc != b.rfc) return a.rfc.size() != b.rfc.size() ? a.rfc.size() < b.rfc.size() : a.rfc < b.rfc;
    if (a.section != b.section) return section_less(a.section, b.section);
    return a.level < b.level;
  });
  return reqs;
}

std::string render_coverage(const std::vector<Result>& results) {
  const auto reqs = build_coverage(results);
  std::set<std::string> iuts;
  for (const auto& r : results) iuts.insert(r.iut);
  std::string out = "# RFC requirement coverage\n\n";
  if (reqs.empty()) return out + "The results cite no RFC requirement.\n";
  out += "| RFC | section | level | requirement | scenarios |";
  for (const auto& iut : iuts) out += " " + md_cell(iut) + " |";
  out += "\n|---|---|---|---|---|";
  for (size_t i = 0; i < iuts.size(); ++i) out += "---|";
  out += "\n";
  std::map<std::string, std::map<Holding, size_t>> totals;
  for (const auto& q : reqs) {
    std::string texts, scenarios;
    for (const auto& t : q.texts) texts += (texts.empty() ? "" : "; ") + t;
    for (const auto& s : q.scenarios) scenarios += (scenarios.empty() ? "" : ", ") + s;
    out += fmt::format("| {} | {} | {} | {} | {} |", md_cell(q.rfc), md_cell(q.section), md_cell(q.level),
                       md_cell(texts), md_cell(scenarios));
    for (const auto& [iut, h] : q.per_iut) {
      out += " " + std::string(to_string(h)) + " |";
      ++totals[iut][h];
    }
    out += "\n";
  }
  out += fmt::format("\n{} requirements cited.\n\n", reqs.size());
  for (const auto& [iut, t] : totals) {
    auto get = [&](Holding h) { return t.count(h) ? t.at(h) : 0; };
    out += fmt::format("- {}: {} hold, {} fail, {} warn only, {} error, {} not run\n", md_cell(iut), get(Holding::holds),
                       get(Holding::fails), get(Holding::warns), get(Holding::error), get(Holding::not_run));
  }
  return out;
}

}  // namespace tlsc::results
