// Shared fixtures for the session tests.
#pragma once

#include <cstdint>
#include <memory>

#include "peers/session/session_state.h"
#include "peers/wire/bytes.h"

namespace tlsc::session::testing {

// A state with every field set to a non-default, distinguishable value.
inline SessionState sample_state() {
  SessionState s;
  s.version = 0x0303;
  s.cipher_suite = 0xc02f;
  for (size_t i = 0; i < s.master_secret.size(); ++i) s.master_secret[i] = static_cast<uint8_t>(0xa0 + i);
  s.extended_master_secret = true;
  s.compression_method = 1;
  s.peer_certificates = {hex("308201"), hex("30820203aabb")};
  s.server_name = "iut.example";
  s.created_at = 1'700'000'000;
  s.lifetime = 7200;
  s.session_id = hex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
  return s;
}

// A settable clock shared by the object under test and the test body.
struct FakeClock {
  std::shared_ptr<uint64_t> now = std::make_shared<uint64_t>(1'700'000'000);
  Clock clock() const {
    return [n = now] { return *n; };
  }
  void set(uint64_t t) const { *now = t; }
};

}  // namespace tlsc::session::testing
