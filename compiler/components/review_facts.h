#pragma once
/// Reads what the best-practice rules check (component.h, ReviewFacts) from a parsed export.

#include <pugixml.hpp>

#include "components/component.h"
#include "components/export_xml.h"

namespace ipack {

/// Fills `c.review` from the export whose envelope is `root`.
void read_review_facts(const pugi::xml_node& root, const ExportPositions& positions, Component& c);

}  // namespace ipack
