// Base of a class that holds something for its lifetime (signal handlers, a helper process):
// such an object is not copied.
#pragma once

namespace tlsc::harness {

struct NoCopy {
  NoCopy() = default;
  NoCopy(const NoCopy&) = delete;
  NoCopy& operator=(const NoCopy&) = delete;
};

}  // namespace tlsc::harness
