// docs/scenarios.md documents every observation a check may test, and nothing else as one.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "scenarios/model.h"

namespace tlsc::scenarios {
namespace {

TEST(ScenarioDocs, ObservationTableMatchesObservationFields) {
  std::ifstream in(std::filesystem::path(TLSC_SOURCE_DIR) / "docs" / "scenarios.md");
  ASSERT_TRUE(in) << "docs/scenarios.md";
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  const auto start = text.find("### Checks and observations");
  ASSERT_NE(start, std::string::npos);
  const auto end = text.find("\n### ", start + 1);
  std::istringstream section(text.substr(start, end - start));
  // Rows of the observation table: "| `field` | type | meaning |".
  std::set<std::string> documented;
  for (std::string line; std::getline(section, line);) {
    if (line.rfind("| `", 0) != 0) continue;
    documented.insert(line.substr(3, line.find('`', 3) - 3));
  }
  const std::set<std::string> fields(observation_fields().begin(), observation_fields().end());
  EXPECT_EQ(documented, fields);
}

}  // namespace
}  // namespace tlsc::scenarios
