// How each verdict is shown, in one table: its matrix character, its terminal colour, its mark
// and meaning in the HTML report, and whether it is a problem. Every report takes the verdicts
// it lists (legends, counts, filters) from this table.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "results/result.h"

namespace tlsc::results {

struct VerdictStyle {
  Verdict verdict;
  char ch;                // terminal matrix: '.' pass, 'F' fail, ...
  std::string_view ansi;  // ANSI SGR sequence for the terminal
  std::string_view mark;  // HTML matrix cell: a symbol readable without colour
  std::string_view meaning;  // the legend's one sentence
  bool bad;               // fail, error and xpass: needs someone's attention (and gates `diff`)
};

// In the order reports list them; indexed by the Verdict's value.
inline constexpr std::array<VerdictStyle, 7> kVerdictStyles{{
    {Verdict::pass, '.', "\033[32m", "\u2714", "the IUT met the requirement the scenario checks", false},
    {Verdict::fail, 'F', "\033[1;31m", "\u2718", "the IUT broke the requirement (unexpected: the run exits 1)", true},
    {Verdict::warn, 'W', "\033[33m", "!",
     "allowed but not recommended (a SHOULD not followed); counts as a failure only with --strict", false},
    {Verdict::skip, 's', "\033[2m", "\u2013",
     "not run for this IUT: its role, a capability or a program it lacks (the reason says which)", false},
    {Verdict::error, 'E', "\033[1;35m", "E",
     "no verdict could be reached: the IUT or the harness failed before the check (the run exits 3)", true},
    {Verdict::xfail, 'x', "\033[36m", "(\u2718)",
     "failed as an expectations file predicts: a known deviation, not counted as a failure", false},
    {Verdict::xpass, 'X', "\033[1;31m", "\u2714!",
     "passed where an expectations file predicts a failure: update the expectation (unexpected)", true},
}};

inline constexpr std::array<Verdict, kVerdictStyles.size()> kAllVerdicts = [] {
  std::array<Verdict, kVerdictStyles.size()> all{};
  for (size_t i = 0; i < all.size(); ++i) all[i] = kVerdictStyles[i].verdict;
  return all;
}();

const VerdictStyle& verdict_style(Verdict v);
// '.' pass, 'F' fail, 'W' warn, 's' skip, 'E' error, 'x' xfail, 'X' xpass.
char verdict_char(Verdict v);
// ANSI SGR sequence for the verdict.
std::string_view verdict_colour(Verdict v);
// fail, error and xpass: a result that needs someone's attention (and gates `diff`).
bool is_bad(Verdict v);

// Number of results per verdict.
struct VerdictCounts {
  std::array<size_t, kAllVerdicts.size()> n{};
  void add(Verdict v) { ++n[static_cast<size_t>(v)]; }
  size_t operator[](Verdict v) const { return n[static_cast<size_t>(v)]; }
  size_t total() const {
    size_t t = 0;
    for (size_t x : n) t += x;
    return t;
  }
};

}  // namespace tlsc::results
