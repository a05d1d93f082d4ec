#include "input/suppressions.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/did_you_mean.h"
#include "base/rule_ids.h"

namespace ipack {
namespace {

constexpr std::string_view kMarker = "ipack-ignore:";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The offset of the `#` that starts a comment on this line, if any: one at the start or after
// white space, outside quotes.
size_t comment_start(std::string_view line) {
  char quote = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::vector<Suppression> find_suppressions(const SourceFile& source) {
  std::vector<Suppression> found;
  for (int n = 1; n <= source.line_count(); ++n) {
    std::string_view line = source.line(n);
    if (line.find(kMarker) == std::string_view::npos) continue;
    size_t hash = comment_start(line);
    if (hash == std::string_view::npos) continue;
    std::string_view comment = trim(line.substr(hash + 1));
    if (comment.substr(0, kMarker.size()) != kMarker) continue;
    comment.remove_prefix(kMarker.size());
    Suppression s;
    s.line = n;
    s.column = utf8_length(line.substr(0, hash)) + 1;
    s.end_column = utf8_length(line) + 1;
    size_t dashes = comment.find("--");
    std::string_view ids = trim(comment.substr(0, dashes));
    if (dashes != std::string_view::npos) s.reason = std::string(trim(comment.substr(dashes + 2)));
    while (!ids.empty()) {
      size_t comma = ids.find(',');
      std::string_view id = trim(ids.substr(0, comma));
      if (!id.empty()) s.rules.emplace_back(id);
      if (comma == std::string_view::npos) break;
      ids.remove_prefix(comma + 1);
    }
    found.push_back(std::move(s));
  }
  return found;
}

void apply_suppressions(const SourceFile& source, std::vector<Diagnostic>& diagnostics, const RuleCatalog& catalog) {
  std::vector<Suppression> suppressions = find_suppressions(source);
  if (suppressions.empty()) return;
  std::vector<Diagnostic> unused;
  auto report = [&](const Suppression& s, std::string message) {
    Diagnostic d = make_finding(rule_ids::kUnusedSuppression, source.path(), s.line, s.column, std::move(message));
    d.end_line = s.line;
    d.end_column = s.end_column;
    unused.push_back(std::move(d));
  };
  for (const Suppression& s : suppressions) {
    if (s.rules.empty()) {
      report(s, "this ipack-ignore names no rule: write `# ipack-ignore: rule-id -- reason`");
      continue;
    }
    if (s.reason.empty()) {
      report(s, "this ipack-ignore gives no reason, so it is not applied: add ` -- why the finding is fine here`");
      continue;
    }
    for (const std::string& id : s.rules) {
      const RuleFacts* rule = catalog.find(id);
      if (!rule) {
        std::string near = closest_match(id, catalog.ids());
        report(s, fmt::format("ipack-ignore names no rule \"{}\"{}; `ipack rules` lists them", id,
                              near.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", near)));
        continue;
      }
      if (!rule->configurable()) {
        report(s, fmt::format("{} is {} rule and cannot be suppressed", id,
                              rule->kind == RuleFacts::Class::Platform ? "a platform" : "an input"));
        continue;
      }
      size_t before = diagnostics.size();
      diagnostics.erase(std::remove_if(diagnostics.begin(), diagnostics.end(),
                                       [&](const Diagnostic& d) {
                                         return d.file == source.path() && d.rule == id &&
                                                (d.line == s.line || d.line == s.line + 1);
                                       }),
                        diagnostics.end());
      if (diagnostics.size() == before)
        report(s, fmt::format("this ipack-ignore suppresses no {} finding on this line or the next: remove it", id));
    }
  }
  for (auto& d : unused) diagnostics.push_back(std::move(d));
}

}  // namespace ipack
