// Where a run's results live on disk.
//
// While a run goes, each finished Result is appended to `results.jsonl` as one line with a single
// write(2) and fdatasync, so a crash (or SIGKILL) of tlsconform loses no finished result. At the
// end `results.json` holds the whole run, written to a temporary file and renamed into place.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "results/result.h"

namespace tlsc::results {

struct RunInfo {
  std::string run_id;
  std::string tool_version;
  std::string started;   // ISO 8601 UTC
  std::string finished;  // ISO 8601 UTC, empty while running
  uint64_t seed = 0;
  std::vector<std::string> argv;
  std::string host;      // the machine tlsconform ran on (gethostname); "" in files written before it was recorded
  friend bool operator==(const RunInfo&, const RunInfo&) = default;
};

class JsonlWriter {
 public:
  JsonlWriter() = default;
  JsonlWriter(const JsonlWriter&) = delete;
  JsonlWriter& operator=(const JsonlWriter&) = delete;
  ~JsonlWriter();

  // Opens (creating or appending to) `path`; on failure sets `error` to one line naming it.
  bool open(const std::filesystem::path& path, std::string* error);
  // Appends one result as one line and syncs it to disk. Thread-safe.
  bool append(const Result& r, std::string* error);
  void close();

 private:
  int fd_ = -1;
  std::filesystem::path path_;
};

// What could be read from a results file, and one line per problem ("FILE:LINE: what").
struct ReadOutcome {
  std::optional<RunInfo> run;  // from results.json only
  std::vector<Result> results;
  std::vector<std::string> problems;
};

// Reads results.jsonl: every well-formed line is kept; a malformed or truncated line (the last
// line of an interrupted run) is reported with its line number and skipped.
ReadOutcome read_jsonl(const std::filesystem::path& path);
// Reads results.json (the whole run); reports the position of a parse error or the index of a
// malformed result, keeping the others.
ReadOutcome read_run_json(const std::filesystem::path& path);
// Either of the two, by content: a file that parses as one JSON object holding "results" (any
// layout: one line or pretty-printed) is a run file, anything else is read as JSON Lines.
ReadOutcome read_results(const std::filesystem::path& path);

// The "run" object of results.json. "host" was added within schema version 1: a file without it
// reads with an empty host (the field is optional; a present one must be a string).
nlohmann::ordered_json run_info_to_json(const RunInfo& run);

bool write_run_json(const std::filesystem::path& path, const RunInfo& run, const std::vector<Result>& results,
                    std::string* error);

// Current UTC time as ISO 8601 ("2026-11-28T12:00:00Z").
std::string utc_now();
// This machine's host name (gethostname), "" when it cannot be read.
std::string host_name();

}  // namespace tlsc::results
