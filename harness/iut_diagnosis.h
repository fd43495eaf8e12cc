// What the harness itself can tell about an IUT that misbehaved mechanically — it crashed, hung,
// closed the connection, or answered with bytes that are not TLS — added to a unit's result in
// words a vendor can act on. The catalog decides the verdict of a wrong answer; a crash during the
// scenario is always a fail, whatever the connections showed (a dead IUT has no right answer).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "harness/iut_runner.h"
#include "peers/engine/report.h"
#include "results/result.h"

namespace tlsc::harness {

struct IutDiagnosisInput {
  std::string who;                        // "the IUT server" / "the IUT client"
  IutFate crash;                          // crashed: it died of a signal we did not send
  bool client_hung = false;               // an IUT client was killed at its deadline
  int client_timeout_ms = 0;
  std::chrono::milliseconds io_timeout{5000};  // our peer's wait for each answer
  std::chrono::milliseconds unit_timeout{0};   // the unit's overall deadline
};

// "crashed (signal 11, Segmentation fault)" and the like.
std::string describe_crash(const IutFate& f);

// True if `bytes` (what the IUT sent first) cannot be the start of a TLS record.
bool looks_like_tls(const std::vector<uint8_t>& bytes);

// Adds the harness's finding to `r` (reason, diagnosis, verdict for a crash, observation
// "iut_fault": crashed|deadline|flood|hung|closed|not-tls|unsupported). An IUT that exited 89
// (in.crash.unsupported) makes the unit a skip with that reason. A unit whose IUT kept a connection
// going past the unit's deadline, or flooded it past a cap (warning alerts, records, handshake
// bytes, recorded bytes or messages), fails whatever the catalog says, with that as its reason.
void add_iut_diagnosis(results::Result& r, const std::vector<engine::ConnectionReport>& reports,
                       const IutDiagnosisInput& in);

}  // namespace tlsc::harness
