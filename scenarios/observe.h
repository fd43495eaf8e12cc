// From what our peer saw on one connection to what scenarios reason about: the outcome and the
// named observations (the fields a catalog Check may test).
#pragma once

#include <nlohmann/json.hpp>

#include "peers/engine/report.h"
#include "scenarios/model.h"

namespace tlsc::scenarios {

Outcome classify(const engine::ConnectionReport& r);

// Every field of tls_observation_fields(), in that order, from connection_json().
nlohmann::ordered_json observe(const engine::ConnectionReport& r);

// Whether `check` holds on observations `obs`; on failure `why` says what was seen.
bool holds(const Check& check, const nlohmann::ordered_json& obs, std::string* why);

}  // namespace tlsc::scenarios
