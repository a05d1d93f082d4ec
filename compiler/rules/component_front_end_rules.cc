// Component rules reported while the exports are indexed (components/component_index.cc,
// components/export_reader.cc) or looked for (validate/manifest_check.cc); listed here so that
// `ipack rules`, `explain` and the docs know them.
#include "base/rule_ids.h"
#include "rules/rules.h"

namespace ipack::rules {

const Rule kComponentXml{rule_ids::kComponentXml, Severity::Error, RuleGroup::Components,
                         "an export is not well-formed XML, not UTF-8, or lacks the Boomi envelope"};
const Rule kDuplicateComponent{rule_ids::kDuplicateComponent, Severity::Error, RuleGroup::Components,
                               "two exports carry the same componentId"};
const Rule kComponentsFolder{"components-folder", Severity::Error, RuleGroup::Components,
                             "spec.components names a folder that does not exist"};

}  // namespace ipack::rules
