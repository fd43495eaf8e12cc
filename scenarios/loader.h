// Loads the catalog: JSON files (one per family) under a folder, matrix-expanded and validated.
// Every problem is one line naming the file, the scenario id and the field:
//   scenarios/catalog/ems.json: ems.full.negotiated.srv: connections[0].peer.emz: unknown field
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "scenarios/json_fields.h"
#include "scenarios/model.h"

namespace tlsc::scenarios {

// Parses one catalog file's text (`file` is only used in messages). Throws LoadError.
std::vector<Scenario> load_catalog_text(const std::string& text, const std::string& file);
// Every *.json file in `dir`, sorted by name; ids must be unique across files. Throws LoadError.
std::vector<Scenario> load_catalog(const std::filesystem::path& dir);

// The catalog folder: $TLSC_CATALOG if set, else the source tree's scenarios/catalog.
std::filesystem::path default_catalog_dir();

}  // namespace tlsc::scenarios
