#pragma once
/// The ids of the rules that the front-end stages report (reading YAML, checking the kind and
/// the schema, indexing exports, applying suppressions). Those stages sit below the rules room,
/// so the ids live here, once; the rule objects in rules/ take their ids from these constants.

namespace ipack::rule_ids {

inline constexpr char kYamlSyntax[] = "yaml-syntax";
inline constexpr char kDuplicateKey[] = "duplicate-key";
inline constexpr char kInputLimit[] = "input-limit";
inline constexpr char kSchema[] = "schema";
inline constexpr char kUnknownKind[] = "unknown-kind";
inline constexpr char kComponentXml[] = "component-xml";
inline constexpr char kDuplicateComponent[] = "duplicate-component";
inline constexpr char kUnusedSuppression[] = "unused-suppression";

}  // namespace ipack::rule_ids
