#include "peers/engine/app_data.h"

#include <algorithm>
#include <cctype>

#include "peers/wire/name_table.h"

namespace tlsc::engine {
namespace {

constexpr std::string_view kHeaderEnd = "\r\n\r\n";

constexpr Named<AppData> kAppDataNames[] = {{AppData::kNone, "none"}, {AppData::kEcho, "echo"}, {AppData::kHttp, "http"}};
static_assert(distinct_rows(kAppDataNames));

std::string_view as_text(ByteView b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The value of header `name` (lower case) in `headers`, trimmed; nullopt when absent.
std::optional<std::string> header(std::string_view headers, std::string_view name) {
  const std::string l = lower(headers);
  for (size_t at = l.find("\r\n"); at != std::string::npos; at = l.find("\r\n", at + 2)) {
    const size_t start = at + 2;
    if (l.compare(start, name.size(), name) != 0 || start + name.size() >= l.size() || l[start + name.size()] != ':')
      continue;
    size_t v = start + name.size() + 1;
    const size_t end = l.find("\r\n", v);
    while (v < end && (l[v] == ' ' || l[v] == '\t')) ++v;
    size_t e = end;
    while (e > v && (l[e - 1] == ' ' || l[e - 1] == '\t')) --e;
    return l.substr(v, e - v);
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(AppData mode) { return name_of(kAppDataNames, mode, "?"); }

std::optional<AppData> parse_app_data(std::string_view text) { return parse_name(kAppDataNames, text); }

std::string_view app_data_names() {
  static const std::string names = table_names(kAppDataNames);
  return names;
}

Bytes http_request(std::string_view host) {
  const std::string r = "GET / HTTP/1.1\r\nHost: " + std::string(host.empty() ? "localhost" : host) +
                        "\r\nUser-Agent: tlsconform\r\nAccept: */*\r\nConnection: close\r\n\r\n";
  return Bytes(r.begin(), r.end());
}

Bytes http_response() {
  const std::string body = "tlsconform\n";
  const std::string r = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
                        "\r\nConnection: close\r\n\r\n" + body;
  return Bytes(r.begin(), r.end());
}

bool http_request_complete(ByteView got) { return as_text(got).find(kHeaderEnd) != std::string_view::npos; }

bool http_response_complete(ByteView got) {
  const std::string_view text = as_text(got);
  const size_t end = text.find(kHeaderEnd);
  if (end == std::string_view::npos) return false;
  const std::string_view headers = text.substr(0, end + 2);
  const size_t body = text.size() - end - kHeaderEnd.size();
  if (auto te = header(headers, "transfer-encoding"); te && te->find("chunked") != std::string::npos)
    return text.size() >= end + 4 + 5 && text.substr(text.size() - 5) == "0\r\n\r\n";
  if (auto cl = header(headers, "content-length")) {
    if (cl->empty() || cl->find_first_not_of("0123456789") != std::string::npos || cl->size() > 9) return false;
    return body >= std::stoul(*cl);
  }
  // RFC 9112 6.3: 1xx, 204 and 304 responses have no body.
  const std::string_view status = text.size() >= 12 ? text.substr(9, 3) : std::string_view{};
  return status == "204" || status == "304" || (!status.empty() && status[0] == '1');
}

bool http_reading_done(ByteView got) {
  constexpr std::string_view kStatusLine = "HTTP/";
  const std::string_view text = as_text(got);
  if (text.substr(0, std::min(text.size(), kStatusLine.size())) != kStatusLine.substr(0, std::min(text.size(), kStatusLine.size())))
    return true;
  return got.size() >= kHttpMaxMessage || http_response_complete(got);
}

}  // namespace tlsc::engine
