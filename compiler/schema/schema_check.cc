#include "schema/schema_check.h"

#include <atomic>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validation_visitor.hpp>

#include "base/did_you_mean.h"
#include "base/pattern_cache.h"
#include "base/rule_ids.h"

namespace ipack {
namespace {

using nlohmann::json;

using Regexes = std::unordered_map<std::string, std::regex>;

struct CompiledSchema {
  json document;
  valijson::Schema schema;
  /// Once prepare_schema asked for them (`wanted`), its `pattern`s compiled as valijson
  /// compiles them (ECMAScript, by compiled_pattern), for every thread's cache: a copy of a
  /// std::regex shares the compiled automaton. Otherwise valijson compiles each on first use,
  /// per thread.
  mutable std::atomic<bool> wanted{false};
  mutable std::once_flag patterns_once;
  mutable Regexes patterns;

  const Regexes& compiled_patterns() const;
};

void collect_patterns(const json& schema, Regexes& out) {
  if (schema.is_object()) {
    for (const auto& [key, value] : schema.items()) {
      // One that does not compile is no keyword here; valijson would refuse it anyway.
      if (key == "pattern" && value.is_string())
        if (auto regex = compiled_pattern(value.get_ref<const std::string&>()))
          out.emplace(value.get_ref<const std::string&>(), *regex);
      collect_patterns(value, out);
    }
  } else if (schema.is_array()) {
    for (const auto& value : schema) collect_patterns(value, out);
  }
}

// Each kind's schema is parsed once per process, when first needed.
const CompiledSchema& compiled(Kind kind) {
  static std::map<Kind, CompiledSchema> cache;
  static std::map<Kind, std::once_flag> once;
  static std::once_flag init;
  std::call_once(init, [] {
    for (const auto& k : known_kinds()) {
      cache[k.kind];
      once[k.kind];
    }
  });
  std::call_once(once.at(kind), [kind] {
    CompiledSchema& c = cache.at(kind);
    c.document = json::parse(kind_info(kind).schema_text);
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(c.document);
    parser.populateSchema(adapter, c.schema);
  });
  return cache.at(kind);
}

const Regexes& CompiledSchema::compiled_patterns() const {
  std::call_once(patterns_once, [this] { collect_patterns(document, patterns); });
  return patterns;
}

// This thread's compiled patterns: valijson looks a pattern up here and compiles it only when
// it is missing, so each schema's are copied in from the process's, once per thread.
Regexes& thread_patterns(Kind kind, const CompiledSchema& c) {
  thread_local Regexes patterns;
  thread_local std::set<Kind> copied;
  if (c.wanted && copied.insert(kind).second) {
    const Regexes& shared = c.compiled_patterns();  // waits for prepare_schema's thread
    patterns.insert(shared.begin(), shared.end());
  }
  return patterns;
}

// valijson matches `pattern` with std::regex's backtracking executor, which recurses per
// character, so megabyte strings must not reach it. Longer strings are cut to this many code
// points (their first half and their last half) for valijson, whose maxLength findings are then
// still right: it is above every maxLength in the schemas (the longest is 2000), and messages
// quote lengths from the uncut document. Their `pattern` is checked on the whole value apart,
// by matches_whole.
constexpr int kLongestCheckedString = 2048;

// Whether all of `value` meets `pattern` (searched, as JSON Schema does), with libstdc++'s
// breadth-first executor (`__polynomial`): no recursion per character, time linear in the
// value for a given pattern. The schemas' few patterns are compiled once per thread.
bool matches_whole(const std::string& pattern, const std::string& value) {
  thread_local std::map<std::string, std::regex> compiled;
  auto at = compiled.find(pattern);
  if (at == compiled.end())
    at = compiled.emplace(pattern, std::regex(pattern, std::regex::ECMAScript | std::regex_constants::__polynomial))
             .first;
  return std::regex_search(value, at->second);
}

struct LongString {
  std::vector<std::string> tokens;  ///< where it is, as JSON Pointer tokens
  const std::string* value;
};

void collect_long_strings(const json& value, std::vector<std::string>& tokens, std::vector<LongString>& out) {
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    if (s.size() > static_cast<size_t>(kLongestCheckedString) && utf8_length(s) > kLongestCheckedString)
      out.push_back({tokens, &s});
  } else if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      tokens.push_back(key);
      collect_long_strings(child, tokens, out);
      tokens.pop_back();
    }
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      tokens.push_back(std::to_string(i));
      collect_long_strings(value[i], tokens, out);
      tokens.pop_back();
    }
  }
}

bool has_long_string(const json& value) {
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    return s.size() > static_cast<size_t>(kLongestCheckedString) && utf8_length(s) > kLongestCheckedString;
  }
  if (value.is_structured())
    for (const auto& child : value)
      if (has_long_string(child)) return true;
  return false;
}

bool truncate_long_strings(json& value) {
  bool changed = false;
  if (value.is_string()) {
    auto& s = value.get_ref<std::string&>();
    int length = s.size() > static_cast<size_t>(kLongestCheckedString) ? utf8_length(s) : 0;
    if (length > kLongestCheckedString) {
      size_t head_end = utf8_offset_of_column(s, kLongestCheckedString / 2 + 1);
      size_t tail_start = utf8_offset_of_column(s, length - kLongestCheckedString / 2 + 1);
      s = s.substr(0, head_end) + s.substr(tail_start);
      changed = true;
    }
  } else if (value.is_structured()) {
    for (auto& child : value) changed |= truncate_long_strings(child);
  }
  return changed;
}

// The subschema that applies at `tokens` of the instance, following $ref, properties,
// additionalProperties and items (the schemas use no combinators; see schemas/).
const json* subschema_at(const json& root, const std::vector<std::string>& tokens) {
  const json* s = &root;
  auto deref = [&root](const json* node) {
    for (int hops = 0; node && node->is_object() && node->contains("$ref") && hops < 8; ++hops) {
      std::string ref = (*node)["$ref"].get<std::string>();
      if (ref.rfind("#/", 0) != 0) return static_cast<const json*>(nullptr);
      node = &root.at(json::json_pointer(ref.substr(1)));
    }
    return node;
  };
  s = deref(s);
  for (const auto& t : tokens) {
    if (!s || !s->is_object()) return nullptr;
    if (s->contains("properties") && (*s)["properties"].contains(t))
      s = &(*s)["properties"][t];
    else if (s->contains("items"))
      s = &(*s)["items"];
    else if (s->contains("additionalProperties") && (*s)["additionalProperties"].is_object())
      s = &(*s)["additionalProperties"];
    else
      return nullptr;
    s = deref(s);
  }
  return s;
}

// A value as JSON text for a message; never throws on bytes that are not UTF-8 (a YAML
// escape such as "\uD800" can produce them).
std::string quoted(const json& v) { return v.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string type_phrase(const std::string& type) {
  if (type == "object") return "a mapping";
  if (type == "array") return "a list";
  if (type == "integer") return "an integer";
  if (type == "null") return "empty";
  return "a " + type;
}

std::string found_phrase(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "empty";
    case json::value_t::object: return "a mapping";
    case json::value_t::array: return "a list";
    case json::value_t::boolean: return fmt::format("the boolean {}", quoted(v));
    case json::value_t::string: return fmt::format("the string {}", quoted(v));
    default: return fmt::format("the number {}", quoted(v));
  }
}

std::string quoted_list(const json& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ", ";
    out += quoted(v);
  }
  return out;
}

std::vector<std::string> keys_of(const json& object_schema) {
  std::vector<std::string> keys;
  if (object_schema.contains("properties"))
    for (const auto& [k, _] : object_schema["properties"].items()) keys.push_back(k);
  return keys;
}

// A readable name for the value at `tokens`: its key, or "packages[2]" for a list entry.
std::string label_of(const std::vector<std::string>& tokens, const json& instance) {
  if (tokens.empty()) return "the document";
  const json* v = &instance;
  std::string label;
  for (const auto& t : tokens) {
    if (v->is_array()) {
      label += "[" + t + "]";
      v = &(*v)[std::stoul(t)];
    } else {
      label = t;
      v = &(*v)[t];
    }
  }
  return label;
}

std::string pointer_of(const std::vector<std::string>& tokens) {
  std::string p;
  for (const auto& t : tokens) p = pointer_join(p, t);
  return p;
}

std::string between_quotes(const std::string& s) {
  size_t last = s.rfind('\'');
  size_t first = last == std::string::npos || last == 0 ? std::string::npos : s.rfind('\'', last - 1);
  return first == std::string::npos ? "" : s.substr(first + 1, last - first - 1);
}

size_t leading_number(const std::string& s, size_t from) {
  size_t pos = s.find_first_of("0123456789", from);
  return pos == std::string::npos ? 0 : std::stoul(s.substr(pos));
}

// Which rule, if not `schema`, owns a constraint at a pointer (docs/rules.md: reported once, under
// the platform rule's id).
bool owned_by_platform_rule(const std::string& pointer, const std::string& keyword) {
  if (keyword == "maxItems" && pointer == "/spec/packages") return true;
  if (keyword == "maxLength" && (pointer == "/metadata/description" || pointer == "/metadata/displayName")) return true;
  if (keyword == "maxLength" && pointer.rfind("/spec/packages/", 0) == 0 && pointer_last(pointer) == "name")
    return true;
  if (pointer == "/spec/release/date" && keyword != "type") return true;
  // An install plan's retry count: schedule-syntax says what the range is.
  if ((keyword == "minimum" || keyword == "maximum") && pointer_last(pointer) == "maxRetry") return true;
  return false;
}

// What a schema `pattern` asks for, in words, with an example; "" for a pattern without a
// sentence (its message then quotes the pattern). The regex itself is in the schema
// (`ipack schema pack`) and in the finding's `pattern`, which `--format json` prints.
std::string pattern_hint(const std::string& pattern) {
  static const std::pair<const char*, const char*> kHints[] = {
      {"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",
       "use 1-63 lower-case letters, digits and hyphens, not starting or ending with a hyphen, e.g. crm-sync"},
      {"^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-",
       "use a semantic version MAJOR.MINOR.PATCH, e.g. 1.0.0 (a pre-release or build suffix may follow: 1.0.0-rc.1)"},
      {"^https?://", "use a web address starting with http:// or https://, e.g. https://example.com/pack"},
      {"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "use yyyy-MM-dd, e.g. 2026-12-01"},
      {"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
       "use a component id: 8-4-4-4-12 hexadecimal digits, e.g. 8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b"},
      {"^\\{?[0-9a-fA-F]{8}-",
       "use a component id: 8-4-4-4-12 hexadecimal digits, e.g. 8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b"},
      {"^[A-Za-z0-9 ._-]+$", "use letters, digits, spaces, '.', '_' or '-', e.g. \"1.3\""},
  };
  for (const auto& [start, hint] : kHints)
    if (pattern.rfind(start, 0) == 0) return hint;
  return "";
}

class SchemaFindings {
 public:
  SchemaFindings(const json& schema, const json& instance, const Reporter& reporter)
      : schema_(schema), instance_(instance), reporter_(reporter) {}

  /// The value at `tokens` does not meet its subschema's `pattern`.
  void pattern_failure(const std::vector<std::string>& tokens, const json& sub) {
    const json* value = value_at(tokens);
    if (!value) return;
    const std::string& pattern = sub["pattern"].get_ref<const std::string&>();
    std::string label = label_of(tokens, instance_);
    std::string hint = pattern_hint(pattern);
    std::string message = hint.empty()
                              ? fmt::format("{} {} does not match the pattern {}", label, shown(*value), pattern)
                              : fmt::format("{} {} is not of the right form: {}", label, shown(*value), hint);
    if (Diagnostic* d = report_placed(pointer_of(tokens), "pattern", At::Value, message)) d->pattern = pattern;
  }

  /// valijson's pattern verdict on the value at `pointer` is dropped: the value was cut for it.
  void check_whole_apart(std::string pointer) { checked_whole_.insert(std::move(pointer)); }

  void add(const valijson::ValidationResults::Error& error) {
    const std::string& what = error.description;
    if (what.rfind("Failed to validate", 0) == 0) return;  // wrappers around a deeper finding
    std::vector<std::string> tokens = tokens_of(error.context);
    const json* value = value_at(tokens);
    if (!value) return;
    const json* sub = subschema_at(schema_, tokens);
    std::string label = label_of(tokens, instance_);
    std::string pointer = pointer_of(tokens);

    if (what.rfind("Object contains a property", 0) == 0) return unknown_key(tokens, between_quotes(what), sub);
    if (what.rfind("Missing required property", 0) == 0) {
      std::string key = between_quotes(what);
      std::string where = tokens.empty() ? "the manifest" : label;
      return report(pointer, "required", At::Key, fmt::format("{} is missing the required key \"{}\"", where, key));
    }
    if (what.rfind("Value type not permitted", 0) == 0) return wrong_type(pointer, label, *value, sub);
    if (what.rfind("Failed to match against any enum", 0) == 0 && sub && sub->contains("enum")) {
      std::vector<std::string> options;
      for (const auto& o : (*sub)["enum"]) options.push_back(o.is_string() ? o.get<std::string>() : quoted(o));
      std::string message =
          fmt::format("{} must be one of {}, not {}", label, quoted_list((*sub)["enum"]), quoted(*value));
      if (value->is_string()) {
        std::string near = closest_match(value->get<std::string>(), options);
        if (!near.empty()) message += fmt::format(" (did you mean \"{}\"?)", near);
      }
      return report(pointer, "enum", At::Value, message);
    }
    if (what.rfind("Failed to match expected value set by 'const'", 0) == 0 && sub && sub->contains("const"))
      return report(pointer, "const", At::Value,
                    fmt::format("{} must be {}, not {}", label, quoted((*sub)["const"]), quoted(*value)));
    if (what.rfind("Failed to match regex", 0) == 0 && sub && sub->contains("pattern")) {
      if (checked_whole_.count(pointer)) return;  // a long value: its whole is checked apart
      return pattern_failure(tokens, *sub);
    }
    if (what.rfind("String should be no fewer than", 0) == 0 && value->is_string()) {
      size_t min = leading_number(what, 0);
      std::string message =
          value->get_ref<const std::string&>().empty()
              ? fmt::format("{} must not be empty", label)
              : fmt::format("{} is {} characters long; at least {} needed", label, length_of(*value), min);
      return report(pointer, "minLength", At::Value, message);
    }
    if (what.rfind("String should be no more than", 0) == 0 && value->is_string())
      return report(pointer, "maxLength", At::Value,
                    fmt::format("{} is {} characters long; at most {} are allowed", label, length_of(*value),
                                leading_number(what, 0)));
    if (what.rfind("Array should contain no fewer than", 0) == 0) {
      size_t min = leading_number(what, 0);
      return report(pointer, "minItems", At::Key,
                    fmt::format("{} needs at least {} {}", label, min, min == 1 ? "entry" : "entries"));
    }
    if (what.rfind("Array should contain no more than", 0) == 0)
      return report(
          pointer, "maxItems", At::Key,
          fmt::format("{} has {} entries; at most {} are allowed", label, value->size(), leading_number(what, 0)));
    if (what.rfind("Expected number less than", 0) == 0)
      return report(pointer, "maximum", At::Value, fmt::format("{}: {}", label, what));
    if (what.rfind("Expected number greater than", 0) == 0)
      return report(pointer, "minimum", At::Value, fmt::format("{}: {}", label, what));
    report(pointer, "other", At::Value, fmt::format("{}: {}", label, what));
  }

 private:
  std::vector<std::string> tokens_of(const std::vector<std::string>& context) const {
    std::vector<std::string> tokens;
    for (const auto& c : context) {
      if (c == "<root>") continue;
      tokens.push_back(c.size() >= 2 && c.front() == '[' && c.back() == ']' ? c.substr(1, c.size() - 2) : c);
    }
    return tokens;
  }

  const json* value_at(const std::vector<std::string>& tokens) const {
    const json* v = &instance_;
    for (const auto& t : tokens) {
      if (v->is_object() && v->contains(t))
        v = &(*v)[t];
      else if (v->is_array() && !t.empty() && t.find_first_not_of("0123456789") == std::string::npos &&
               std::stoul(t) < v->size())
        v = &(*v)[std::stoul(t)];
      else
        return nullptr;
    }
    return v;
  }

  static size_t length_of(const json& s) { return static_cast<size_t>(utf8_length(s.get_ref<const std::string&>())); }

  static std::string shown(const json& v) {
    std::string s = quoted(v);
    return s.size() > 80 ? s.substr(0, 77) + "...\"" : s;
  }

  void unknown_key(const std::vector<std::string>& tokens, const std::string& key, const json* sub) {
    std::string where = tokens.empty() ? "at the top level" : "in " + label_of(tokens, instance_);
    std::string message = fmt::format("unknown key \"{}\" {}", key, where);
    if (sub) {
      std::vector<std::string> known = keys_of(*sub);
      std::string near = closest_match(key, known);
      if (!near.empty())
        message += fmt::format("; did you mean \"{}\"?", near);
      else if (!known.empty())
        message += fmt::format("; expected one of: {}", quoted_list(json(known)));
    }
    report(pointer_join(pointer_of(tokens), key), "additionalProperties", At::Key, message);
  }

  void wrong_type(const std::string& pointer, const std::string& label, const json& value, const json* sub) {
    std::string expected;
    if (sub && sub->contains("type")) {
      const json& t = (*sub)["type"];
      if (t.is_string())
        expected = type_phrase(t.get<std::string>());
      else
        for (const auto& one : t) expected += (expected.empty() ? "" : " or ") + type_phrase(one.get<std::string>());
    }
    std::string message = expected.empty() ? fmt::format("{} has the wrong type: {}", label, found_phrase(value))
                                           : fmt::format("{} must be {}, not {}", label, expected, found_phrase(value));
    // A plain scalar that YAML typed as a number, boolean or null where text is wanted.
    bool wants_string = sub && sub->contains("type") && (*sub)["type"] == "string";
    if (wants_string && value.is_primitive() && !value.is_string()) {
      Span span = reporter_.positions().locate(pointer);
      std::string_view line = reporter_.source().line(span.line);
      size_t from = utf8_offset_of_column(line, span.column);
      size_t to = span.end_column ? utf8_offset_of_column(line, span.end_column) : from;
      std::string text(line.substr(from, to - from));
      if (!text.empty() && !value.is_null())
        message += fmt::format("; YAML reads {} as a {}: write it in quotes, \"{}\"", text,
                               value.is_boolean() ? "boolean" : "number", text);
    }
    bool wants_boolean = sub && sub->contains("type") && (*sub)["type"] == "boolean";
    if (wants_boolean && value.is_string())
      message += "; YAML 1.2 reads only true and false as booleans: write true or false";
    report(pointer, "type", At::Value, message);
  }

  void report(const std::string& pointer, const std::string& keyword, At at, std::string message) {
    report_placed(pointer, keyword, at, std::move(message));
  }

  /// The finding made, or nullptr when a platform rule reports that value instead.
  Diagnostic* report_placed(const std::string& pointer, const std::string& keyword, At at, std::string message) {
    if (owned_by_platform_rule(pointer, keyword)) return nullptr;
    return &reporter_.report(rule_ids::kSchema, pointer, at, std::move(message));
  }

  const json& schema_;
  const json& instance_;
  const Reporter& reporter_;
  std::set<std::string> checked_whole_;
};

}  // namespace

void prepare_schema(Kind kind) {
  const CompiledSchema& c = compiled(kind);
  c.wanted = true;
  c.compiled_patterns();
}

void check_schema(Kind kind, const YamlDocument& doc, const Reporter& reporter) {
  const CompiledSchema& c = compiled(kind);
  json shortened;
  const json* checked = &doc.value;
  if (has_long_string(doc.value)) {
    shortened = doc.value;
    truncate_long_strings(shortened);
    checked = &shortened;
  }

  // What valijson::Validator::validate does, with strong types, but with the patterns this
  // process compiled once (Validator keeps its own, compiled again on every thread).
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(*checked);
  valijson::ValidationVisitor<valijson::adapters::NlohmannJsonAdapter> visitor(
      adapter, std::vector<std::string>(1, "<root>"), true, &results, thread_patterns(kind, c));
  bool valid = visitor.validateSchema(c.schema);
  if (valid && checked == &doc.value) return;

  SchemaFindings findings(c.document, doc.value, reporter);
  std::vector<std::pair<LongString, const json*>> patterned;  // long strings and their subschema
  if (checked != &doc.value) {
    std::vector<std::string> tokens;
    std::vector<LongString> long_strings;
    collect_long_strings(doc.value, tokens, long_strings);
    for (auto& s : long_strings) {
      const json* sub = subschema_at(c.document, s.tokens);
      if (!sub || !sub->contains("pattern") || !(*sub)["pattern"].is_string()) continue;
      findings.check_whole_apart(pointer_of(s.tokens));
      patterned.emplace_back(std::move(s), sub);
    }
  }
  valijson::ValidationResults::Error error;
  while (results.popError(error)) findings.add(error);
  for (const auto& [s, sub] : patterned)
    if (!matches_whole((*sub)["pattern"].get_ref<const std::string&>(), *s.value))
      findings.pattern_failure(s.tokens, *sub);
}

}  // namespace ipack
