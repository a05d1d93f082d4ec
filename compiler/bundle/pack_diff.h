#pragma once
/// The diff of two releases of one pack, from their pack.json documents (signatures are not
/// verified): the pack's version, packages added, removed, re-versioned or whose components
/// changed, and extensions added, removed or changed. `ipack diff` prints it; its JSON form is
/// documented in docs/bundle.md and stable.

#include <string>

#include <nlohmann/json.hpp>

namespace ipack {

/// The diff as the stable JSON document. Reads the pack.json documents defensively: a value of
/// the wrong type counts as absent.
nlohmann::json diff_packs(const nlohmann::json& old_pack, const nlohmann::json& new_pack);

/// The diff as text, and as Markdown release notes.
std::string render_pack_diff_text(const nlohmann::json& diff);
std::string render_pack_diff_markdown(const nlohmann::json& diff);

}  // namespace ipack
