#pragma once
/// The one way an expected failure travels: `Result<T>` holds a value or an `Error` (one line
/// that says what went wrong, never key material or a secret). Exceptions are for bugs and for
/// stopping a parser, not for input that is merely bad.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace ipack {

/// Why something could not be done: one line, fit to print after the command's name.
struct Error {
  std::string message;
};

/// A value or the error that stands in its place, as `std::expected<T, Error>` does.
template <typename T> class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit, like expected
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  /// The value; only when ok().
  T& operator*() { return std::get<0>(state_); }
  const T& operator*() const { return std::get<0>(state_); }
  T* operator->() { return &std::get<0>(state_); }
  const T* operator->() const { return &std::get<0>(state_); }
  T take() && { return std::move(std::get<0>(state_)); }
  /// The error's message; only when !ok().
  const std::string& error() const { return std::get<1>(state_).message; }

 private:
  std::variant<T, Error> state_;
};

/// Success with nothing to return, or an error.
template <> class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT

  bool ok() const { return !error_; }
  explicit operator bool() const { return ok(); }
  const std::string& error() const { return error_->message; }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

}  // namespace ipack
