#include "peers/transport/stream.h"

namespace tlsc::transport {

std::string_view to_string(IoStatus s) {
  switch (s) {
    case IoStatus::ok: return "ok";
    case IoStatus::eof: return "eof";
    case IoStatus::reset: return "reset";
    case IoStatus::timeout: return "timeout";
    case IoStatus::error: return "error";
  }
  return "?";
}

}  // namespace tlsc::transport
