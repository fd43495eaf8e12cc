// The capability table (iut/capabilities.h) is the vocabulary of the catalog's `requires` and of
// the real profiles: nothing the catalog needs is missing from it, no profile says more.
#include <gtest/gtest.h>

#include "iut/capabilities.h"
#include "iut/profile.h"
#include "scenarios/loader.h"

namespace tlsc::iut {
namespace {

TEST(Capabilities, EveryRequirementOfTheCatalogIsInTheTable) {
  const auto catalog = scenarios::load_catalog(scenarios::default_catalog_dir());
  ASSERT_FALSE(catalog.empty());
  size_t checked = 0;
  for (const auto& s : catalog)
    for (const auto& c : s.requires_caps) {
      EXPECT_TRUE(is_known_capability(c)) << s.id << " requires '" << c << "'";
      ++checked;
    }
  EXPECT_GT(checked, 20u);
}

TEST(Capabilities, TheTableHasNoDuplicateAndRejectsNearMisses) {
  std::set<std::string_view> seen;
  for (const auto& c : known_capabilities()) EXPECT_TRUE(seen.insert(c.name).second) << c.name;
  EXPECT_TRUE(is_known_capability("resume-ticket"));
  EXPECT_FALSE(is_known_capability("resume-tiket"));
  EXPECT_FALSE(is_known_capability("EMS"));
  EXPECT_FALSE(is_known_capability(""));
}

}  // namespace
}  // namespace tlsc::iut
