#include "results/run_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <mutex>
#include <sstream>

namespace tlsc::results {
namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

std::mutex g_append_mutex;

std::string errno_text() { return std::strerror(errno); }

RunInfo run_from_json(const json& j) {
  if (!j.is_object()) throw FormatError("field 'run' must be an object");
  RunInfo run;
  auto s = [&](const char* name) {
    auto it = j.find(name);
    if (it == j.end() || !it->is_string()) throw FormatError(std::string("run field '") + name + "' must be a string");
    return it->get<std::string>();
  };
  run.run_id = s("run_id");
  run.tool_version = s("tool_version");
  run.started = s("started");
  run.finished = s("finished");
  auto seed = j.find("seed");
  if (seed == j.end() || !seed->is_number_unsigned()) throw FormatError("run field 'seed' must be a non-negative integer");
  run.seed = seed->get<uint64_t>();
  auto argv = j.find("argv");
  if (argv == j.end() || !argv->is_array()) throw FormatError("run field 'argv' must be an array");
  for (const auto& a : *argv) {
    if (!a.is_string()) throw FormatError("run field 'argv' must hold strings");
    run.argv.push_back(a.get<std::string>());
  }
  if (auto host = j.find("host"); host != j.end()) {  // optional: older files of schema 1 lack it
    if (!host->is_string()) throw FormatError("run field 'host' must be a string");
    run.host = host->get<std::string>();
  }
  return run;
}

}  // namespace

nlohmann::ordered_json run_info_to_json(const RunInfo& run) {
  return {{"run_id", run.run_id}, {"tool_version", run.tool_version}, {"started", run.started},
          {"finished", run.finished}, {"seed", run.seed}, {"argv", run.argv}, {"host", run.host}};
}

JsonlWriter::~JsonlWriter() { close(); }

bool JsonlWriter::open(const fs::path& path, std::string* error) {
  close();
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    if (error) *error = "cannot open " + path.string() + ": " + errno_text();
    return false;
  }
  path_ = path;
  return true;
}

bool JsonlWriter::append(const Result& r, std::string* error) {
  std::string line = to_json(r).dump() + "\n";
  std::lock_guard lock(g_append_mutex);
  if (fd_ < 0) {
    if (error) *error = "results file is not open";
    return false;
  }
  // One write(2) per line on an O_APPEND descriptor: a line is in the file whole or not at all
  // as far as this process is concerned; the kernel keeps it if we crash right after.
  size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (error) *error = "cannot write " + path_.string() + ": " + errno_text();
      return false;
    }
    done += static_cast<size_t>(n);
  }
  ::fdatasync(fd_);
  return true;
}

void JsonlWriter::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

ReadOutcome read_jsonl(const fs::path& path) {
  ReadOutcome out;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.problems.push_back(path.string() + ": cannot open");
    return out;
  }
  std::string line;
  size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = path.string() + ":" + std::to_string(lineno) + ": ";
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      out.problems.push_back(where + (in.eof() ? "truncated line (interrupted run?), skipped" : "not valid JSON, skipped"));
      continue;
    }
    try {
      out.results.push_back(result_from_json(j));
    } catch (const FormatError& e) {
      out.problems.push_back(where + e.what() + ", skipped");
    }
  }
  return out;
}

ReadOutcome read_run_json(const fs::path& path) {
  ReadOutcome out;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.problems.push_back(path.string() + ": cannot open");
    return out;
  }
  json j;
  try {
    j = json::parse(in);
  } catch (const json::parse_error& e) {
    out.problems.push_back(path.string() + ": byte " + std::to_string(e.byte) + ": not valid JSON");
    return out;
  }
  auto schema = j.find("schema_version");
  if (!j.is_object() || schema == j.end() || *schema != kSchemaVersion) {
    out.problems.push_back(path.string() + ": schema_version is " +
                           (j.is_object() && schema != j.end() ? schema->dump() : std::string("missing")) +
                           ", this tlsconform reads " + std::to_string(kSchemaVersion));
    return out;
  }
  try {
    out.run = run_from_json(j.value("run", json()));
  } catch (const FormatError& e) {
    out.problems.push_back(path.string() + ": " + e.what());
  }
  auto results = j.find("results");
  if (results == j.end() || !results->is_array()) {
    out.problems.push_back(path.string() + ": field 'results' must be an array");
    return out;
  }
  for (size_t i = 0; i < results->size(); ++i) {
    try {
      out.results.push_back(result_from_json((*results)[i]));
    } catch (const FormatError& e) {
      out.problems.push_back(path.string() + ": results[" + std::to_string(i) + "]: " + e.what() + ", skipped");
    }
  }
  return out;
}

ReadOutcome read_results(const fs::path& path) {
  // By content, not by line layout: a file that parses as one JSON object holding "results" (on
  // one line or pretty-printed) is a run file; anything else, including a one-line file holding a
  // single result, is read as JSON Lines. The parser skips a UTF-8 byte order mark.
  // A file that does not parse whole is a broken run file when its first non-blank line opens one
  // (a lone "{", or a one-line run object that does not parse), whose reader reports the byte
  // where parsing stopped; anything else is JSON Lines, read line by line.
  std::ifstream in(path, std::ios::binary);
  if (!in) return read_jsonl(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_discarded()) return j.is_object() && j.contains("results") ? read_run_json(path) : read_jsonl(path);
  std::istringstream lines(text);
  std::string first;
  while (std::getline(lines, first) && first.find_first_not_of(" \t\r") == std::string::npos) {
  }
  if (first.rfind("\xEF\xBB\xBF", 0) == 0) first.erase(0, 3);
  const size_t b = first.find_first_not_of(" \t\r"), e = first.find_last_not_of(" \t\r");
  const std::string head = b == std::string::npos ? "" : first.substr(b, e - b + 1);
  const bool opens_run = head == "{" || (head.rfind('{', 0) == 0 && head.find("\"results\"") != std::string::npos &&
                                         json::parse(head, nullptr, /*allow_exceptions=*/false).is_discarded());
  return opens_run ? read_run_json(path) : read_jsonl(path);
}

bool write_run_json(const fs::path& path, const RunInfo& run, const std::vector<Result>& results,
                    std::string* error) {
  nlohmann::ordered_json j;
  j["schema_version"] = kSchemaVersion;
  j["run"] = run_info_to_json(run);
  auto& arr = j["results"] = nlohmann::ordered_json::array();
  for (const auto& r : results) arr.push_back(to_json(r));
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << j.dump(2) << "\n";
    if (!out.flush()) {
      if (error) *error = "cannot write " + tmp.string();
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    if (error) *error = "cannot rename " + tmp.string() + " to " + path.string() + ": " + ec.message();
    return false;
  }
  return true;
}

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string host_name() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0) return "";
  return buf;
}

}  // namespace tlsc::results
