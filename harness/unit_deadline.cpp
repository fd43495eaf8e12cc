#include "harness/unit_deadline.h"

#include <algorithm>

namespace tlsc::harness {

std::chrono::milliseconds unit_timeout(const scenarios::Scenario& s, std::chrono::milliseconds io,
                                       std::chrono::milliseconds accept, int repeat) {
  using std::chrono::milliseconds;
  const auto n = static_cast<int64_t>(s.connections.size());
  int64_t connections = n * (1 + static_cast<int64_t>(s.probes.size()));
  if (s.statistical) connections += std::max(repeat, 0);
  milliseconds per_connection = 4 * io;
  if (s.protocol == "ftps") per_connection *= 3;
  if (s.role == results::Role::client) per_connection += accept;
  milliseconds total = per_connection * connections;
  if (s.fallback) total += std::max(milliseconds(1000), io / 5) * static_cast<int64_t>(std::max(s.fallback->max_attempts, 0));
  return total;
}

}  // namespace tlsc::harness
