#include "results/report/load.h"

#include <cctype>
#include <map>
#include <tuple>

namespace tlsc::results {
namespace fs = std::filesystem;

namespace {

fs::path resolve(const fs::path& p) {
  std::error_code ec;
  if (!fs::is_directory(p, ec)) return p;
  if (fs::exists(p / "results.json", ec)) return p / "results.json";
  return p / "results.jsonl";
}

// "FILE:LINE: message" -> ("FILE", "LINE", "message"); "FILE: message" -> ("FILE", "", "message").
// FILE is known (it is the path we read), so split after it.
std::tuple<std::string, std::string, std::string> split_problem(const std::string& p, const std::string& file) {
  if (p.compare(0, file.size(), file) != 0 || p.size() <= file.size() || p[file.size()] != ':') return {"", "", p};
  std::string rest = p.substr(file.size() + 1);
  size_t i = 0;
  while (i < rest.size() && (std::isdigit(static_cast<unsigned char>(rest[i])) != 0)) ++i;
  if (i > 0 && i < rest.size() && rest[i] == ':') return {file, rest.substr(0, i), rest.substr(i + 1)};
  return {file, "", rest};
}

std::vector<std::string> group_for_file(const std::vector<std::string>& problems, const std::string& file) {
  std::vector<std::string> out;
  std::map<std::string, size_t> first;   // message -> index in out
  std::map<std::string, size_t> repeats;
  for (const auto& p : problems) {
    auto [f, pos, msg] = split_problem(p, file);
    if (f.empty() || pos.empty()) {
      out.push_back(p);
      continue;
    }
    auto it = first.find(msg);
    if (it == first.end()) {
      first[msg] = out.size();
      out.push_back(p);
    } else {
      ++repeats[msg];
    }
  }
  for (const auto& [msg, n] : repeats)
    out[first[msg]] += " (and " + std::to_string(n) + " more line" + (n == 1 ? "" : "s") + " like it)";
  return out;
}

}  // namespace

std::vector<std::string> group_problems(const std::vector<std::string>& problems) {
  // Group per file, keeping the order in which files first appear.
  std::vector<std::string> files;
  std::map<std::string, std::vector<std::string>> by_file;
  for (const auto& p : problems) {
    // The file is everything before the first ":<digits>:" or ": ".
    std::string file = p;
    for (size_t i = 0; i < p.size(); ++i) {
      if (p[i] != ':') continue;
      size_t j = i + 1;
      while (j < p.size() && std::isdigit(static_cast<unsigned char>(p[j])) != 0) ++j;
      if ((j > i + 1 && j < p.size() && p[j] == ':') || (j == i + 1 && j < p.size() && p[j] == ' ')) {
        file = p.substr(0, i);
        break;
      }
    }
    if (!by_file.count(file)) files.push_back(file);
    by_file[file].push_back(p);
  }
  std::vector<std::string> out;
  for (const auto& f : files)
    for (auto& line : group_for_file(by_file[f], f)) out.push_back(std::move(line));
  return out;
}

LoadedResults load_results(const std::vector<fs::path>& paths) {
  LoadedResults out;
  using Key = std::tuple<std::string, std::string, std::string, Role, std::string>;
  std::map<Key, size_t> index;
  std::vector<std::string> problems;
  for (const auto& given : paths) {
    const fs::path path = resolve(given);
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
      problems.push_back(path.string() + ": " + (fs::exists(path, ec) ? "not a regular file" : "no such file"));
      continue;
    }
    ReadOutcome read = read_results(path);
    for (auto& p : read.problems) {
      const std::string_view kSkipped = "skipped";
      if (p.size() >= kSkipped.size() && p.compare(p.size() - kSkipped.size(), kSkipped.size(), kSkipped) == 0)
        ++out.skipped_records;
      problems.push_back(std::move(p));
    }
    if (read.run) out.runs.push_back(*read.run);
    if (!read.results.empty()) ++out.files_with_results;
    for (auto& r : read.results) {
      Key key{r.iut, r.iut_version, r.iut_config, r.role, r.scenario};
      auto it = index.find(key);
      if (it != index.end()) {
        out.results[it->second] = std::move(r);
        out.sources[it->second] = path;
      } else {
        index.emplace(std::move(key), out.results.size());
        out.results.push_back(std::move(r));
        out.sources.push_back(path);
      }
    }
  }
  out.problems = group_problems(problems);
  return out;
}

}  // namespace tlsc::results
