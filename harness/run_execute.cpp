#include "harness/run_execute.h"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "harness/interrupt.h"
#include "harness/run_unit.h"

namespace tlsc::harness {

namespace {

// Units already recorded (--resume) are not run again: their results go into `out`, the rest
// is returned, longest first (slow ones, fallback searches), so that no long unit starts last
// and runs alone; results are still reported in plan order.
std::vector<size_t> units_to_run(const RunPlan& plan, const RunFolder& folder, RunOutcomes& out) {
  std::map<std::string, const results::Result*> recorded;
  if (folder.resumed)
    for (const auto& r : folder.resumed->results) recorded[unit_key(r)] = &r;
  std::vector<size_t> todo;
  for (size_t i = 0; i < plan.units.size(); ++i) {
    const Unit& u = plan.units[i];
    auto it = recorded.find(unit_key(u.profile->name, u.config_label, u.scenario->id));
    if (it == recorded.end()) {
      todo.push_back(i);
      continue;
    }
    out.done[i] = *it->second;
    out.have[i] = 1;
    recorded.erase(it);
  }
  if (folder.resumed)  // in file order
    for (const auto& r : folder.resumed->results)
      if (recorded.count(unit_key(r))) out.recorded_elsewhere.push_back(r);
  auto cost = [&](size_t i) {
    const auto& s = *plan.units[i].scenario;
    return (s.slow ? 1000 : 0) + (s.fallback ? 100 : 0) + static_cast<int>(s.connections.size());
  };
  std::stable_sort(todo.begin(), todo.end(), [&](size_t a, size_t b) { return cost(a) > cost(b); });
  return todo;
}

// The live progress: one rewritten line on a terminal, a line per result otherwise, nothing with --quiet.
class Progress {
 public:
  Progress(const RunCommandOptions& o, size_t total, std::chrono::steady_clock::time_point started)
      : quiet_(o.quiet), tty_(::isatty(STDERR_FILENO)), total_(total), started_(started) {}

  void finished(const Unit& u, const results::Result& r) {
    if (r.verdict == results::Verdict::fail || r.verdict == results::Verdict::error) ++fails_;
    const size_t n = ++finished_;
    if (quiet_) return;
    std::lock_guard lock(mu_);
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    const double eta = n ? elapsed / n * (total_ - n) : 0;
    if (tty_)
      fmt::print(stderr, "\r\x1b[K[{}/{}] fails {} elapsed {:.0f}s eta {:.0f}s  {:.48}", n, total_, fails_.load(), elapsed,
                 eta, u.scenario->id);
    else
      fmt::print(stderr, "[{}/{}] {} {} {}\n", n, total_, results::to_string(r.verdict), u.profile->name,
                 u.scenario->id);
  }
  // A line that must not land inside the progress line.
  void say(const std::string& line) {
    std::lock_guard lock(mu_);
    fmt::print(stderr, "{}{}\n", tty_ && !quiet_ ? "\n" : "", line);
  }
  void end(bool stopped) {
    if (tty_ && !quiet_ && !stopped) fmt::print(stderr, "\n");
  }

 private:
  const bool quiet_, tty_;
  const size_t total_;
  const std::chrono::steady_clock::time_point started_;
  std::atomic<size_t> finished_{0}, fails_{0};
  std::mutex mu_;
};

// What the run adds to a unit's result.
void complete_result(const RunSetup& setup, const RunPlan& plan, const RunFolder& folder, const Unit& u,
                     results::Result& r) {
  r.run_id = folder.info.run_id;
  r.iut = u.profile->name;
  r.iut_version = plan.versions.at(u.profile->name);
  r.iut_config = u.config_label;  // the run's configuration: the matrix column
  // The configurations the IUT really ran in, when the scenario added its own (e.g.
  // client-cert-required for certreq.resume-authenticated.srv).
  if (!u.configs.empty() && !(u.configs.size() == 1 && u.configs[0] == u.config_label))
    r.observations["iut_configs"] = u.configs;
  apply_expectations(setup.expectations, r);
}

// Runs the pool until every worker is done; a stop signal kills the IUTs at once.
void run_pool(unsigned width, const std::function<void()>& worker, Progress& progress) {
  std::atomic<size_t> workers_done{0};
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < width; ++t)
    pool.emplace_back([&] {
      worker();
      ++workers_done;
    });
  bool killed = false;
  auto stop_iuts = [&] {
    killed = true;
    const int groups = interrupt::kill_tracked();
    progress.say(fmt::format("tlsconform run: interrupted (signal {}): stopped {} IUT process group(s)",
                             interrupt::received(), groups));
  };
  while (workers_done.load() < pool.size()) {
    if (interrupt::requested() && !killed) stop_iuts();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  for (auto& t : pool) t.join();
  if (interrupt::requested() && !killed) stop_iuts();  // the workers saw it first
}

}  // namespace

RunOutcomes execute_units(const RunCommandOptions& o, const RunSetup& setup, const RunPlan& plan, RunFolder& folder,
                          std::chrono::steady_clock::time_point started) {
  RunOutcomes out;
  out.done.resize(plan.units.size());
  out.have.assign(plan.units.size(), 0);
  const std::vector<size_t> todo = units_to_run(plan, folder, out);
  if (folder.resumed && !o.quiet)
    fmt::print(stderr, "resuming {}: {} results already there, {} units to run\n", folder.out.string(),
               folder.resumed->results.size(), todo.size());
  // Remote mode: one endpoint, one unit at a time.
  const unsigned jobs = setup.remote ? 1u : o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  Progress progress(o, todo.size(), started);
  UnitContext ctx{o, setup, folder.out, folder.pki, folder.pki_vars, jobs, folder.run_seed, nullptr};
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t k = next++; k < todo.size() && !interrupt::requested(); k = next++) {
      const size_t i = todo[k];
      const Unit& u = plan.units[i];
      UnitContext mine = ctx;
      mine.prompt = [&](const std::string& line) { progress.say(u.scenario->id + ": " + line); };
      const auto unit_started = std::chrono::steady_clock::now();
      results::Result r = run_unit(mine, u);
      if (interrupt::requested()) break;  // cut short by the interruption: not a result
      // A result that ended before its scenario ran (an IUT that did not start) took time too.
      if (r.duration_s <= 0)
        r.duration_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - unit_started).count();
      complete_result(setup, plan, folder, u, r);
      if (std::string werr; !folder.jsonl.append(r, &werr)) progress.say("tlsconform run: " + werr);
      progress.finished(u, r);
      out.done[i] = std::move(r);
      out.have[i] = 1;
    }
  };
  run_pool(static_cast<unsigned>(std::min<size_t>(jobs, std::max<size_t>(todo.size(), 1))), worker, progress);
  out.stopped_by = interrupt::received();
  progress.end(out.stopped_by != 0);
  return out;
}

}  // namespace tlsc::harness
