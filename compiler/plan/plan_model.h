#pragma once
/// An install plan (kind InstallPlan) read once into typed values, each with the JSON Pointer
/// that places it in its file. Like the pack model, a value of the wrong type reads as present
/// without a value: the `schema` finding says what is wrong. A secret reference is kept as the
/// reference (an environment variable's or a file's name), never as a value.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pack/pack_model.h"

namespace ipack {

/// `{env: NAME}` or `{file: PATH}`.
struct SecretReference {
  std::string pointer;  ///< ".../secret"
  Field<std::string> env, file;
  /// "env:NAME" / "file:PATH"; "" when the reference is malformed.
  std::string describe() const;
};

/// One entry of an instance's `extensions.<list>`.
struct ExtensionValue {
  std::string list;  ///< the kind's list name ("connections", ...)
  size_t index = 0;
  std::string pointer;  ///< ".../extensions/<list>/<index>"
  bool is_object = false;
  std::map<std::string, Field<std::string>> keys;  ///< the kind's key fields, by name
  Field<std::string> value;
  std::optional<SecretReference> secret;  ///< when `secret` is there

  /// The key fields' values, normalised (component ids lower case) in the kind's order; empty
  /// when one is missing or of the wrong type.
  std::vector<std::string> identity() const;
};

struct ScheduleField {
  std::string name;  ///< "minutes", ...
  std::string pointer;
  bool present = false;
  std::optional<std::string> text;  ///< the field as written (an integer as its digits)
};

struct PlanSchedule {
  size_t index = 0;
  std::string pointer;  ///< ".../schedules/<index>"
  bool is_object = false;
  Field<std::string> process;
  std::vector<ScheduleField> fields;  ///< minutes, hours, daysOfWeek, daysOfMonth, months, years
  bool has_retry = false;
  Field<int64_t> max_retry;  ///< ".../retry/maxRetry"
};

struct PlanInstance {
  size_t index = 0;
  std::string pointer;  ///< "/spec/instances/<index>"
  bool is_object = false;
  Field<std::string> name;
  std::vector<Field<std::string>> environments;
  std::vector<ExtensionValue> extensions;  ///< every kind's entries, in the order of extension_kinds()
  std::vector<PlanSchedule> schedules;
};

struct PlanModel {
  Field<std::string> name;  ///< metadata.name
  Field<std::string> pack, version, account;
  std::vector<PlanInstance> instances;
};

/// The schedule fields, in the order the platform lists them.
const std::vector<std::string>& schedule_field_names();

PlanModel read_plan_model(const nlohmann::json& plan);

}  // namespace ipack
