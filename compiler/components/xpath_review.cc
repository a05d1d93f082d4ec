#include "components/xpath_review.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "components/export_xml.h"
#include "components/line_index.h"

namespace ipack {
namespace {

// Evaluations abandoned at their deadline and still running.
std::atomic<int> g_abandoned_running{0};

// The export as Boomi's CI/CD scripts see it, with every `bns:` removed (their `sed -e 's/bns://g'`),
// and how to map its offsets back to the export's.
struct StrippedExport {
  std::string text;
  std::vector<size_t> removed_at;  // offsets in `text` where a `bns:` was removed, ascending
  pugi::xml_document doc;
  bool parsed = false;

  explicit StrippedExport(const std::string& original) {
    text.reserve(original.size());
    size_t from = 0;
    for (size_t at = original.find("bns:"); at != std::string::npos; at = original.find("bns:", from)) {
      text.append(original, from, at - from);
      removed_at.push_back(text.size());
      from = at + 4;
    }
    text.append(original, from, std::string::npos);
    parsed = static_cast<bool>(doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8));
  }
  size_t original_offset(size_t offset) const {
    size_t before = static_cast<size_t>(std::upper_bound(removed_at.begin(), removed_at.end(), offset) -
                                        removed_at.begin());
    return offset + 4 * before;
  }
};

// What the evaluating thread and the caller share; the thread keeps it alive when abandoned.
struct Evaluation {
  std::vector<XPathRule> rules;
  std::string file;
  std::string text;
  std::shared_ptr<const pugi::xml_document> doc;
  XmlPosition root_at;
  size_t findings_per_rule = 0;

  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  bool abandoned = false;
  std::atomic<size_t> current{0};  // the rule being evaluated
  std::vector<Diagnostic> findings;
};

Diagnostic finding(const Evaluation& e, const XPathRule& rule, XmlPosition at, std::string message) {
  Diagnostic d = make_finding(rule.id, e.file, at.line, at.column, std::move(message));
  d.severity = rule.severity;
  return d;
}

// Whether a result that is not a node set counts as a match: true, a number other than 0, a
// string that is not empty.
bool matches(const pugi::xpath_query& query, const pugi::xpath_node& context) {
  switch (query.return_type()) {
    case pugi::xpath_type_boolean: return query.evaluate_boolean(context);
    case pugi::xpath_type_number: {
      double n = query.evaluate_number(context);
      return n != 0 && !std::isnan(n);
    }
    case pugi::xpath_type_string: return !query.evaluate_string(context).empty();
    default: return false;
  }
}

// Whether the export names Boomi's namespace `bns:`, as platform-written exports do. The XPath
// engine matches names as written, so that is what binds a rule's `bns:` to the namespace.
bool binds_bns(const pugi::xml_document& doc) {
  pugi::xml_node root = doc.document_element();
  return std::strncmp(root.name(), "bns:", 4) == 0 &&
         std::strcmp(root.attribute("xmlns:bns").value(), "http://api.platform.boomi.com/") == 0;
}

void evaluate(const std::shared_ptr<Evaluation>& e) {
  LineIndex lines(e->text);
  std::unique_ptr<StrippedExport> stripped;
  std::vector<Diagnostic> found;
  for (size_t i = 0; i < e->rules.size(); ++i) {
    e->current = i;
    {
      std::lock_guard<std::mutex> lock(e->mutex);
      if (e->abandoned) break;
    }
    const XPathRule& rule = e->rules[i];
    const pugi::xml_document* doc = e->doc.get();
    if (!rule.from_profile && !binds_bns(*doc)) {
      found.push_back(finding(*e, rule, e->root_at,
                              "not evaluated: the export does not bind the prefix bns: to Boomi's namespace "
                              "(xmlns:bns=\"http://api.platform.boomi.com/\" on <bns:Component>) as platform-written "
                              "exports do, so bns: in the rule's XPath would name nothing"));
      continue;
    }
    if (rule.from_profile) {
      if (!stripped) stripped = std::make_unique<StrippedExport>(e->text);
      if (!stripped->parsed) {
        found.push_back(finding(*e, rule, e->root_at,
                                "not evaluated: the export with its bns: prefixes removed is not well-formed XML"));
        continue;
      }
      doc = &stripped->doc;
    }
    auto place = [&](const pugi::xpath_node& n) -> XmlPosition {
      // Offsets in the document evaluated: the stripped export's are mapped back.
      size_t offset = 0;
      if (n.attribute())
        offset = ExportPositions::offset_of(n.parent(), n.attribute());
      else if (n.node().type() == pugi::node_document)
        return e->root_at;
      else
        offset = ExportPositions::offset_of(n.node());
      return lines.at(rule.from_profile ? stripped->original_offset(offset) : offset);
    };
    struct Publish {  // each rule's findings are the caller's as soon as the rule is done
      Evaluation& e;
      std::vector<Diagnostic>& found;
      ~Publish() {
        std::lock_guard<std::mutex> lock(e.mutex);
        for (auto& d : found) e.findings.push_back(std::move(d));
        found.clear();
      }
    } publish{*e, found};
    try {
      pugi::xpath_query query(rule.xpath.c_str());
      pugi::xpath_node context(*doc);
      if (query.return_type() != pugi::xpath_type_node_set) {
        if (matches(query, context)) found.push_back(finding(*e, rule, e->root_at, rule.message));
        continue;
      }
      pugi::xpath_node_set nodes = query.evaluate_node_set(context);
      nodes.sort();
      size_t shown = std::min(nodes.size(), e->findings_per_rule);
      for (size_t n = 0; n < shown; ++n) found.push_back(finding(*e, rule, place(nodes[n]), rule.message));
      if (nodes.size() > shown)
        found.push_back(finding(*e, rule, place(nodes[shown]),
                                fmt::format("{} ({} more matches in this export are not listed)", rule.message,
                                            nodes.size() - shown)));
    } catch (const std::exception& ex) {  // pugi::xpath_exception, std::bad_alloc
      found.push_back(finding(*e, rule, e->root_at, fmt::format("not evaluated on this export: {}", ex.what())));
    }
  }
  std::lock_guard<std::mutex> lock(e->mutex);
  for (auto& d : found) e->findings.push_back(std::move(d));
  e->done = true;
  if (e->abandoned) --g_abandoned_running;
  e->finished.notify_all();
}

}  // namespace

void review_with_xpath(const std::vector<XPathRule>& rules, const Component& c, const std::string& text,
                       std::shared_ptr<const pugi::xml_document> doc, std::vector<Diagnostic>& out,
                       const XPathLimits& limits) {
  auto e = std::make_shared<Evaluation>();
  for (const XPathRule& r : rules)
    if (r.types.empty() || std::find(r.types.begin(), r.types.end(), c.type) != r.types.end()) e->rules.push_back(r);
  if (e->rules.empty()) return;
  e->file = c.file;
  e->root_at = c.at;
  if (g_abandoned_running >= limits.abandoned_at_once) {
    out.push_back(finding(*e, e->rules.front(), c.at,
                          fmt::format("XPath rules not evaluated on this export: {} earlier evaluations ran over "
                                      "their {} ms and are still running",
                                      limits.abandoned_at_once, limits.deadline.count())));
    return;
  }
  e->text = text;
  e->doc = std::move(doc);
  e->findings_per_rule = limits.findings_per_rule;
  try {
    std::thread(evaluate, e).detach();
  } catch (const std::system_error& ex) {
    out.push_back(finding(*e, e->rules.front(), c.at,
                          fmt::format("XPath rules not evaluated on this export: no thread to run them ({})",
                                      ex.what())));
    return;
  }
  std::unique_lock<std::mutex> lock(e->mutex);
  if (e->finished.wait_for(lock, limits.deadline, [&] { return e->done; })) {
    for (auto& d : e->findings) out.push_back(std::move(d));
    return;
  }
  e->abandoned = true;
  ++g_abandoned_running;
  for (auto& d : e->findings) out.push_back(std::move(d));  // of the rules that finished
  e->findings.clear();
  size_t current = e->current;
  const XPathRule& rule = e->rules[current];
  std::string rest = current + 1 < e->rules.size()
                         ? fmt::format(", nor are the {} XPath rules after it", e->rules.size() - current - 1)
                         : "";
  out.push_back(finding(*e, rule, c.at,
                        fmt::format("XPath rule {} did not finish on this export within {} ms and was stopped: the "
                                    "export is not checked by it{}; simplify the expression",
                                    rule.id, limits.deadline.count(), rest)));
}

}  // namespace ipack
