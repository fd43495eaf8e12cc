// A table of {value, name} rows: the one place the names of an enum (or of a set of values) are
// written. name_of and parse_name read it both ways, table_names lists it for messages, and
// distinct_rows lets the file that holds a table check at compile time that no value and no name
// stands in it twice.
#pragma once

#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace tlsc {

template <class V>
struct Named {
  V value;
  std::string_view name;
};

// The value type of a table (an array or span of Named<V>).
template <class Table>
using NamedValue = std::remove_cvref_t<decltype(std::begin(std::declval<const Table&>())->value)>;

// The name of `v`, or `fallback` when the table has no row for it.
template <class Table>
constexpr std::string_view name_of(const Table& table, const NamedValue<Table>& v, std::string_view fallback) {
  for (const auto& row : table)
    if (row.value == v) return row.name;
  return fallback;
}

// The value named exactly `name`, or nullopt.
template <class Table>
constexpr std::optional<NamedValue<Table>> parse_name(const Table& table, std::string_view name) {
  for (const auto& row : table)
    if (row.name == name) return row.value;
  return std::nullopt;
}

// No value and no name twice (a second row would never be reached).
template <class Table>
constexpr bool distinct_rows(const Table& table) {
  for (auto a = std::begin(table); a != std::end(table); ++a)
    for (auto b = std::next(a); b != std::end(table); ++b)
      if (a->value == b->value || a->name == b->name) return false;
  return true;
}

// "a, b, c": name(item) for each of `items` in order; `last` goes before the last ("a, b or c").
template <class Items, class NameOf>
std::string join_names(const Items& items, NameOf name, std::string_view last = ", ") {
  std::string out;
  const auto begin = std::begin(items), end = std::end(items);
  for (auto item = begin; item != end; ++item) {
    if (item != begin) out += std::next(item) == end ? last : std::string_view(", ");
    out += name(*item);
  }
  return out;
}

// The names of a table's rows in table order, joined as join_names does.
template <class Table>
std::string table_names(const Table& table, std::string_view last = ", ") {
  return join_names(table, [](const auto& row) { return row.name; }, last);
}

}  // namespace tlsc
