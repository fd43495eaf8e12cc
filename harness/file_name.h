// A name (IUT, configuration, scenario id) as one path component: every character but letters,
// digits, '.', '-' and '_' becomes '_'.
#pragma once

#include <cctype>
#include <string>

namespace tlsc::harness {

inline std::string file_name_safe(std::string s) {
  for (auto& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '_';
  return s;
}

}  // namespace tlsc::harness
