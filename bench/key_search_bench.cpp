// The leading-zero key search (peers/crypto/key_search.h): draw private keys until the shared
// secret at its fixed length starts with N zero bytes. Each benchmark runs a fixed list of 64
// searches (search i seeded with i), so tries and times are comparable from run to run.
#include <benchmark/benchmark.h>

#include "peers/crypto/dh.h"
#include "peers/crypto/drbg.h"
#include "peers/crypto/ecdh.h"
#include "peers/crypto/key_search.h"
#include "peers/crypto/octets.h"

namespace {

using namespace tlsc;
using namespace tlsc::crypto;

constexpr int kSearches = 64;
constexpr uint64_t kMaxTries = uint64_t{1} << 22;

void report(benchmark::State& state, uint64_t tries) {
  state.counters["tries/search"] = benchmark::Counter(static_cast<double>(tries), benchmark::Counter::kAvgIterations);
  state.counters["sec/try"] = benchmark::Counter(static_cast<double>(tries),
                                                benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_DhSearch(benchmark::State& state, const DhGroup* group, size_t zeros) {
  Drbg peer_drbg(1, "bench-peer");
  auto peer = DhKey::generate(*group, peer_drbg);
  if (!peer) return state.SkipWithError(peer.error().c_str());
  uint64_t tries = 0, seed = 0;
  for (auto _ : state) {
    Drbg drbg(++seed, "bench-search");
    auto r = search_dh_private(*group, peer->public_value(), zeros, drbg, kMaxTries);
    if (!r || leading_zero_bytes(r->z_padded) < zeros) return state.SkipWithError("search failed");
    tries += r->tries;
  }
  report(state, tries);
}

void BM_EcSearch(benchmark::State& state, NamedGroup group, size_t zeros) {
  Drbg peer_drbg(1, "bench-peer");
  auto peer = EcdhKey::generate(group, peer_drbg);
  if (!peer) return state.SkipWithError(peer.error().c_str());
  uint64_t tries = 0, seed = 0;
  for (auto _ : state) {
    Drbg drbg(++seed, "bench-search");
    auto r = search_ec_private(group, peer->public_value(), zeros, drbg, kMaxTries);
    if (!r || leading_zero_bytes(r->shared) < zeros) return state.SkipWithError("search failed");
    tries += r->tries;
  }
  report(state, tries);
}

BENCHMARK_CAPTURE(BM_DhSearch, ffdhe2048_N1, &ffdhe2048(), 1)->Iterations(kSearches)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_DhSearch, sparse2049_N2, &sparse2049(), 2)->Iterations(kSearches)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_EcSearch, secp256r1_N1, NamedGroup::secp256r1, 1)
    ->Iterations(kSearches)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_EcSearch, x25519_N1, NamedGroup::x25519, 1)->Iterations(kSearches)->Unit(benchmark::kMillisecond);

}  // namespace
