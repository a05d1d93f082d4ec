#pragma once
/// A pack's component exports as its packages see them: the graph of every export in the
/// components folder, and each package's closure in it.

#include <cstddef>
#include <vector>

#include "components/component_graph.h"

namespace ipack {

/// A package whose primary component has an export, with its closure.
struct PackageClosure {
  size_t index;  ///< in spec.packages
  const Component* primary;
  Closure closure;
};

/// The pack's component exports, when it has a components folder.
struct PackComponents {
  ComponentGraph graph;
  std::vector<PackageClosure> closures;  ///< in manifest order
  /// Whether every package's primary export is present, so that what the packaged processes
  /// declare is known completely.
  bool complete = true;
};

}  // namespace ipack
