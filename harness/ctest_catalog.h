// CTest registration of the catalog: one CTest test per IUT x scenario (the scenario fixes the
// role), labelled `catalog`, `family:<family>`, `rfc<number>` (each RFC the scenario cites),
// `iut:<profile>` and `role:<server|client>`, so `ctest -L rfc7627` or `ctest -L iut:openssl` picks
// them. A scenario is registered only for the profiles of its protocol (the ftps family for the
// FTPS profiles, the TLS families for the others). Each runs `tlsconform run --iut I --scenario ID --out DIR [--expect E]` and passes on
// exit 0; CTest shows it as Skipped when the unit's one result is a skip (kSkippedRun matches the
// run's summary line). The file is generated at build time by tlsc_catalog_ctest (harness/ctest/main.cpp) and
// included by CTest (TEST_INCLUDE_FILES); configuring runs nothing.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "iut/profile.h"
#include "scenarios/model.h"

namespace tlsc::harness {

struct CatalogCtestOptions {
  std::filesystem::path tlsconform;    // the CLI binary
  std::filesystem::path catalog;       // passed as --catalog
  std::filesystem::path profiles;      // passed as --profiles
  std::filesystem::path expectations;  // folder of <iut>.json expectations files (optional)
  std::filesystem::path work;          // each test's --out is work/<iut>/<scenario id>
  int timeout_s = 600;
};

// The summary line of a run whose one result is a skip ("1 results in 0.1s (1 skip); ...").
// No ';' in it: CTest reads the property as a list, and "; results in" alone matched every run.
inline constexpr const char* kSkippedRun = "1 results in [0-9.]+s \\(1 skip\\). results in";

// The CTest script text (add_test + set_tests_properties lines).
std::string catalog_ctest_script(const std::vector<scenarios::Scenario>& catalog,
                                 const std::vector<iut::Profile>& profiles, const CatalogCtestOptions& o);

// A CMake bracket argument holding `s` verbatim ([==[...]==] with enough '=').
std::string cmake_quote(const std::string& s);

}  // namespace tlsc::harness
