#include "plan/plan_model.h"

#include <fmt/format.h>

#include "input/json_view.h"
#include "input/position_map.h"
#include "plan/extension_kinds.h"

namespace ipack {
namespace {

using nlohmann::json;

ExtensionValue extension_value(const ExtensionKind& kind, const json& e, const std::string& base, size_t i) {
  ExtensionValue x;
  x.list = std::string(kind.list);
  x.index = i;
  x.pointer = pointer_join(base, i);
  x.is_object = e.is_object();
  for (std::string_view key : kind.keys) {
    std::string k(key);
    x.keys[k] = field_of<std::string>(&e, x.pointer, k.c_str());
  }
  x.value = field_of<std::string>(&e, x.pointer, "value");
  if (const json* secret = json_view::member(&e, "secret")) {
    SecretReference r;
    r.pointer = pointer_join(x.pointer, "secret");
    r.env = field_of<std::string>(secret, r.pointer, "env");
    r.file = field_of<std::string>(secret, r.pointer, "file");
    x.secret = std::move(r);
  }
  return x;
}

PlanSchedule schedule_of(const json& s, const std::string& base, size_t i) {
  PlanSchedule out;
  out.index = i;
  out.pointer = pointer_join(base, i);
  out.is_object = s.is_object();
  out.process = field_of<std::string>(&s, out.pointer, "process");
  for (const auto& name : schedule_field_names()) {
    ScheduleField f;
    f.name = name;
    f.pointer = pointer_join(out.pointer, name);
    if (const json* v = json_view::member(&s, name)) {
      f.present = true;
      if (v->is_string())
        f.text = v->get<std::string>();
      else if (v->is_number_integer())
        f.text = v->dump();
    }
    out.fields.push_back(std::move(f));
  }
  std::string retry_pointer = pointer_join(out.pointer, "retry");
  out.max_retry.pointer = pointer_join(retry_pointer, "maxRetry");
  if (const json* retry = json_view::member(&s, "retry")) {
    out.has_retry = true;
    if (const json* max = json_view::member(retry, "maxRetry")) {
      out.max_retry.present = true;
      if (max->is_number_integer()) out.max_retry.value = max->get<int64_t>();
    }
  }
  return out;
}

}  // namespace

std::string SecretReference::describe() const {
  if (env && !file.present) return "env:" + *env;
  if (file && !env.present) return "file:" + *file;
  return "";
}

std::vector<std::string> ExtensionValue::identity() const {
  std::vector<std::string> out;
  const ExtensionKind* kind = extension_kind(list);
  if (!kind) return out;
  for (std::string_view key : kind->keys) {
    auto it = keys.find(std::string(key));
    if (it == keys.end() || !it->second) return {};
    out.push_back(component_key(*it->second));
  }
  return out;
}

const std::vector<std::string>& schedule_field_names() {
  static const std::vector<std::string> names = {"minutes", "hours", "daysOfWeek", "daysOfMonth", "months", "years"};
  return names;
}

PlanModel read_plan_model(const json& plan) {
  PlanModel m;
  m.name = field_of<std::string>(json_view::member(&plan, "metadata"), "/metadata", "name");
  const json* spec = json_view::member(&plan, "spec");
  m.pack = field_of<std::string>(spec, "/spec", "pack");
  m.version = field_of<std::string>(spec, "/spec", "version");
  m.account = field_of<std::string>(spec, "/spec", "account");
  const json* instances = json_view::member(spec, "instances");
  if (!instances || !instances->is_array()) return m;
  for (size_t i = 0; i < instances->size(); ++i) {
    const json& in = (*instances)[i];
    PlanInstance p;
    p.index = i;
    p.pointer = pointer_join("/spec/instances", i);
    p.is_object = in.is_object();
    p.name = field_of<std::string>(&in, p.pointer, "name");
    if (const json* envs = json_view::member(&in, "environments"); envs && envs->is_array()) {
      std::string base = pointer_join(p.pointer, "environments");
      for (size_t e = 0; e < envs->size(); ++e) {
        Field<std::string> f;
        f.pointer = pointer_join(base, e);
        f.present = true;
        if ((*envs)[e].is_string()) f.value = (*envs)[e].get<std::string>();
        p.environments.push_back(std::move(f));
      }
    }
    const json* extensions = json_view::member(&in, "extensions");
    std::string ext_base = pointer_join(p.pointer, "extensions");
    for (const ExtensionKind& kind : extension_kinds()) {
      const json* entries = json_view::member(extensions, kind.list);
      if (!entries || !entries->is_array()) continue;
      std::string base = pointer_join(ext_base, kind.list);
      for (size_t e = 0; e < entries->size(); ++e)
        p.extensions.push_back(extension_value(kind, (*entries)[e], base, e));
    }
    if (const json* schedules = json_view::member(&in, "schedules"); schedules && schedules->is_array()) {
      std::string base = pointer_join(p.pointer, "schedules");
      for (size_t s = 0; s < schedules->size(); ++s) p.schedules.push_back(schedule_of((*schedules)[s], base, s));
    }
    m.instances.push_back(std::move(p));
  }
  return m;
}

}  // namespace ipack
