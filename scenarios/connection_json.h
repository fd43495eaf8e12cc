// ConnectionReport -> JSON: the one record of a connection of our peer. `tlsconform peer --json`
// prints it whole; observe() (scenarios/observe.h) takes the observation fields from it.
#pragma once

#include <nlohmann/json.hpp>

#include "peers/engine/report.h"

namespace tlsc::scenarios {

// Keys, in order: role, seed, handshake_complete, version, suite, group, ems_offered, ems_echoed,
// master_secret, premaster, premaster_leading_zeros, key_search_tries, resumption_offered,
// resumption_offered_by, resumed, session_id (hex), ticket_issued, certificate_requested,
// client_certificate, secure_renegotiation, renegotiated, messages, alerts [{sent, level,
// description}], peer_alert, our_alert, closure, closure_detail, error, error_detail,
// oracle_master_secret, oracle_premaster, oracle_summary, app_data_echoed, hello_request_answer,
// hung, messages_after_server_hello_done. A text that is not known is "": version until one is
// chosen, suite until a ServerHello carried it, error when there was none, the oracle's fields
// when the oracle did not run.
nlohmann::ordered_json connection_json(const engine::ConnectionReport& r);

}  // namespace tlsc::scenarios
