// The pass/fail matrix every report draws: rows are scenarios grouped by family, columns are
// IUT x role (x version and configuration where an IUT has more than one), cells are results.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "results/result.h"

namespace tlsc::results {

struct Column {
  std::string iut;
  std::string iut_version;
  std::string iut_config;
  Role role = Role::server;
  std::string label;  // "openssl server", "openssl 3.0.19 client ems-off" where needed to tell apart
  std::string id;     // "openssl.server" (+ ".3.0.19" version, + ".ems-off" configuration as in label)
};

struct Family {
  std::string name;                  // first dot component of the scenario ids
  std::vector<std::string> clauses;  // distinct "RFC 7627 5.3" its results cite, in order seen
  std::vector<size_t> rows;          // indexes into Matrix::rows
};

struct Row {
  std::string scenario;
  std::string family;
  std::string clause;  // the first RFC clause its results cite ("RFC 7627 5.3 MUST"), or ""
};

struct Matrix {
  std::vector<Column> columns;  // by IUT, version, configuration, then server before client
  std::vector<Row> rows;        // by family, then scenario id
  std::vector<Family> families; // by name
  // cells[row][column]: index into the results the matrix was built from, or nullopt (not run).
  std::vector<std::vector<std::optional<size_t>>> cells;
};

std::string family_of(const std::string& scenario);
// "RFC 7627 5.3 MUST" (level omitted when empty).
std::string clause_text(const RfcRef& ref);
Matrix build_matrix(const std::vector<Result>& results);
// Index of the column `r` belongs to in `m`.
std::optional<size_t> column_of(const Matrix& m, const Result& r);

}  // namespace tlsc::results
