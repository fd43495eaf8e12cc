// Our peer's settings and quirks as catalog and persona files write them ("peer": {...},
// "quirks": {...}), parsed once into typed values; every problem is one line naming the field.
#pragma once

#include "peers/engine/quirks.h"
#include "scenarios/json_fields.h"
#include "scenarios/model.h"

namespace tlsc::scenarios {

// The settings of our peer opposite an IUT in `iut_role` (client-only settings are refused when
// our peer is the server, and the other way round). `ftps_data`: the peer of an FTPS data
// connection, which takes `ems` and `resume` ("id", "ticket" or "none") only.
PeerSettings parse_peer(const fields::json& j, const fields::Where& w, Role iut_role, bool ftps_data = false);

// Quirk name -> value, parsed for the switchboard of OUR peer's role (opposite of the IUT's).
engine::QuirkChanges parse_quirks(const fields::json& j, const fields::Where& w, Role iut_role);

}  // namespace tlsc::scenarios
