#pragma once
/// What an install plan compiles to: the Platform API requests a deploy step sends for it, in
/// order, with their bodies as Boomi's Platform API names and nests their fields. Values the
/// platform assigns (the pack's, environments', instances' and runtimes' ids) and secrets are
/// placeholders, `${kind:name}`, that the deploy step replaces when it sends the request:
/// `${secret:env:NAME}` / `${secret:file:PATH}` name the reference, never the value.

#include <nlohmann/json.hpp>

#include "plan/pack_target.h"
#include "plan/plan_model.h"

namespace ipack {

/// The plan must have been checked against `pack` with no error. Returns
/// `{"format": "ipack-install/1", "plan", "pack", "version", "account", "placeholders", "requests"}`,
/// each request `{"object", "method", "path", "instance", "environment"?, "process"?, "body"}`.
nlohmann::json compile_plan(const PlanModel& plan, const PackTarget& pack);

}  // namespace ipack
