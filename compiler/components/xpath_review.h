#pragma once
/// Evaluates a run's XPath rules (input/xpath_rule_config.h) on one parsed export, in a time
/// that is bounded: pugixml cannot be interrupted, so the evaluation runs on a thread of its
/// own, and when it is not done by the deadline it is abandoned (left to finish on its own,
/// its result dropped) and a finding says so.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "base/diagnostic.h"
#include "components/component.h"
#include "input/xpath_rule_config.h"

namespace ipack {

struct XPathLimits {
  std::chrono::milliseconds deadline{2000};  ///< for all the rules on one export
  size_t findings_per_rule = 100;            ///< per export; the rest are counted in one finding
  int abandoned_at_once = 2;                 ///< evaluations left running; beyond, exports are not evaluated
};

/// Evaluates `rules` on the export `c` (parsed as `doc` from `text`) and adds their findings,
/// severities set, to `out`.
void review_with_xpath(const std::vector<XPathRule>& rules, const Component& c, const std::string& text,
                       std::shared_ptr<const pugi::xml_document> doc, std::vector<Diagnostic>& out,
                       const XPathLimits& limits = {});

}  // namespace ipack
