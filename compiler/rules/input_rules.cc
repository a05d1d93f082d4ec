// The Input rules are reported by the front end (yaml_document.cc, manifest_check.cc,
// schema_check.cc); they are listed here so that `ipack rules`, `explain` and the docs know them.
#include "base/rule_ids.h"
#include "rules/rules.h"

namespace ipack::rules {

const Rule kYamlSyntax{rule_ids::kYamlSyntax, Severity::Error, RuleGroup::Input,
                       "the file is not valid YAML (position of the parser's error)"};
const Rule kDuplicateKey{rule_ids::kDuplicateKey, Severity::Error, RuleGroup::Input,
                         "a mapping repeats a key (position of the second one)"};
const Rule kInputLimit{rule_ids::kInputLimit, Severity::Error, RuleGroup::Input,
                       "the file is over 4 MiB, nests deeper than 64 levels, or its aliases would expand past "
                       "100,000 nodes"};
const Rule kSchema{rule_ids::kSchema, Severity::Error, RuleGroup::Input,
                   "a JSON Schema violation: unknown key, wrong type, missing key, bad enum, pattern, length"};
const Rule kUnknownKind{rule_ids::kUnknownKind, Severity::Error, RuleGroup::Input,
                        "apiVersion/kind are missing or not a known pair"};

}  // namespace ipack::rules
