#include <gtest/gtest.h>

#include <vector>

#include "peers/wire/name_table.h"

namespace tlsc {
namespace {

enum class Colour { kRed, kGreen, kBlue, kUnnamed };
constexpr Named<Colour> kColours[] = {{Colour::kRed, "red"}, {Colour::kGreen, "green"}, {Colour::kBlue, "blue"}};
static_assert(distinct_rows(kColours));
static_assert(name_of(kColours, Colour::kGreen, "?") == "green");
static_assert(parse_name(kColours, "blue") == Colour::kBlue);

TEST(NameTable, EveryRowNameValueRoundTrips) {
  for (const auto& row : kColours) {
    EXPECT_EQ(name_of(kColours, row.value, "?"), row.name);
    EXPECT_EQ(parse_name(kColours, row.name), row.value);
  }
}

TEST(NameTable, UnknownValueGivesTheFallbackAndUnknownNameNothing) {
  EXPECT_EQ(name_of(kColours, Colour::kUnnamed, "?"), "?");
  EXPECT_FALSE(parse_name(kColours, "Red"));
  EXPECT_FALSE(parse_name(kColours, ""));
}

TEST(NameTable, RepeatedValueOrNameIsNotDistinct) {
  constexpr Named<Colour> twice_value[] = {{Colour::kRed, "red"}, {Colour::kRed, "rouge"}};
  constexpr Named<Colour> twice_name[] = {{Colour::kRed, "red"}, {Colour::kBlue, "red"}};
  EXPECT_FALSE(distinct_rows(twice_value));
  EXPECT_FALSE(distinct_rows(twice_name));
}

TEST(NameTable, NamesJoinInTableOrder) {
  EXPECT_EQ(table_names(kColours), "red, green, blue");
  EXPECT_EQ(table_names(kColours, " or "), "red, green or blue");
  const Named<Colour> one[] = {{Colour::kRed, "red"}};
  EXPECT_EQ(table_names(one, " or "), "red");
  EXPECT_EQ(join_names(std::vector<int>{}, [](int) { return "x"; }), "");
}

}  // namespace
}  // namespace tlsc
