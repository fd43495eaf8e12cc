// Helpers shared by the message tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "peers/messages/messages.h"

namespace tlsc::msg::testing {

// encode -> parse -> equal, and parse(encode) re-encodes to the same bytes.
template <class M, class Parse>
void expect_round_trip(const M& m, Parse parse_fn) {
  const Bytes wire = m.encode();
  M back;
  ParseError why;
  ASSERT_TRUE(parse_fn(wire, back, &why)) << why.detail << " for " << to_hex(wire);
  EXPECT_EQ(back, m) << m.describe() << " vs " << back.describe();
  EXPECT_EQ(to_hex(back.encode()), to_hex(wire));
}

template <class M>
void expect_round_trip(const M& m) {
  expect_round_trip(m, [](ByteView b, M& out, ParseError* why) { return parse(b, out, why); });
}

// Every strict prefix of `body` either fails with a reason, or (when the grammar makes that prefix
// a valid message too) re-encodes to exactly that prefix. Returns how many prefixes parsed.
template <class M, class Parse>
size_t truncations_that_parse(ByteView body, Parse parse_fn) {
  size_t ok = 0;
  for (size_t cut = 0; cut < body.size(); ++cut) {
    const ByteView prefix = body.first(cut);
    M m;
    ParseError why;
    if (parse_fn(prefix, m, &why)) {
      ++ok;
      EXPECT_EQ(to_hex(m.encode()), to_hex(prefix)) << "cut at " << cut;
    } else {
      EXPECT_FALSE(why.detail.empty()) << "no reason given for cut at " << cut;
    }
  }
  return ok;
}

template <class M>
size_t truncations_that_parse(ByteView body) {
  return truncations_that_parse<M>(body, [](ByteView b, M& out, ParseError* why) { return parse(b, out, why); });
}

}  // namespace tlsc::msg::testing
