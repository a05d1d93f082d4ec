#include "components/review_facts.h"

#include <catch2/catch.hpp>

#include "components/export_reader.h"

namespace ipack {
namespace {

Component read_component(std::string text) {
  std::vector<Diagnostic> out;
  auto c = read_component_export("c.xml", text, out);
  REQUIRE(c);
  REQUIRE(out.empty());
  return *c;
}

std::string component_envelope(const std::string& type, const std::string& inner) {
  return "<bns:Component xmlns:bns=\"http://api.platform.boomi.com/\" componentId=\"8f6a2c1e-3b4d-4e5f-9a0b-"
         "1c2d3e4f5a6b\"\n name=\"New Thing\" type=\"" +
         type + "\">\n" + inner + "</bns:Component>\n";
}

}  // namespace

TEST_CASE("review facts: name, description, workload and the messages of Exception and Business Rules steps",
          "[review]") {
  Component c = read_component(component_envelope(
      "process",
      "<bns:description> </bns:description><bns:object><process workload=\"general\"><shapes>\n"
      "<shape shapetype=\"exception\"><configuration><exception><exMessage>stop {1}</exMessage></exception>"
      "</configuration></shape>\n"
      "<shape shapetype=\"exception\"><configuration><exception/></configuration></shape>\n"
      "<shape shapetype=\"businessrules\"><configuration><businessrules><rule><errorMessage content=\"bad\"/></rule>"
      "<rule><errorMessage content=\"bad {1}\"/></rule></businessrules></configuration></shape>\n"
      "</shapes></process></bns:object>\n"));
  const ReviewFacts& r = c.review;
  CHECK(r.name_at.line == 2);
  CHECK(r.name_at.column == 2);
  REQUIRE(r.description);
  CHECK(r.description->value.empty());  // the parser keeps no text of only spaces
  CHECK(r.process);
  REQUIRE(r.workload);
  CHECK(r.workload->value == "general");
  REQUIRE(r.exception_messages.size() == 2);
  CHECK(r.exception_messages[0].value == "stop {1}");
  CHECK(r.exception_messages[1].value.empty());
  CHECK(r.exception_messages[1].at.line == 5);
  REQUIRE(r.business_rule_messages.size() == 2);
  CHECK(r.business_rule_messages[0].value == "bad");
  CHECK(r.business_rule_messages[0].at.line == 6);
  CHECK_FALSE(r.listen_action);
}

TEST_CASE("review facts: a queue or JMS listen operation's settings", "[review]") {
  Component queue = read_component(
      component_envelope("connector-action",
                         "<bns:object><Operation><Configuration><QueueGetAction deadLetterQueue=\"false\" "
                         "maxConcurrentExecutions=\"0\"/></Configuration></Operation></bns:object>\n"));
  REQUIRE(queue.review.listen_action);
  CHECK(queue.review.listen_action->element == "QueueGetAction");
  CHECK(queue.review.listen_action->dead_letter_queue->value == "false");
  CHECK(queue.review.listen_action->max_concurrent_executions->value == "0");
  CHECK_FALSE(queue.review.process);
  Component jms = read_component(
      component_envelope("connector-action",
                         "<bns:object><Operation><Configuration><JMSGetAction maxConcurrentExecutions=\"2\"/>"
                         "</Configuration></Operation></bns:object>\n"));
  REQUIRE(jms.review.listen_action);
  CHECK(jms.review.listen_action->element == "JMSGetAction");
  CHECK_FALSE(jms.review.listen_action->dead_letter_queue);
}

}  // namespace ipack
