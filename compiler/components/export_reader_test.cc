#include "components/export_reader.h"

#include <chrono>

#include <catch2/catch.hpp>

namespace ipack {
namespace {

struct ExportRead {
  std::optional<Component> component;
  std::vector<Diagnostic> findings;
};

ExportRead read_export(std::string text) {
  ExportRead r;
  r.component = read_component_export("c.xml", text, r.findings);
  return r;
}

std::string export_envelope(const std::string& inner, const std::string& attributes = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<bns:Component xmlns:bns=\"http://api.platform.boomi.com/\" "
         "componentId=\"8F6A2C1E-3B4D-4E5F-9A0B-1C2D3E4F5A6B\"\n"
         "    version=\"12\" name=\"Sync Accounts\" type=\"process\" deleted=\"false\"" +
         attributes + ">\n" + inner + "</bns:Component>\n";
}

// With any XPath rule an export is parsed from a copy, not in place; this one applies to no
// component type (a type read from XML holds no NUL), so it is never evaluated.
std::vector<XPathRule> copy_parsing_rules() {
  XPathRule never;
  never.id = "never";
  never.message = "m";
  never.xpath = "/";
  never.types = {std::string(1, '\0')};
  return {never};
}

const std::string kConnection = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
const std::string kOperation = "f12bf6fc-5339-469d-b7b4-64ad4bccdf8d";

}  // namespace

TEST_CASE("the envelope: id (lower-cased), type, name, version, deleted", "[export]") {
  auto r = read_export(export_envelope("  <bns:object/>\n", " folderFullPath=\"Acme\""));
  REQUIRE(r.component);
  CHECK(r.component->id == "8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b");
  CHECK(r.component->type == "process");
  CHECK(r.component->name == "Sync Accounts");
  CHECK(r.component->version == "12");
  CHECK_FALSE(r.component->deleted);
  CHECK(r.component->at.line == 2);
  CHECK(r.component->at.column == 1);
  CHECK(read_export(export_envelope("", " x=\"1\"")
                        .replace(export_envelope("").find("deleted=\"false\""), 15, "deleted=\"true\""))
            .component->deleted);
}

TEST_CASE("an envelope without componentId, type or name, or with an id that is not a GUID, is refused there",
          "[export]") {
  const std::string whole = export_envelope("  <bns:object/>\n");
  auto without = [&](const std::string& attribute) {
    std::string text = whole;
    size_t at = text.find(" " + attribute + "=\"", text.find("<bns:Component"));
    REQUIRE(at != std::string::npos);
    text.erase(at, text.find('"', text.find('"', at) + 1) + 1 - at);
    return read_export(text);
  };
  for (const std::string attribute : {"componentId", "type", "name"}) {
    INFO(attribute);
    auto r = without(attribute);
    CHECK_FALSE(r.component);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].rule == "component-xml");
    CHECK(r.findings[0].message == "not a Boomi component export: <bns:Component> has no " + attribute + " attribute");
    CHECK(r.findings[0].line == 2);
  }
  // Without version or deleted: read as empty and as not deleted.
  auto r = without("version");
  REQUIRE(r.component);
  CHECK(r.component->version.empty());
  CHECK_FALSE(without("deleted").component->deleted);
  // Names that only start like the envelope's are other attributes.
  std::string look_alike = whole;
  look_alike.replace(look_alike.find(" type=\""), 6, " types=");
  CHECK(read_export(look_alike).findings.at(0).message ==
        "not a Boomi component export: <bns:Component> has no type attribute");

  std::string bad_id = whole;
  bad_id.replace(bad_id.find("8F6A2C1E"), 8, "8F6A2C1X");
  auto refused = read_export(bad_id);
  CHECK_FALSE(refused.component);
  REQUIRE(refused.findings.size() == 1);
  CHECK(refused.findings[0].message ==
        "componentId \"8F6A2C1X-3B4D-4E5F-9A0B-1C2D3E4F5A6B\" is not a component id (a GUID)");
  CHECK(refused.findings[0].line == 2);
  CHECK(refused.findings[0].column == 59);  // the attribute's name
}

TEST_CASE("references: every id-valued attribute, with its position; table ones marked", "[export]") {
  auto r = read_export(export_envelope(
      "  <bns:object><process><shapes>\n"
      "    <shape shapetype=\"start\"><configuration>\n"
      "      <connectoraction actionType=\"Listen\" connectionId=\"" +
      kConnection +
      "\"\n"
      "          operationId=\"" +
      kOperation +
      "\"/>\n"
      "    </configuration></shape>\n"
      "    <shape><processroutecall processRouteId=\"resource::rout:5E6F0000-0000-4000-8000-000000000000\"/></shape>\n"
      "    <x key=\"7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b\" other=\"not-a-guid\" "
      "responseProfile=\"a0883ff4-46ea-4cda-a84d-5104126d5064\"/>\n"
      "  </shapes></process></bns:object>\n"));
  REQUIRE(r.component);
  const auto& refs = r.component->references;
  REQUIRE(refs.size() == 4);
  CHECK(refs[0].target == kConnection);
  CHECK(refs[0].element == "connectoraction");
  CHECK(refs[0].attribute == "connectionId");
  CHECK(refs[0].in_table);
  CHECK(refs[0].at.line == 6);  // the envelope takes lines 1-3
  CHECK(refs[0].at.column == 44);
  CHECK(refs[1].attribute == "operationId");
  CHECK(refs[1].at.line == 7);
  CHECK(refs[1].at.column == 11);
  CHECK(refs[2].target == "5e6f0000-0000-4000-8000-000000000000");
  CHECK(refs[2].process_route_step);
  CHECK(refs[3].attribute == "responseProfile");
  CHECK_FALSE(refs[3].in_table);
  CHECK(r.component->listener);
}

TEST_CASE("extensions: only overrideable fields, properties and defined properties", "[export]") {
  auto r = read_export(
      export_envelope("  <bns:object/>\n  <bns:processOverrides><Overrides>\n"
                      "    <Connections><ConnectionOverride id=\"" +
                      kConnection +
                      "\">\n"
                      "      <field id=\"url\" overrideable=\"true\"/><field id=\"timeout\" overrideable=\"false\"/>\n"
                      "    </ConnectionOverride></Connections>\n"
                      "    <Properties><PropertyOverride name=\"BATCH_SIZE\"/></Properties>\n"
                      "    <DefinedProcessPropertyOverrides><OverrideableDefinedProcessPropertyComponent "
                      "componentId=\"5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d\">\n"
                      "      <OverrideableDefinedProcessPropertyValue key=\"7E8F9A0B-1c2d-4e3f-8a4b-5c6d7e8f9a0b\" "
                      "name=\"Batch\" overrideable=\"true\"/>\n"
                      "    </OverrideableDefinedProcessPropertyComponent></DefinedProcessPropertyOverrides>\n"
                      "  </Overrides></bns:processOverrides>\n"));
  REQUIRE(r.component);
  const auto& e = r.component->extensions;
  CHECK(e.connection_fields == std::set<std::pair<std::string, std::string>>{{kConnection, "url"}});
  CHECK(e.dynamic_properties == std::set<std::string>{"BATCH_SIZE"});
  CHECK(e.process_properties.count({"5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d", "7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b"}));
  CHECK(e.at.line == 5);
  CHECK(e.at.column == 3);
}

// A connection's export: the envelope above with type="connector-settings".
std::string connection(const std::string& inner) {
  std::string text = export_envelope(inner);
  text.replace(text.find("type=\"process\""), 14, "type=\"connector-settings\"");
  return text;
}

TEST_CASE("secrets: encryptedValues paths and password fields", "[export]") {
  auto r = read_export(
      connection("  <bns:encryptedValues><bns:encryptedValue "
                 "path=\"//GenericConnectionConfig/field[@type='password']\" isSet=\"true\"/></bns:encryptedValues>\n"
                 "  <bns:object><GenericConnectionConfig><field id=\"url\" type=\"string\"/><field id=\"secret\" "
                 "type=\"password\"/>"
                 "<field id=\"password\" type=\"string\"/></GenericConnectionConfig></bns:object>\n"));
  REQUIRE(r.component);
  CHECK(r.component->fields == std::set<std::string>{"url", "secret", "password"});
  CHECK(r.component->secret_fields == std::set<std::string>{"secret", "password"});
}

TEST_CASE("bad exports are component-xml findings with a position", "[export]") {
  SECTION("not well-formed") {
    auto r = read_export("<a>\n  <b>\n</a>\n");
    REQUIRE_FALSE(r.component);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].rule == "component-xml");
    CHECK(r.findings[0].line == 3);
    CHECK(r.findings[0].message.find("not well-formed XML") == 0);
  }
  SECTION("not a Boomi export") {
    auto r = read_export("<?xml version=\"1.0\"?>\n<project/>\n");
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].line == 2);
    CHECK(r.findings[0].message.find("<project>") != std::string::npos);
  }
  SECTION("no componentId") {
    auto r = read_export("<bns:Component xmlns:bns=\"x\" name=\"n\" type=\"process\"/>");
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].message.find("componentId") != std::string::npos);
  }
  SECTION("not UTF-8") {
    auto r = read_export(export_envelope("  <bns:description>caf\xE9</bns:description>\n"));
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].line == 4);
    CHECK(r.findings[0].column == 23);
  }
}

TEST_CASE("hostile XML is read safely: no entity is expanded or fetched", "[export][hostile]") {
  SECTION("billion laughs") {
    std::string doctype = "<!DOCTYPE bns:Component [\n<!ENTITY lol \"lol\">\n";
    for (int i = 1; i <= 9; ++i) {
      doctype += "<!ENTITY lol" + std::to_string(i) + " \"";
      for (int k = 0; k < 10; ++k) doctype += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
      doctype += "\">\n";
    }
    doctype += "]>\n";
    std::string text = export_envelope("  <bns:description>&lol9;</bns:description>\n");
    text.insert(text.find('\n') + 1, doctype);
    auto r = read_export(text);
    REQUIRE(r.component);
    CHECK(r.findings.empty());
  }
  SECTION("external entity") {
    std::string text = export_envelope("  <bns:description>&xxe;</bns:description>\n");
    text.insert(text.find('\n') + 1, "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n");
    auto r = read_export(text);
    REQUIRE(r.component);
    CHECK(r.component->name == "Sync Accounts");
  }
  SECTION("a deep nesting does not exhaust the stack") {
    std::string deep = "  <bns:object>" + std::string();
    for (int i = 0; i < 100000; ++i) deep += "<a>";
    for (int i = 0; i < 100000; ++i) deep += "</a>";
    deep += "</bns:object>\n";
    auto r = read_export(export_envelope(deep));
    CHECK(r.component);
  }
  SECTION("a 50 MB export") {
    std::string big = "  <bns:object><profile>\n";
    std::string element = "    <profileelement name=\"field\" profileId=\"a0883ff4-46ea-4cda-a84d-5104126d5064\"/>\n";
    while (big.size() < 50u * 1024 * 1024) big += element;
    big += "  </profile></bns:object>\n";
    auto r = read_export(export_envelope(big));
    REQUIRE(r.component);
    CHECK(r.component->references.size() > 500000);
  }
}

TEST_CASE("component ids", "[export]") {
  CHECK(normalise_component_id("resource::rout:5E6F0000-0000-4000-8000-000000000000") ==
        "5e6f0000-0000-4000-8000-000000000000");
  CHECK(normalise_component_id("5e6f0000-0000-4000-8000-00000000000").empty());
  CHECK(normalise_component_id("5e6f0000x0000-4000-8000-000000000000").empty());
  CHECK(normalise_component_id("g e6f0000-0000-4000-8000-00000000000").empty());
}

namespace {

// One line, as the Component API returns an export.
std::string one_line(const std::string& type, const std::string& sub_type, const std::string& encrypted,
                     const std::string& object, const std::string& overrides = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><bns:Component "
         "xmlns:bns=\"http://api.platform.boomi.com/\" "
         "componentId=\"11111111-2222-4333-8444-555555555555\" version=\"3\" name=\"Ünïcode — Connection\" type=\"" +
         type + "\" subType=\"" + sub_type + "\" deleted=\"false\"><bns:encryptedValues>" + encrypted +
         "</bns:encryptedValues><bns:object>" + object + "</bns:object>" + overrides + "</bns:Component>\n";
}

std::set<std::string> ids(const std::vector<ConnectionField>& fields) {
  std::set<std::string> out;
  for (const auto& f : fields) out.insert(f.id);
  return out;
}

}  // namespace

TEST_CASE("connector kinds: fields and secrets of built-in and SDK connections", "[export][connectors]") {
  SECTION("HTTP Client: the shallowest url, user and password; the password secret by its attribute path") {
    auto r = read_export(
        one_line("connector-settings", "http",
                 "<bns:encryptedValue path=\"//HttpSettings/AuthSettings/@password\" isSet=\"true\"/>",
                 "<HttpSettings xmlns=\"\" authenticationType=\"BASIC\" url=\"https://a.example\"><AuthSettings "
                 "password=\"0a1b\" user=\"svc\"/><OAuth2Settings><accessTokenEndpoint url=\"\"/></OAuth2Settings>"
                 "</HttpSettings>"));
    REQUIRE(r.component);
    CHECK(ids(r.component->own_fields) == std::set<std::string>{"url", "user", "password"});
    CHECK(r.component->own_fields[0].xpath == "HttpSettings/@url");
    CHECK(r.component->secret_fields == std::set<std::string>{"password"});
    CHECK(is_secret_xpath(*r.component, "HttpSettings/AuthSettings/@password"));
    CHECK_FALSE(is_secret_xpath(*r.component, "HttpSettings/AuthSettings/@user"));
    CHECK(connection_sets(*r.component, {"user", "", "HttpSettings/AuthSettings/@user", false, ""}));
  }
  SECTION("Database: username and password") {
    auto r = read_export(
        one_line("connector-settings", "database",
                 "<bns:encryptedValue path=\"//DatabaseConnectionSettings/@password\" isSet=\"true\"/>",
                 "<DatabaseConnectionSettings xmlns=\"\" host=\"db\" password=\"0a1b\" port=\"1433\" username=\"\"/>"));
    REQUIRE(r.component);
    CHECK(ids(r.component->own_fields) == std::set<std::string>{"username", "password"});
    CHECK(r.component->secret_fields == std::set<std::string>{"password"});
    // An empty user name is not a hard-coded credential, nor is an attribute the element lacks.
    CHECK_FALSE(connection_sets(*r.component, {"username", "", "DatabaseConnectionSettings/@username", false, ""}));
    CHECK_FALSE(connection_sets(*r.component, {"url", "", "DatabaseConnectionSettings/@url", false, ""}));
    // A path ipack cannot place counts as set.
    CHECK(connection_sets(*r.component, {"url", "", "Elsewhere/@url", false, ""}));
  }
  SECTION("Mail and SFTP: the same attributes wherever the settings element keeps them") {
    auto mail =
        read_export(one_line("connector-settings", "mail", "<bns:encryptedValue path=\"//MailSettings/@password\"/>",
                             "<MailSettings xmlns=\"\" host=\"smtp\" password=\"0a\" user=\"u\"/>"));
    CHECK(mail.component->secret_fields == std::set<std::string>{"password"});
    auto sftp = read_export(
        one_line("connector-settings", "sftp", "<bns:encryptedValue path=\"/SFTPSettings/AuthSettings/@password\"/>",
                 "<SFTPSettings xmlns=\"\" host=\"h\"><AuthSettings password=\"0a\" user=\"u\"/></SFTPSettings>"));
    CHECK(ids(sftp.component->own_fields) == std::set<std::string>{"user", "password"});
    CHECK(sftp.component->own_fields[0].xpath == "SFTPSettings/AuthSettings/@password");
  }
  SECTION("Atom queue: the queue named in element text is a known reference") {
    auto r = read_export(one_line("connector-settings", "queue", "",
                                  "<QueueSettings xmlns=\"\"><queueComponentId> 5C07E2B9-d4a1-4e6f-b835-0f9d1a7c3e28 "
                                  "</queueComponentId></QueueSettings>"));
    REQUIRE(r.component);
    REQUIRE(r.component->references.size() == 1);
    const auto& ref = r.component->references[0];
    CHECK(ref.target == "5c07e2b9-d4a1-4e6f-b835-0f9d1a7c3e28");
    CHECK(ref.element == "queueComponentId");
    CHECK(ref.attribute.empty());
    CHECK(ref.in_table);
    CHECK(ref.at.line == 1);
    // Columns count code points: the name's ü, ï and — are one each.
    std::string text = one_line("connector-settings", "queue", "", "<QueueSettings xmlns=\"\"><queueComponentId>");
    CHECK(ref.at.column == static_cast<int>(text.find("</bns:object>")) - 4 + 1);
  }
  SECTION("Connector SDK: GenericConnectionConfig fields; a path naming the field or its value") {
    auto r =
        read_export(one_line("connector-settings", "acme-sdk",
                             "<bns:encryptedValue path=\"//GenericConnectionConfig/field[@id=&quot;password&quot;]\"/>",
                             "<GenericConnectionConfig xmlns=\"\"><field id=\"url\" type=\"string\" value=\"u\"/>"
                             "<field id=\"password\" type=\"password\" value=\"0a\"/></GenericConnectionConfig>"));
    REQUIRE(r.component);
    CHECK(r.component->secret_fields == std::set<std::string>{"password"});
    CHECK(is_secret_xpath(*r.component, "GenericConnectionConfig/field[@id='password']/@value"));
    CHECK(connection_sets(*r.component, {"url", "", "GenericConnectionConfig/field[@id='url']/@value", false, ""}));
  }
}

TEST_CASE("an encryptedValue path is matched, never evaluated: a crafted path costs nothing", "[export][hostile]") {
  std::string path = "//*";
  for (int i = 0; i < 2000; ++i) path += "[count(//*[count(//*) > 0]) > 0]";
  std::string object = "<HttpSettings xmlns=\"\" url=\"u\">";
  for (int i = 0; i < 2000; ++i) object += "<a b=\"c\"/>";
  object += "</HttpSettings>";
  auto start = std::chrono::steady_clock::now();
  auto r = read_export(one_line("connector-settings", "http", "<bns:encryptedValue path=\"" + path + "\"/>", object));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  REQUIRE(r.component);
  CHECK(r.component->secret_fields.empty());
}

TEST_CASE("a process's field lists and other override sections", "[export][extensions]") {
  const std::string conn = "92c5f1d8-4a7e-4b03-b9d6-1e8a2c4f7053", op = "b8e31d05-7f4a-4c29-86d1-2e5a9c0f4b73";
  auto r = read_export(one_line(
      "process", "", "", "<process xmlns=\"\"/>",
      "<bns:processOverrides><Overrides xmlns=\"\"><Connections><ConnectionOverride id=\"" + conn +
          "\">"
          "<field id=\"url\" label=\"URL\" overrideable=\"true\" xpath=\"HttpSettings/@url\"/>"
          "<field id=\"password\" label=\"Password\" overrideable=\"false\" "
          "xpath=\"HttpSettings/AuthSettings/@password\"/>"
          "</ConnectionOverride></Connections>"
          "<Operations><OperationOverride id=\"" +
          op +
          "\"><field id=\"maxConcurrentExecutions\" overrideable=\"true\" "
          "xpath=\"Operation/Configuration/QueueGetAction/@maxConcurrentExecutions\"/></OperationOverride></Operations>"
          "<PartnerOverrides><PartnerOverride id=\"0f6a3c9d-8b2e-4d71-a5c0-7e4b9f1d2a36\" "
          "overrideable=\"true\"/></PartnerOverrides>"
          "<Extensions><ObjectDefinitions><unusedProfiles/><ObjectDefinition "
          "componentId=\"a0883ff4-46ea-4cda-a84d-5104126d5064\">"
          "<field id=\"schema\" overrideable=\"true\" "
          "xpath=\"JSONProfile/@schema\"/></ObjectDefinition></ObjectDefinitions><DataMaps><unusedMaps/>"
          "<DataMap componentId=\"c2d49e81-5a3f-4b6e-9d07-18f3a6c5e2b4\" "
          "overrideable=\"true\"/></DataMaps></Extensions>"
          "<CrossReferenceOverrides><CrossReferenceOverride id=\"e4b6a830-1d9c-4f27-a5e2-83c0f7b1d946\" "
          "overrideable=\"false\"/>"
          "</CrossReferenceOverrides><PGPOverrides><PGPOverride name=\"Partner key\" "
          "overrideable=\"true\"/></PGPOverrides>"
          "</Overrides></bns:processOverrides>"));
  REQUIRE(r.component);
  const auto& e = r.component->extensions;
  REQUIRE(e.field_lists.count(conn));
  const auto& list = e.field_lists.at(conn);
  REQUIRE(list.size() == 2);
  CHECK(list[1].id == "password");
  CHECK(list[1].label == "Password");
  CHECK_FALSE(list[1].overrideable);
  CHECK(list[1].xpath == "HttpSettings/AuthSettings/@password");
  CHECK(e.connection_fields == std::set<std::pair<std::string, std::string>>{{conn, "url"}});
  std::vector<std::string> sections;
  for (const auto& s : e.sections) sections.push_back(s.section + " " + s.component + " " + s.field);
  CHECK(sections == std::vector<std::string>{
                        "dataMaps c2d49e81-5a3f-4b6e-9d07-18f3a6c5e2b4 ",
                        "objectDefinitions a0883ff4-46ea-4cda-a84d-5104126d5064 schema",
                        "operations " + op + " maxConcurrentExecutions",
                        "pgpCertificates Partner key ",
                        "tradingPartners 0f6a3c9d-8b2e-4d71-a5c0-7e4b9f1d2a36 ",
                    });
}

TEST_CASE("paths compare in one spelling", "[export]") {
  CHECK(normalise_field_path("//HttpSettings/AuthSettings/@password") == "HttpSettings/AuthSettings/@password");
  CHECK(normalise_field_path("/bns:object/GenericConnectionConfig/field[@id = \"a b\"]") ==
        "GenericConnectionConfig/field[@id='a b']");
  CHECK(path_names_field("GenericConnectionConfig/field[@id='p']", "GenericConnectionConfig/field[@id='p']/@value"));
  CHECK_FALSE(path_names_field("HttpSettings/@url", "HttpSettings/@urlx"));
}

TEST_CASE("a repeated attribute or a reference to a NUL is not well-formed XML", "[export][limits]") {
  auto twice = read_export(export_envelope("  <bns:object><a x=\"1\" y=\"2\" x=\"3\"/></bns:object>\n"));
  CHECK_FALSE(twice.component);
  REQUIRE(twice.findings.size() == 1);
  CHECK(twice.findings[0].rule == "component-xml");
  CHECK_THAT(twice.findings[0].message, Catch::Contains("attribute x twice"));
  CHECK(twice.findings[0].line == 4);

  auto id_twice = read_export(export_envelope("", " componentId=\"00000000-0000-0000-0000-000000000000\""));
  CHECK_FALSE(id_twice.component);
  REQUIRE(id_twice.findings.size() == 1);
  CHECK_THAT(id_twice.findings[0].message, Catch::Contains("componentId twice"));

  // Past eight attributes the names are sorted and searched; and of two elements that repeat
  // one, the first in the document is named.
  std::string many = "<b";
  for (int i = 0; i < 12; ++i) many += " a" + std::to_string(i) + "=\"v\"";
  auto ninth =
      read_export(export_envelope("  <bns:object>\n" + many + " a3=\"w\"/>\n<c z=\"1\" z=\"2\"/></bns:object>\n"));
  REQUIRE(ninth.findings.size() == 1);
  CHECK_THAT(ninth.findings[0].message, Catch::Contains("<b> has the attribute a3 twice"));
  CHECK(ninth.findings[0].line == 5);
  CHECK(read_export(export_envelope("  <bns:object>" + many + "/></bns:object>\n")).component);

  std::string nul = export_envelope("");
  nul.replace(nul.find("5A6B\""), 5, "5A6B&#0;junk\"");
  for (const std::string& text : {nul, export_envelope("  <x>&#x1;</x>\n")}) {
    auto r = read_export(text);
    CHECK_FALSE(r.component);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].rule == "component-xml");
    CHECK_THAT(r.findings[0].message, Catch::Contains("character reference"));
  }
  // In CDATA and comments it is text; allowed references are fine.
  auto fine = read_export(export_envelope("  <x><![CDATA[&#0;]]></x><!-- &#0; --><y a=\"&#10;&#x41;\"/>\n"));
  CHECK(fine.component);
  CHECK(fine.findings.empty());
}

TEST_CASE("nested start shapes are searched in linear time, first connector action first", "[export][limits]") {
  auto process = [](const std::string& shapes) {
    return read_export(
        export_envelope("  <bns:object><process><shapes>" + shapes + "</shapes></process></bns:object>\n"));
  };
  auto start = [](const std::string& inner) { return "<shape shapetype=\"start\">" + inner + "</shape>"; };
  CHECK(process(start("<connectoraction actionType=\"Listen\"/>")).component->listener);
  CHECK_FALSE(process(start("<connectoraction actionType=\"Get\"/><connectoraction actionType=\"Listen\"/>"))
                  .component->listener);
  CHECK(process(start("<x/>") + start("<connectoraction actionType=\"Listen\"/>")).component->listener);
  CHECK_FALSE(
      process("<shape shapetype=\"stop\"><connectoraction actionType=\"Listen\"/></shape>").component->listener);
  // 50,000 nested start shapes around one action at the bottom.
  std::string nested = "<connectoraction actionType=\"Get\"/>";
  std::string open, close;
  for (int i = 0; i < 50000; ++i) open += "<shape shapetype=\"start\">", close += "</shape>";
  auto began = std::chrono::steady_clock::now();
  auto r = process(open + nested + close);
  CHECK(std::chrono::steady_clock::now() - began < std::chrono::seconds(3));
  REQUIRE(r.component);
  CHECK_FALSE(r.component->listener);
}

TEST_CASE("one walk: password property keys under the object, ids by length, overrides' text ids", "[export]") {
  const std::string key1 = "7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b", key2 = "1a2b3c4d-1c2d-4e3f-8a4b-5c6d7e8f9a0b",
                    key3 = "2b3c4d5e-1c2d-4e3f-8a4b-5c6d7e8f9a0b", key4 = "3c4d5e6f-1c2d-4e3f-8a4b-5c6d7e8f9a0b",
                    key5 = "4d5e6f7a-1c2d-4e3f-8a4b-5c6d7e8f9a0b";
  auto r = read_export(
      export_envelope("  <bns:object><DefinedProcessProperties>"
                      "<definedProcessPropertyValue key=\"" +
                      key1 +
                      "\" type=\"password\"/>"
                      "<definedProcessPropertyValue key=\"" +
                      key2 +
                      "\"><type>password</type></definedProcessPropertyValue>"
                      // the first <type> child decides; another element before it does not count
                      "<definedProcessPropertyValue key=\"" +
                      key4 +
                      "\"><type>string</type><type>password</type></definedProcessPropertyValue>"
                      "<definedProcessPropertyValue key=\"" +
                      key5 +
                      "\"><label>Secret</label><type>password</type></definedProcessPropertyValue>"
                      "<definedProcessPropertyValue key=\"" +
                      key3 +
                      "\" type=\"string\"/>"
                      "<x a=\"" +
                      kConnection + "x\" b=\"resource::rout:" + kOperation + "\" c=\"" + kConnection.substr(1) +
                      "\"/>"
                      "</DefinedProcessProperties></bns:object>\n"
                      "  <bns:processOverrides><Overrides><y key=\"" +
                      key3 +
                      "\" type=\"password\"/>"
                      "<queueComponentId> " +
                      kConnection + " </queueComponentId></Overrides></bns:processOverrides>\n"));
  REQUIRE(r.component);
  CHECK(r.component->secret_property_keys == std::set<std::string>{key1, key2, key5});
  const auto& refs = r.component->references;
  REQUIRE(refs.size() == 2);  // the 37- and 35-character values are no ids; the keys are no references
  CHECK(refs[0].target == kOperation);
  CHECK(refs[0].route_prefix);
  CHECK(refs[1].target == kConnection);
  CHECK(refs[1].element == "queueComponentId");
  CHECK(refs[1].attribute.empty());
  CHECK(refs[1].at.line == 5);
}

// An export is parsed in its own buffer, which pugixml overwrites; with XPath rules, from a
// copy. The references' lines and columns are those of the text as read either way, after
// CRLFs, entities, and a line break right after an element's name (which pugixml overwrites
// with the NUL that ends the name); in code points when the export is not ASCII.
TEST_CASE("reference positions are those of the text as read, parsed in place or from a copy", "[export]") {
  auto inner = [](const std::string& text) {
    return "  <bns:object><a\n    note=\"" + text + "\" connectionId=\"" + kConnection + "\"/>" + text +
           "<b\toperationId=\"" + kOperation + "\"/></bns:object>\r\n";
  };
  // `&lt;&amp;&gt;`: 13 code points. `&lt;xxxxxxx\xC3\xA9\xE2\x82\xAC`: 13 code points in 16 bytes,
  // which decoded in place leave two of the euro sign's continuation bytes behind the value.
  const std::string ascii = inner("&lt;&amp;&gt;"), accented = inner("&lt;xxxxxxx\xC3\xA9\xE2\x82\xAC");
  for (const std::string& text : {ascii, accented})
    for (bool with_rules : {false, true}) {
      std::string copy = export_envelope(text);
      std::vector<Diagnostic> findings;
      auto c =
          read_component_export("c.xml", copy, findings, with_rules ? copy_parsing_rules() : std::vector<XPathRule>{});
      REQUIRE(c);
      CHECK(findings.empty());
      CHECK((copy == export_envelope(text)) == with_rules);  // parsed from a copy, or in place
      REQUIRE(c->references.size() == 2);
      CHECK(c->references[0].at.line == 5);
      CHECK(c->references[0].at.column == 26);  // after `    note="<13>" `
      CHECK(c->references[1].at.line == 5);
      CHECK(c->references[1].at.column == 26 + 14 + 36 + 3 + 13 + 3);  // connectionId="<id>"/><13><b\t
    }
}

TEST_CASE("a bad character reference is reported only in a document that is otherwise well-formed", "[export]") {
  auto both = read_export(export_envelope("  <x>&#0;</x><y></z>\n"));
  CHECK_FALSE(both.component);
  REQUIRE(both.findings.size() == 1);
  CHECK_THAT(both.findings[0].message, Catch::Contains("not well-formed XML: Start-end tags mismatch"));
  CHECK(both.findings[0].line == 4);
}

// pugixml, parsing the text alone in place, would end it at its last byte and place some errors
// one byte earlier than when it parses a copy; the reader gives it the string's NUL as well.
TEST_CASE("a bad export is placed alike parsed in place or from a copy", "[export][limits]") {
  for (std::string bad : {"U", "", "<", "<a>x", "<a", "<a/>x<", "<?xml", "<!--", "<a b='", "<a>&amp", "x\n<"}) {
    INFO(bad);
    std::string in_place = bad, copied = bad;
    std::vector<Diagnostic> found, found_copied;
    CHECK_FALSE(read_component_export("c.xml", in_place, found));
    CHECK_FALSE(read_component_export("c.xml", copied, found_copied, copy_parsing_rules()));
    REQUIRE(found.size() == 1);
    CHECK(found == found_copied);
  }
  std::vector<Diagnostic> found;
  std::string u = "U";
  read_component_export("c.xml", u, found);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "not well-formed XML: No document element found");
  CHECK(found[0].column == 2);  // after the text, where pugixml looked for the element
}

}  // namespace ipack
