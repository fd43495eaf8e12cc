#include "results/report/verdict_style.h"

namespace tlsc::results {

char verdict_char(Verdict v) {
  switch (v) {
    case Verdict::pass: return '.';
    case Verdict::fail: return 'F';
    case Verdict::warn: return 'W';
    case Verdict::skip: return 's';
    case Verdict::error: return 'E';
    case Verdict::xfail: return 'x';
    case Verdict::xpass: return 'X';
  }
  return '?';
}

std::string_view verdict_colour(Verdict v) {
  switch (v) {
    case Verdict::pass: return "\033[32m";
    case Verdict::fail: return "\033[1;31m";
    case Verdict::warn: return "\033[33m";
    case Verdict::skip: return "\033[2m";
    case Verdict::error: return "\033[1;35m";
    case Verdict::xfail: return "\033[36m";
    case Verdict::xpass: return "\033[1;31m";
  }
  return "";
}

bool is_bad(Verdict v) { return v == Verdict::fail || v == Verdict::error || v == Verdict::xpass; }

}  // namespace tlsc::results
