#include "results/report/rerun.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace tlsc::results {
namespace {

// Quotes a word for a POSIX shell when it holds anything but safe characters.
std::string shell_word(const std::string& w) {
  const bool safe = !w.empty() && std::all_of(w.begin(), w.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || std::string_view("-_.,:/+=@%#").find(c) != std::string_view::npos;
  });
  if (safe) return w;
  std::string q = "'";
  for (char c : w) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// The value after `flag` in argv ("--flag value" or "--flag=value"), or "".
std::string flag_value(const std::vector<std::string>& argv, const std::string& flag) {
  for (size_t i = 0; i < argv.size(); ++i) {
    if (argv[i] == flag && i + 1 < argv.size()) return argv[i + 1];
    if (argv[i].rfind(flag + "=", 0) == 0) return argv[i].substr(flag.size() + 1);
  }
  return "";
}

// The recorded run's options that decide a verdict, as given: the catalog and profiles read, the
// expectations applied, the timeouts and the statistical repeat count.
std::string verdict_options(const std::vector<std::string>& argv) {
  static const std::vector<std::string> kValued = {"--profiles", "--catalog", "--expect", "--io-timeout-ms",
                                                   "--unit-timeout-ms", "--repeat"};
  std::string out;
  for (size_t i = 0; i < argv.size(); ++i) {
    if (argv[i] == "--no-default-expect") out += " --no-default-expect";
    for (const auto& flag : kValued) {
      if (argv[i] == flag && i + 1 < argv.size()) out += " " + flag + " " + shell_word(argv[i + 1]);
      if (argv[i].rfind(flag + "=", 0) == 0) out += " " + flag + " " + shell_word(argv[i].substr(flag.size() + 1));
    }
  }
  return out;
}

}  // namespace

RunIndex index_runs(const std::vector<RunInfo>& runs) {
  RunIndex index;
  for (const auto& r : runs) index[r.run_id] = r;
  return index;
}

std::string rerun_command(const Result& r, const RunIndex& runs) {
  const auto run = runs.find(r.run_id);
  std::string cmd = "tlsconform run";
  std::string note;
  if (run != runs.end()) {
    const std::string target = flag_value(run->second.argv, "--target");
    const std::string listen = flag_value(run->second.argv, "--listen");
    if (!target.empty() || !listen.empty()) {
      note = " (remote IUT: start it as for the recorded run first)";
      cmd += !target.empty() ? " --target " + shell_word(target) : " --listen " + shell_word(listen);
      const std::string name = flag_value(run->second.argv, "--iut-name");
      if (!name.empty()) cmd += " --iut-name " + shell_word(name);
    } else {
      cmd += " --iut " + shell_word(r.iut);
    }
  } else {
    cmd += " --iut " + shell_word(r.iut);
  }
  if (r.iut_config != "default" && !r.iut_config.empty()) cmd += " --config " + shell_word(r.iut_config);
  if (run != runs.end()) cmd += verdict_options(run->second.argv);
  cmd += " --scenario " + shell_word(r.scenario);
  if (run != runs.end())
    cmd += " --seed " + std::to_string(run->second.seed);
  else
    cmd += " --seed '<seed of run " + r.run_id + ": in its results.json, not in results.jsonl>'";
  return cmd + note;
}

std::string transcript_list(const Result& r) {
  std::string out;
  for (const auto& t : r.transcripts) out += (out.empty() ? "" : ", ") + t;
  return out.empty() ? "none recorded" : out;
}

}  // namespace tlsc::results
