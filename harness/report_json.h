// ConnectionReport -> JSON: the one shape in which a connection of our peer is written out
// (`tlsconform peer ... --json` lines, and the scenario layer's observations). Key order is fixed.
#pragma once

#include <nlohmann/json.hpp>

#include "peers/engine/report.h"

namespace tlsc::harness {

// Keys, in order: role, seed, handshake_complete, version, suite, group, ems_offered, ems_echoed,
// master_secret, premaster, leading_zeros, key_search_tries, resumption_offered,
// resumption_offered_by, resumed, session_id (hex), ticket_issued, certificate_requested,
// client_certificate, secure_renegotiation, renegotiated, messages, alerts [{sent, level,
// description}], closure, closure_detail, error, error_detail, oracle ({master_secret, premaster,
// summary} or null). version is null until chosen, suite until a ServerHello carried it; group,
// master_secret, premaster and the other texts are null while empty.
nlohmann::ordered_json report_to_json(const engine::ConnectionReport& report);

}  // namespace tlsc::harness
