#include "results/report/json_report.h"

namespace tlsc::results {

std::string render_json(const RunInfo& run, const std::vector<Result>& results) {
  nlohmann::ordered_json j;
  j["schema_version"] = kSchemaVersion;
  j["run"] = run_info_to_json(run);
  auto& arr = j["results"] = nlohmann::ordered_json::array();
  for (const auto& r : results) arr.push_back(to_json(r));
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace tlsc::results
