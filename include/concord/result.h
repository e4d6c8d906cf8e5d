// Result<T>: a value or an Error, the error type of every fallible call in concord.
//
// Its API is a subset of std::expected<T, Error> (has_value, operator bool, value, error,
// operator*, operator->, value_or) so that it can become an alias once the toolchain allows
// (docs/adr/0002-errors-as-values.md). Outcomes such as "not adopted" are never errors;
// errors are for bad input and failures of the environment.
//
//   Result<Charter> charter = ParseCharter(text, "csto.toml");
//   if (!charter) return charter.error();
//   Use(*charter);
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace concord {

enum class ErrorCode {
  kInvalidArgument,  // malformed input: charter, history line, request body (exit code 1, HTTP 400)
  kRejected,         // well-formed, but the record's rules forbid it: the engine refuses the
                     // event (exit code 1, HTTP 422)
  kNotFound,         // an id that names nothing (HTTP 404)
  kConflict,         // a concurrent append won the race (HTTP 409)
  kCorruption,       // a journal that does not verify (exit code 3)
  kUnavailable,      // a file, database or network failure (exit code 4, HTTP 503)
  kPermissionDenied, // a role acting beyond its right (HTTP 403)
  kInternal,         // a bug: should never reach a user
};

struct Error {
  ErrorCode code;
  std::string message;
};

struct Unexpected {
  Error error;
};

inline Unexpected Fail(ErrorCode code, std::string message) {
  return Unexpected{Error{code, std::move(message)}};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Unexpected u) : v_(std::in_place_index<1>, std::move(u.error)) {}  // NOLINT
  Result(Error e) : v_(std::in_place_index<1>, std::move(e)) {}  // NOLINT

  bool has_value() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  const T& value() const& { assert(has_value()); return std::get<0>(v_); }
  T& value() & { assert(has_value()); return std::get<0>(v_); }
  T&& value() && { assert(has_value()); return std::get<0>(std::move(v_)); }
  const Error& error() const& { assert(!has_value()); return std::get<1>(v_); }

  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  template <class U>
  T value_or(U&& fallback) const& {
    return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Unexpected u) : error_(std::move(u.error)), ok_(false) {}  // NOLINT
  Result(Error e) : error_(std::move(e)), ok_(false) {}  // NOLINT
  bool has_value() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  const Error& error() const& { assert(!ok_); return error_; }

 private:
  Error error_{ErrorCode::kInternal, {}};
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace concord
