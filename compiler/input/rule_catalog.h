#pragma once
/// What the input stage knows of the rules: their ids and whether a config or a suppression
/// may change them. The rules room fills it from its registry (rules/rule_registry.h), so that
/// reading a config never needs the rules themselves.

#include <string>
#include <string_view>
#include <vector>

namespace ipack {

struct RuleFacts {
  enum class Class { Input, Platform, Lint };
  std::string_view id;
  Class kind = Class::Lint;
  /// Lint rules may be reconfigured and suppressed; input and platform rules never.
  bool configurable() const { return kind == Class::Lint; }
};

struct RuleCatalog {
  std::vector<RuleFacts> rules;
  const RuleFacts* find(std::string_view id) const {
    for (const auto& r : rules)
      if (r.id == id) return &r;
    return nullptr;
  }
  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const auto& r : rules) out.emplace_back(r.id);
    return out;
  }
};

}  // namespace ipack
