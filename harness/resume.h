// `tlsconform run --resume DIR`: what an interrupted run already finished.
//
// DIR/results.jsonl holds one line per finished result (written and synced one at a time, so a
// SIGKILL loses at most the line being written). The file is read, a torn last line dropped, and
// the file rewritten with the good lines only (temporary file, fsync, rename) so the resumed run
// appends on a fresh line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "results/result.h"

namespace tlsc::harness {

struct ResumeState {
  std::vector<results::Result> results;  // finished results, in file order, one per unit key
  std::vector<std::string> problems;     // lines that were dropped ("FILE:LINE: what")
  std::string run_id;                    // of the recorded run ("" if no result)
};

// The unit key of a result: iut, configuration and scenario.
std::string unit_key(const std::string& iut, const std::string& config, const std::string& scenario);
std::string unit_key(const results::Result& r);

// Reads and cleans DIR/results.jsonl. nullopt (with `error`) if the file cannot be read or
// rewritten; a missing file is an error too (nothing to resume).
std::optional<ResumeState> load_resume_state(const std::filesystem::path& dir, std::string* error);

// A resumed run continues the same run: "" if every recorded result is of one of `iuts` (this
// run's IUT names), else one line naming the IUT the recorded run had and this one has not.
std::string check_resumed_iuts(const ResumeState& state, const std::vector<std::string>& iuts);

}  // namespace tlsc::harness
