#include "results/report/matrix.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace tlsc::results {

std::string family_of(const std::string& scenario) { return scenario.substr(0, scenario.find('.')); }

std::string clause_text(const RfcRef& ref) {
  std::string s = "RFC " + ref.rfc;
  if (!ref.section.empty()) s += " " + ref.section;
  if (!ref.level.empty()) s += " " + ref.level;
  return s;
}

namespace {

using ColumnKey = std::tuple<std::string, std::string, std::string, int>;

ColumnKey key_of(const Result& r) {
  // server (the IUT as server) before client
  return {r.iut, r.iut_version, r.iut_config, r.role == Role::server ? 0 : 1};
}

}  // namespace

Matrix build_matrix(const std::vector<Result>& results) {
  Matrix m;
  std::map<ColumnKey, size_t> col_index;
  std::map<std::string, std::set<std::string>> versions, configs;
  for (const auto& r : results) {
    col_index.emplace(key_of(r), 0);
    versions[r.iut].insert(r.iut_version);
    configs[r.iut].insert(r.iut_config);
  }
  for (auto& [key, idx] : col_index) {
    Column c;
    c.iut = std::get<0>(key);
    c.iut_version = std::get<1>(key);
    c.iut_config = std::get<2>(key);
    c.role = std::get<3>(key) == 0 ? Role::server : Role::client;
    c.label = c.iut;
    c.id = c.iut;
    if (versions[c.iut].size() > 1) {
      c.label += " " + c.iut_version;
      c.id += "." + c.iut_version;
    }
    c.label += " " + std::string(to_string(c.role));
    c.id += "." + std::string(to_string(c.role));
    if (configs[c.iut].size() > 1) {
      c.label += " " + c.iut_config;
      c.id += "." + c.iut_config;
    }
    idx = m.columns.size();
    m.columns.push_back(std::move(c));
  }

  std::map<std::pair<std::string, std::string>, size_t> row_index;  // (family, scenario)
  for (const auto& r : results) row_index.emplace(std::pair{family_of(r.scenario), r.scenario}, 0);
  for (auto& [key, idx] : row_index) {
    idx = m.rows.size();
    m.rows.push_back({key.second, key.first, ""});
    if (m.families.empty() || m.families.back().name != key.first) m.families.push_back({key.first, {}, {}});
    m.families.back().rows.push_back(idx);
  }
  m.cells.assign(m.rows.size(), std::vector<std::optional<size_t>>(m.columns.size()));
  std::map<std::string, size_t> family_index;
  for (size_t i = 0; i < m.families.size(); ++i) family_index[m.families[i].name] = i;
  for (size_t i = 0; i < results.size(); ++i) {
    const Result& r = results[i];
    const size_t row = row_index.at({family_of(r.scenario), r.scenario});
    m.cells[row][col_index.at(key_of(r))] = i;
    if (m.rows[row].clause.empty() && !r.rfc.empty()) m.rows[row].clause = clause_text(r.rfc.front());
    auto& clauses = m.families[family_index[m.rows[row].family]].clauses;
    for (const auto& ref : r.rfc) {
      std::string c = "RFC " + ref.rfc + (ref.section.empty() ? "" : " " + ref.section);
      if (std::find(clauses.begin(), clauses.end(), c) == clauses.end()) clauses.push_back(c);
    }
  }
  return m;
}

std::optional<size_t> column_of(const Matrix& m, const Result& r) {
  for (size_t i = 0; i < m.columns.size(); ++i) {
    const Column& c = m.columns[i];
    if (c.iut == r.iut && c.iut_version == r.iut_version && c.iut_config == r.iut_config && c.role == r.role) return i;
  }
  return std::nullopt;
}

}  // namespace tlsc::results
