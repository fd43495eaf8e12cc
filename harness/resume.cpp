#include "harness/resume.h"

#include <fcntl.h>
#include <unistd.h>

#include <set>

#include "results/run_store.h"

namespace tlsc::harness {
namespace fs = std::filesystem;

std::string unit_key(const std::string& iut, const std::string& config, const std::string& scenario) {
  return iut + "/" + config + "/" + scenario;
}

std::string unit_key(const results::Result& r) { return unit_key(r.iut, r.iut_config, r.scenario); }

std::optional<ResumeState> load_resume_state(const fs::path& dir, std::string* error) {
  const fs::path file = dir / "results.jsonl";
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    *error = file.string() + ": no results to resume (the file does not exist)";
    return std::nullopt;
  }
  auto read = results::read_jsonl(file);
  ResumeState st;
  st.problems = read.problems;
  std::set<std::string> seen;
  for (auto& r : read.results) {
    // A unit recorded twice (a resumed run that was itself interrupted mid-write) counts once.
    if (!seen.insert(unit_key(r)).second) continue;
    if (st.run_id.empty()) st.run_id = r.run_id;
    st.results.push_back(std::move(r));
  }
  // Rewrite the file with the good lines only.
  const fs::path tmp = dir / "results.jsonl.tmp";
  fs::remove(tmp, ec);
  {
    results::JsonlWriter w;
    if (!w.open(tmp, error)) return std::nullopt;
    for (const auto& r : st.results)
      if (!w.append(r, error)) return std::nullopt;
  }
  fs::rename(tmp, file, ec);
  if (ec) {
    *error = file.string() + ": cannot replace: " + ec.message();
    return std::nullopt;
  }
  if (int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  return st;
}

std::string check_resumed_iuts(const ResumeState& state, const std::vector<std::string>& iuts) {
  const std::set<std::string> have(iuts.begin(), iuts.end());
  std::string list;
  for (const auto& n : iuts) list += (list.empty() ? "" : ", ") + n;
  for (const auto& r : state.results)
    if (!have.count(r.iut))
      return "the recorded run has results of IUT '" + r.iut + "' and this run's IUTs are " + list +
             ": resume with the first run's --iut";
  return "";
}

}  // namespace tlsc::harness
