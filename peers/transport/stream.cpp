#include "peers/transport/stream.h"

#include "peers/wire/name_table.h"

namespace tlsc::transport {

namespace {
constexpr Named<IoStatus> kIoStatusNames[] = {{IoStatus::ok, "ok"},
                                              {IoStatus::eof, "eof"},
                                              {IoStatus::reset, "reset"},
                                              {IoStatus::timeout, "timeout"},
                                              {IoStatus::error, "error"}};
static_assert(distinct_rows(kIoStatusNames));
}  // namespace

std::string_view to_string(IoStatus s) { return name_of(kIoStatusNames, s, "?"); }

}  // namespace tlsc::transport
