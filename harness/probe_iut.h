// `tlsconform probe --iut NAME [--config C]`: starts the profile's IUT server (in a network
// namespace of its own where the profile says so), probes it like a --target, stops it, and checks
// the profile's claims: a capability the profile declares that the server does not show is a
// warning naming the finding (exit 1), one it shows but the profile does not declare is a note.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "harness/probe.h"

namespace tlsc::harness {

// The capabilities a probe can see for itself (key exchanges, groups, EMS, resumption); the
// others (client-auth, configurations' switches) are not judged.
bool probe_can_see(const std::string& capability);

struct ClaimCheck {
  std::vector<std::string> unconfirmed;  // declared, not shown: "dhe (no: handshake_failure)"
  std::vector<std::string> undeclared;   // shown, not declared
};
ClaimCheck check_claims(const std::set<std::string>& declared, const ProbeResult& found);

struct ProbeIutOptions {
  std::string iut;
  std::string config = "default";
  std::string profiles;  // default: the built-in profiles
  std::string workdir;   // default: a fresh folder under the temp directory
};

// The probe of the profile's server, or a result whose `error` says why there is none.
ProbeResult probe_profile_server(const ProbeIutOptions& o, std::chrono::milliseconds io, std::set<std::string>* declared);

}  // namespace tlsc::harness
