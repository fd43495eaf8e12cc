// The test PKI, generated once per user and reused while valid (generating it costs a few hundred
// milliseconds of RSA key generation, more than a one-scenario run). The cache is keyed by what
// the PKI contains (spec_key()), private to its user (a folder of mode 0700 that the user owns,
// or it is not used) and copied into each run's pki/ folder, with pki/source saying where it came
// from. A cached PKI that does not read back whole is replaced, with one line saying so.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "peers/pki/test_pki.h"

namespace tlsc::pki {

// A digest of what generate() makes (key kinds, names, uses, validity, file set): a change to any
// of it makes another key, so an old cache is never taken for a new spec.
std::string spec_key();

// $TLSC_PKI_CACHE if set ("" or "off": no cache), else $XDG_CACHE_HOME/tlsconform, else
// $HOME/.cache/tlsconform; empty when none can be found.
std::filesystem::path default_cache_root();

struct CachedPki {
  TestPki pki;            // in the run's folder
  bool generated = false; // keys were generated for this run (no usable cache)
  std::string source;     // one line: where the files came from
  std::string notice;     // one line for stderr, or "" (a replaced or refused cache)
};

// The PKI in `run_dir` (the run's pki/ folder): the one already there if it is whole, else the
// cache's under `cache_root` (empty: no cache, generated in `run_dir`). nullopt and `error` (one line) when it cannot be made.
std::optional<CachedPki> ensure_cached(const std::filesystem::path& run_dir, const std::filesystem::path& cache_root,
                                       std::string* error, const std::string& key = spec_key());

}  // namespace tlsc::pki
