// Small error-carrying return types for the crypto layer. Peer-supplied input is hostile, so every
// operation that can fail on it returns one of these instead of aborting.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace tlsc::crypto {

// A failure reason. Reasons start with a stable snake_case tag ("dh_peer_zero: ...") so callers
// and observations can match on the prefix; the rest is human-readable detail.
struct Err {
  std::string reason;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT(implicit)
  Result(Err e) : error_(std::move(e.reason)) {}  // NOLINT(implicit)

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  const std::string& error() const { return error_; }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T&& operator*() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  std::string error_;
};

// Success or a reason.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Err e) : failed_(true), error_(std::move(e.reason)) {}  // NOLINT(implicit)
  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const std::string& error() const { return error_; }

 private:
  bool failed_ = false;
  std::string error_;
};

}  // namespace tlsc::crypto
