// Whether a scenario applies to an IUT: ONE rule, used by the run's plan (what is not planned)
// and by the interpreter (what it refuses to run).
#pragma once

#include <set>
#include <string>

#include "scenarios/model.h"

namespace tlsc::scenarios {

// What an IUT offers that decides whether a scenario applies to it.
struct IutTraits {
  std::string protocol;     // "tls" or "ftps"
  bool has_server = false;  // a server to run server-role scenarios against (a command or an endpoint)
  bool has_client = false;  // a client for the client-role scenarios
  const std::set<std::string>* capabilities = nullptr;  // nullptr: not known yet (the plan)
};

// Checked in this order; the first that holds is the answer.
enum class Inapplicable {
  kNone,        // the scenario applies
  kProtocol,    // it is for IUTs of another protocol: not planned
  kRole,        // the IUT has no command (or endpoint) for its role: not planned
  kCapability,  // the IUT (in this configuration) lacks a capability it needs: a skip
};

struct Applicability {
  Inapplicable kind = Inapplicable::kNone;
  std::string reason;  // one line, "" for kNone
};

Applicability applicability(const Scenario& s, const IutTraits& iut);

}  // namespace tlsc::scenarios
