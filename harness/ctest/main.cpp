// tlsc_catalog_ctest: writes the CTest include file that registers the catalog as CTest tests
// (see harness/ctest_catalog.h). Run at build time. A catalog or profile that does not load gives
// one failing test naming the problem instead of a broken build.
#include <fmt/core.h>

#include <fstream>
#include <string>

#include "harness/ctest_catalog.h"
#include "scenarios/loader.h"

int main(int argc, char** argv) {
  using namespace tlsc;
  harness::CatalogCtestOptions o;
  std::string out;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--tlsconform") o.tlsconform = v;
    else if (k == "--catalog") o.catalog = v;
    else if (k == "--profiles") o.profiles = v;
    else if (k == "--expectations") o.expectations = v;
    else if (k == "--work") o.work = v;
    else if (k == "--output") out = v;
    else {
      fmt::print(stderr, "tlsc_catalog_ctest: unknown option {}\n", k);
      return 2;
    }
  }
  if (out.empty() || o.tlsconform.empty() || o.work.empty()) {
    fmt::print(stderr,
               "usage: tlsc_catalog_ctest --tlsconform BIN --work DIR --output FILE [--catalog DIR] [--profiles DIR] "
               "[--expectations DIR]\n");
    return 2;
  }
  std::string script;
  try {
    auto catalog = scenarios::load_catalog(o.catalog.empty() ? scenarios::default_catalog_dir() : o.catalog);
    auto profiles = iut::load_profiles(o.profiles.empty() ? iut::default_profiles_dir() : o.profiles);
    script = harness::catalog_ctest_script(catalog, profiles, o);
  } catch (const std::exception& e) {
    fmt::print(stderr, "tlsc_catalog_ctest: warning: {}\n", e.what());
    // One failing test whose output names the problem: the CLI loading the same folders.
    script = "add_test(catalog_LOAD_ERROR " + harness::cmake_quote(o.tlsconform.string()) + " run --scenario " +
             "catalog-load-error --out " + harness::cmake_quote((o.work / "load-error").string());
    if (!o.catalog.empty()) script += " --catalog " + harness::cmake_quote(o.catalog.string());
    if (!o.profiles.empty()) script += " --profiles " + harness::cmake_quote(o.profiles.string());
    script += ")\nset_tests_properties(catalog_LOAD_ERROR PROPERTIES LABELS catalog)\n";
  }
  const std::string tmp = out + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << script;
    if (!f) {
      fmt::print(stderr, "tlsc_catalog_ctest: cannot write {}\n", tmp);
      return 1;
    }
  }
  std::rename(tmp.c_str(), out.c_str());
  return 0;
}
