#pragma once
/// The plan room: install plans (kind InstallPlan) read into typed values, the pack a plan is
/// checked against (PackTarget), schedules, and the Platform API request bodies a plan compiles
/// to. It uses the pack model's Field and the input floor; rules and commands sit above it.
///
/// This file: the kinds of extension a plan can set, one row each. A kind is named by its list
/// in pack.json's `extensions` and in a plan's `extensions` (the same name in both), and is
/// identified by its key fields. Adding a kind (operations, trading partners, ...) is adding a
/// row here and its properties to schemas/install.schema.json.

#include <string>
#include <string_view>
#include <vector>

namespace ipack {

struct ExtensionKind {
  std::string_view list;               ///< "connections"
  std::vector<std::string_view> keys;  ///< the fields that identify one extension: {"connection", "field"}
  std::string_view noun;               ///< "connection field", for messages
};

/// Every kind, in the order plans and pack.json list them.
const std::vector<ExtensionKind>& extension_kinds();
const ExtensionKind* extension_kind(std::string_view list);
/// "connection field (connection 0b1c…, field url)", for messages.
std::string describe_extension(std::string_view list, const std::vector<std::string>& identity);

}  // namespace ipack
