#include "results/report/verdict_style.h"

namespace tlsc::results {

namespace {
// The table is indexed by the verdict's value (VerdictCounts relies on it too).
constexpr bool table_in_enum_order() {
  for (size_t i = 0; i < kVerdictStyles.size(); ++i)
    if (static_cast<size_t>(kVerdictStyles[i].verdict) != i) return false;
  return true;
}
static_assert(table_in_enum_order(), "kVerdictStyles must list the verdicts in the order of enum Verdict");
}  // namespace

const VerdictStyle& verdict_style(Verdict v) { return kVerdictStyles.at(static_cast<size_t>(v)); }

char verdict_char(Verdict v) { return verdict_style(v).ch; }

std::string_view verdict_colour(Verdict v) { return verdict_style(v).ansi; }

bool is_bad(Verdict v) { return verdict_style(v).bad; }

}  // namespace tlsc::results
