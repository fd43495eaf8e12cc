// The overall deadline of one unit (IUT x configuration x scenario): what a correct IUT needs at
// most, derived from the scenario's connections and the I/O timeout, so that no unit lasts as long
// as the IUT wants (a peer that drips a warning alert every 2 s never lets one read time out).
#pragma once

#include <chrono>

#include "scenarios/model.h"

namespace tlsc::harness {

// 4 x io per connection the scenario may run (its connections, again for each probe, the
// statistical handshakes of --repeat), plus `accept` per connection when the IUT is the client
// (starting it and waiting for it to connect); max(1 s, io / 5) per fallback attempt (each one
// handshake that ends at once); three times as much per connection for an FTPS session (control
// and data connections).
std::chrono::milliseconds unit_timeout(const scenarios::Scenario& s, std::chrono::milliseconds io,
                                       std::chrono::milliseconds accept, int repeat);

}  // namespace tlsc::harness
