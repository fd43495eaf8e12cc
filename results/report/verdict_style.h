// How each verdict is shown: one matrix character, a terminal colour, and whether it is a problem.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "results/result.h"

namespace tlsc::results {

inline constexpr std::array<Verdict, 7> kAllVerdicts{Verdict::pass, Verdict::fail,  Verdict::warn, Verdict::skip,
                                                     Verdict::error, Verdict::xfail, Verdict::xpass};

// '.' pass, 'F' fail, 'W' warn, 's' skip, 'E' error, 'x' xfail, 'X' xpass.
char verdict_char(Verdict v);
// ANSI SGR sequence for the verdict ("" for pass-like verdicts that need no colour).
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
