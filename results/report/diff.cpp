#include "results/report/diff.h"

#include <fmt/format.h>

#include <map>
#include <tuple>

#include "results/report/escape.h"
#include "results/report/verdict_style.h"

namespace tlsc::results {
namespace {

using Key = std::tuple<std::string, std::string, Role, std::string>;

std::map<Key, const Result*> index(const std::vector<Result>& rs) {
  std::map<Key, const Result*> m;
  for (const auto& r : rs) m[{r.iut, r.iut_config, r.role, r.scenario}] = &r;
  return m;
}

DiffEntry entry(const Key& k, const Result* o, const Result* n) {
  DiffEntry e{std::get<0>(k), std::get<1>(k), std::get<3>(k), std::get<2>(k), std::nullopt, std::nullopt};
  if (o) e.old_result = *o;
  if (n) e.new_result = *n;
  return e;
}

std::string describe(const DiffEntry& e) {
  std::string s = fmt::format("  {} [{} {} {}]", e.scenario, e.iut, to_string(e.role), e.iut_config);
  const Result* o = e.old_result ? &*e.old_result : nullptr;
  const Result* n = e.new_result ? &*e.new_result : nullptr;
  if (o && n) {
    s += fmt::format(": {} -> {}", to_string(o->verdict), to_string(n->verdict));
    if (o->iut_version != n->iut_version) s += fmt::format(" ({} -> {})", o->iut_version, n->iut_version);
  } else {
    s += fmt::format(": {}", to_string((o ? o : n)->verdict));
  }
  s += "\n";
  if (o && n && o->diagnosis != n->diagnosis) {
    s += "      was: " + (o->diagnosis.empty() ? std::string("(no diagnosis)") : one_line(o->diagnosis)) + "\n";
    s += "      now: " + (n->diagnosis.empty() ? std::string("(no diagnosis)") : one_line(n->diagnosis)) + "\n";
  } else if (const Result* r = n ? n : o; !r->diagnosis.empty() && is_bad(r->verdict)) {
    s += "      diagnosis: " + one_line(r->diagnosis) + "\n";
  }
  return s;
}

}  // namespace

ResultDiff diff_results(const std::vector<Result>& old_results, const std::vector<Result>& new_results) {
  ResultDiff d;
  const auto olds = index(old_results);
  const auto news = index(new_results);
  for (const auto& [k, o] : olds) {
    auto it = news.find(k);
    if (it == news.end()) {
      d.removed.push_back(entry(k, o, nullptr));
      continue;
    }
    const Result* n = it->second;
    if (o->verdict != Verdict::skip && n->verdict == Verdict::skip)
      d.lost.push_back(entry(k, o, n));  // a pass (or a fail) that no longer runs tells nothing
    else if (!is_bad(o->verdict) && is_bad(n->verdict))
      d.newly_failing.push_back(entry(k, o, n));
    else if (is_bad(o->verdict) && !is_bad(n->verdict))
      d.newly_passing.push_back(entry(k, o, n));
    else if (o->verdict != n->verdict || o->diagnosis != n->diagnosis)
      d.changed.push_back(entry(k, o, n));
    else
      ++d.unchanged;
  }
  for (const auto& [k, n] : news)
    if (!olds.count(k)) d.added.push_back(entry(k, nullptr, n));
  return d;
}

std::string render_diff(const ResultDiff& d) {
  std::string out;
  auto section = [&](const char* title, const std::vector<DiffEntry>& es) {
    out += fmt::format("{} ({}):\n", title, es.size());
    for (const auto& e : es) out += describe(e);
  };
  section("Newly failing", d.newly_failing);
  section("Newly passing", d.newly_passing);
  section("Changed verdict or diagnosis", d.changed);
  section("Added", d.added);
  section("Removed", d.removed);
  section("Lost (ran before, skipped now)", d.lost);
  out += fmt::format("{} regression{}, {} fixed, {} changed, {} added, {} removed, {} now skipped, {} unchanged\n",
                     d.newly_failing.size(), d.newly_failing.size() == 1 ? "" : "s", d.newly_passing.size(),
                     d.changed.size(), d.added.size(), d.removed.size(), d.lost.size(), d.unchanged);
  return out;
}

}  // namespace tlsc::results
