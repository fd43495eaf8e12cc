// Escaping for the report formats: XML/HTML text and attributes, Markdown table cells, JSON inside
// an HTML <script> element, and flattening to one line.
#pragma once

#include <string>
#include <string_view>

namespace tlsc::results {

// &, <, >, " and ' as entities; control characters XML 1.0 forbids become U+FFFD. Also right for
// HTML text and attribute values.
std::string xml_escape(std::string_view s);
// Newlines and tabs become spaces, other control characters (ESC...) U+FFFD: one physical line
// that cannot drive a terminal.
std::string one_line(std::string_view s);
// A Markdown table cell: one line, '|' and '\' escaped, '<' and '&' as entities (no raw HTML).
std::string md_cell(std::string_view s);
// JSON text made safe inside <script type="application/json">: every '<' becomes \u003c (the same
// string to a JSON parser), so neither "</script" nor "<!--" can appear; U+2028/U+2029 escaped.
std::string json_for_script(std::string_view json_text);

}  // namespace tlsc::results
