#include "components/review_facts.h"

#include <cstring>

namespace ipack {
namespace {

bool named(const pugi::xml_node& node, const char* local) {
  return node.type() == pugi::node_element && std::strcmp(local_name(node), local) == 0;
}

XmlValue attribute_value(const pugi::xml_node& node, const char* attribute, const ExportPositions& positions) {
  return {node.attribute(attribute).value(), positions.of(node, attribute)};
}

// An Exception step's message: `configuration/exception/exMessage`. A step without one has an
// empty message, placed at the deepest of those elements that it has.
XmlValue exception_message(const pugi::xml_node& shape, const ExportPositions& positions) {
  pugi::xml_node exception = child_named(child_named(shape, "configuration"), "exception");
  pugi::xml_node message = child_named(exception, "exMessage");
  if (message) return {message.text().get(), positions.of(message)};
  return {"", positions.of(exception ? exception : shape)};
}

void read_process(const pugi::xml_node& process, const ExportPositions& positions, ReviewFacts& review) {
  review.process = true;
  if (process.attribute("workload")) review.workload = attribute_value(process, "workload", positions);
  for (pugi::xml_node shape = child_named(process, "shapes").first_child(); shape; shape = shape.next_sibling()) {
    if (!named(shape, "shape")) continue;
    const char* type = shape.attribute("shapetype").value();
    if (std::strcmp(type, "exception") == 0) {
      review.exception_messages.push_back(exception_message(shape, positions));
    } else if (std::strcmp(type, "businessrules") == 0) {
      pugi::xml_node rules = child_named(child_named(shape, "configuration"), "businessrules");
      for (pugi::xml_node rule = rules.first_child(); rule; rule = rule.next_sibling()) {
        if (!named(rule, "rule")) continue;
        for (pugi::xml_node message = rule.first_child(); message; message = message.next_sibling())
          if (named(message, "errorMessage"))
            review.business_rule_messages.push_back(attribute_value(message, "content", positions));
      }
    }
  }
}

}  // namespace

void read_review_facts(const pugi::xml_node& root, const ExportPositions& positions, Component& c) {
  ReviewFacts& review = c.review;
  review.name_at = positions.of(root, "name");
  if (pugi::xml_node description = child_named(root, "description"))
    review.description = XmlValue{description.text().get(), positions.of(description)};
  pugi::xml_node object = child_named(root, "object");
  if (pugi::xml_node process = child_named(object, "process")) read_process(process, positions, review);
  pugi::xml_node configuration = child_named(child_named(object, "Operation"), "Configuration");
  for (pugi::xml_node action = configuration.first_child(); action; action = action.next_sibling()) {
    if (!named(action, "QueueGetAction") && !named(action, "JMSGetAction")) continue;
    ListenAction listen{local_name(action), positions.of(action), std::nullopt, std::nullopt};
    if (action.attribute("maxConcurrentExecutions"))
      listen.max_concurrent_executions = attribute_value(action, "maxConcurrentExecutions", positions);
    if (action.attribute("deadLetterQueue"))
      listen.dead_letter_queue = attribute_value(action, "deadLetterQueue", positions);
    review.listen_action = std::move(listen);
    break;
  }
}

}  // namespace ipack
