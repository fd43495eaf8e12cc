#include "scenarios/applicability.h"

namespace tlsc::scenarios {

Applicability applicability(const Scenario& s, const IutTraits& iut) {
  if (s.protocol != iut.protocol)
    return {Inapplicable::kProtocol,
            "the scenario is for " + s.protocol + " IUTs; this IUT is a " + iut.protocol + " IUT"};
  if (s.role == results::Role::server ? !iut.has_server : !iut.has_client)
    return {Inapplicable::kRole, std::string("the IUT has no ") + (s.role == results::Role::server ? "server" : "client") +
                                     " for the scenario's role"};
  if (iut.capabilities)
    for (const auto& c : s.requires_caps)
      if (!iut.capabilities->count(c))
        return {Inapplicable::kCapability, "the IUT (in this configuration) lacks the capability '" + c + "'"};
  return {};
}

}  // namespace tlsc::scenarios
