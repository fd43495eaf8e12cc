// What a remote run knows that the catalog's judgement cannot: a server that asks for a client
// certificate in a scenario that is not about client authentication. Such a unit's failure says
// nothing about the clause it tests, so it must not be a fail (issue 12): it becomes a skip when
// we had no certificate to give ("the server requires a client certificate: pass --client-cert"),
// and an error when the server refused the one we gave. Applied to the finished result, after
// the judgement; the judge itself is untouched.
#pragma once

#include <string>
#include <vector>

#include "peers/engine/report.h"
#include "results/result.h"
#include "scenarios/model.h"

namespace tlsc::scenarios {

// Whether the scenario is about client authentication: it requires `client-auth`, or one of its
// connections says whether our client presents a certificate.
bool about_client_auth(const Scenario& s);

// The reason a failing result of `s` (server role) is the server's demand for a client
// certificate, or "" when it is not. `reports`: every connection our client ran for the unit.
std::string client_cert_demand(const Scenario& s, const std::vector<engine::ConnectionReport>& reports);

// Turns a fail, warn or skip (a precondition not reached) of such a unit into skip (no
// certificate given) or error (refused), with the reason above; the judged reason moves to
// `deviation`. Anything else is left as it is.
void apply_client_cert_hint(const Scenario& s, const std::vector<engine::ConnectionReport>& reports,
                            results::Result& result);

}  // namespace tlsc::scenarios
