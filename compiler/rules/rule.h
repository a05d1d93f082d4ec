#pragma once
/// The rule interface: a rule is an id, a default severity, a group, a one-line summary and
/// the checks it runs. Every rule is listed in rule_registry.cc.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/civil_date.h"
#include "base/diagnostic.h"
#include "input/config.h"
#include "input/reporter.h"
#include "pack/pack_components.h"
#include "pack/pack_model.h"
#include "plan/pack_target.h"
#include "plan/plan_model.h"

namespace ipack {

enum class RuleGroup { Input, Platform, Components, Extensions, BestPractice, Release, Plans, Suppressions };
const char* group_name(RuleGroup g);

/// What a rule on a pack manifest sees. `model` is the manifest as read: it may violate the
/// schema, so a value of the wrong type reads as absent, and rules leave it to the `schema` finding.
struct PackInput {
  const PackModel& model;  ///< the manifest, read once
  const Reporter& reporter;
  const AccountFeatures& features;
  CivilDate today;
  const PackComponents* components;          ///< null when the pack has no components folder
  const nlohmann::json* previous = nullptr;  ///< pack.json of the last released bundle (--previous)
};

/// What a rule on a `.ipack.yaml` config sees.
struct ConfigInput {
  const nlohmann::json& config;
  const Reporter& reporter;
};

/// What a rule on an install plan sees: the plan, read once, and the pack it is checked against.
struct PlanInput {
  const PlanModel& plan;
  const PackTarget& pack;
  const Reporter& reporter;
};

/// `text` in double quotes for a message, cut after 60 characters (never inside a UTF-8 sequence).
inline std::string quoted_excerpt(std::string_view text) {
  size_t bytes = 0, characters = 0;
  while (bytes < text.size() && characters < 60) {
    ++bytes;
    while (bytes < text.size() && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) ++bytes;
    ++characters;
  }
  return "\"" + std::string(text.substr(0, bytes)) + (bytes < text.size() ? "…\"" : "\"");
}

/// Calls `report` with each message in `messages` (a list of the review facts) of each component
/// that is not deleted and whose text has no `{1}` parameter: the best-practice message rules.
template <typename Report> void for_each_message_without_parameter(const PackInput& in,
                                                                   std::vector<XmlValue> ReviewFacts::*messages,
                                                                   Report report) {
  if (!in.components) return;
  for (const Component& c : in.components->graph.components()) {
    if (c.deleted) continue;
    for (const XmlValue& message : c.review.*messages)
      if (message.value.find("{1}") == std::string::npos) report(c, message);
  }
}

struct Rule {
  std::string_view id;
  Severity severity;
  RuleGroup group;
  std::string_view summary;
  void (*check_pack)(const PackInput&) = nullptr;      ///< null: not a pack rule
  void (*check_config)(const ConfigInput&) = nullptr;  ///< null: not a config rule
  void (*check_plan)(const PlanInput&) = nullptr;      ///< null: not an install plan rule
  /// Lint rules: `.ipack.yaml` `rules:` may change their severity or turn them off. Input and
  /// platform rules describe what cannot be read or what the platform refuses, and plan rules
  /// what an install would get wrong: always errors.
  bool configurable() const {
    return group != RuleGroup::Input && group != RuleGroup::Platform && group != RuleGroup::Plans;
  }
};

}  // namespace ipack
