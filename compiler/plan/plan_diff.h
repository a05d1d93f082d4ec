#pragma once
/// What changes for a customer between two versions of an install plan: the pack version,
/// instances installed or removed, environments attached or detached, extension values set,
/// changed or cleared, and schedules. Values are never shown, only that they changed: without
/// the pack a plan does not say which fields are secrets. Secret references are shown.

#include <string>

#include <nlohmann/json.hpp>

#include "plan/plan_model.h"

namespace ipack {

/// `{"plan", "pack": {"old", "new"}?, "version": {"old", "new"}?, "account": {...}?, "instances": [
/// {"instance", "change": "added"|"removed"|"changed", "changes": ["..."]}]}`; an empty
/// "instances" and no other key but "plan" when nothing changes.
nlohmann::json diff_plans(const PlanModel& old_plan, const PlanModel& new_plan);

/// The diff as text, one line a change; "no changes" when there is none.
std::string render_plan_diff(const nlohmann::json& diff);

}  // namespace ipack
