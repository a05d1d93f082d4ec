#include "platform/platform_client.h"

#include <deque>

#include <catch2/catch.hpp>

using namespace ipack;
using nlohmann::json;

namespace {

// Answers from a script and keeps what it was sent.
struct ScriptedTransport : Transport {
  std::deque<HttpResponse> answers;
  std::vector<HttpRequest> sent;
  HttpResponse send(const HttpRequest& request) override {
    sent.push_back(request);
    REQUIRE_FALSE(answers.empty());
    HttpResponse r = answers.front();
    answers.pop_front();
    return r;
  }
};

HttpResponse ok(json body) { return HttpResponse{200, body.dump(), std::nullopt, TransportFailure::kNone, ""}; }
HttpResponse status(long s, std::string body = "", std::optional<std::string> retry_after = std::nullopt) {
  return HttpResponse{s, std::move(body), std::move(retry_after), TransportFailure::kNone, ""};
}
HttpResponse dropped() {
  return HttpResponse{0, "", std::nullopt, TransportFailure::kTransient, "Recv failure: Connection reset by peer"};
}

struct Fixture {
  ScriptedTransport* transport = nullptr;
  std::unique_ptr<PlatformClient> client;
  double clock = 0;
  std::vector<double> waits;
  explicit Fixture(PlatformMode mode = PlatformMode::kLive, double timeout = 10, std::string override_account = "") {
    auto t = std::make_unique<ScriptedTransport>();
    transport = t.get();
    PlatformSettings s;
    s.base_url = "https://api.example/api/rest/v1/acct-1";
    s.override_account = std::move(override_account);
    s.timeout_seconds = timeout;
    s.retry = RetryPolicy{0.5, 30};
    s.mode = mode;
    client = std::make_unique<PlatformClient>(s, std::move(t));
    client->set_clock([this] { return clock; },
                      [this](double d) {
                        waits.push_back(d);
                        clock += d;
                      });
  }
};

}  // namespace

TEST_CASE("platform client: a query follows queryMore until no token is left") {
  Fixture f;
  f.transport->answers = {
      ok({{"numberOfResults", 3}, {"queryToken", "tok-1"}, {"result", {{{"id", "a"}}, {{"id", "b"}}}}}),
      ok({{"numberOfResults", 3}, {"queryToken", "tok-2"}, {"result", {{{"id", "c"}}}}}), ok({{"numberOfResults", 0}})};
  auto r = f.client->query("Environment", equals("name", "Production"), "Environment 'Production'");
  REQUIRE(r);
  REQUIRE(r->size() == 3);
  CHECK((*r)[2]["id"] == "c");
  REQUIRE(f.transport->sent.size() == 3);
  CHECK(f.transport->sent[0].url == "https://api.example/api/rest/v1/acct-1/Environment/query");
  CHECK(json::parse(f.transport->sent[0].body) ==
        json::parse(
            R"({"QueryFilter":{"expression":{"operator":"EQUALS","property":"name","argument":["Production"]}}})"));
  CHECK(f.transport->sent[1].url == "https://api.example/api/rest/v1/acct-1/Environment/queryMore");
  CHECK(f.transport->sent[1].body == "tok-1");
  CHECK(f.transport->sent[1].content_type == "text/plain");
  CHECK(f.transport->sent[2].body == "tok-2");
  CHECK(f.client->writes().empty());
}

TEST_CASE("platform client: the Partner API's overrideAccount goes on every request") {
  Fixture f(PlatformMode::kLive, 10, "globex-7QX2KF");
  f.transport->answers = {ok({{"id", "x"}}), ok({{"id", "y"}})};
  REQUIRE(f.client->read({"GET", "/Environment/x", "", std::nullopt, "Environment x", ""}));
  REQUIRE(f.client->write({"POST", "/IntegrationPackInstance", "", json{{"integrationPackId", "p"}}, "install", ""}));
  CHECK(f.transport->sent[0].url ==
        "https://api.example/api/rest/v1/acct-1/Environment/x?overrideAccount=globex-7QX2KF");
  CHECK(f.transport->sent[1].url ==
        "https://api.example/api/rest/v1/acct-1/IntegrationPackInstance?overrideAccount=globex-7QX2KF");
  CHECK(f.client->writes()[0]["query"] == json{{"overrideAccount", "globex-7QX2KF"}});
}

TEST_CASE("platform client: 503 with Retry-After, 429 and a dropped connection are retried") {
  Fixture f;
  f.transport->answers = {status(503, R"({"@type":"Error","message":"Busy"})", "2"), status(429), dropped(),
                          ok({{"id", "env-1"}})};
  std::vector<std::string> notices;
  f.client->on_retry([&](const std::string&, const std::string& reason, double) { notices.push_back(reason); });
  auto r = f.client->read({"GET", "/Environment/env-1", "", std::nullopt, "Environment env-1", ""});
  REQUIRE(r);
  CHECK((*r)["id"] == "env-1");
  REQUIRE(f.waits.size() == 3);
  CHECK(f.waits[0] >= 2.0);  // the platform's Retry-After
  CHECK(f.waits[1] >= 0.5);  // second backoff: 1 s with jitter
  CHECK(f.waits[1] <= 1.0);
  CHECK(f.waits[2] >= 1.0);
  CHECK(f.waits[2] <= 2.0);
  REQUIRE(notices.size() == 3);
  CHECK(notices[0] == "HTTP 503 Service Unavailable: Busy");
  CHECK(notices[1] == "HTTP 429 Too Many Requests");
  CHECK(notices[2] == "Recv failure: Connection reset by peer");
}

TEST_CASE("platform client: retries stop at the timeout and the error says why") {
  Fixture f(PlatformMode::kLive, 5);
  for (int i = 0; i < 20; ++i) f.transport->answers.push_back(status(503, "", "1"));
  auto r = f.client->read({"GET", "/Environment/e", "", std::nullopt, "Environment e", ""});
  REQUIRE_FALSE(r);
  CHECK(r.error().rfind("Environment e: HTTP 503 Service Unavailable; gave up after ", 0) == 0);
  CHECK(r.error().find("within --timeout 5s") != std::string::npos);
  CHECK(f.clock < 5.0);
  CHECK(f.transport->sent.size() >= 3);
  CHECK(f.transport->sent.size() < 10);
  for (const auto& req : f.transport->sent) CHECK(req.timeout_seconds <= 5.0);
}

TEST_CASE("platform client: a Retry-After past the deadline is not waited for") {
  Fixture f(PlatformMode::kLive, 5);
  f.transport->answers = {status(429, "", "3600")};
  auto r = f.client->read({"GET", "/Environment/e", "", std::nullopt, "Environment e", ""});
  REQUIRE_FALSE(r);
  CHECK(r.error() == "Environment e: HTTP 429 Too Many Requests; gave up after 1 attempt within --timeout 5s");
  CHECK(f.waits.empty());
}

TEST_CASE("platform client: a 4xx is reported at once with the object, the status and the message") {
  Fixture f;
  f.transport->answers = {status(409, R"({"@type":"Error","message":"Instance already exists","statusCode":"409"})")};
  auto r = f.client->write(
      {"POST", "/IntegrationPackInstance", "", json::object(), "IntegrationPackInstance 'EU Sales'", ""});
  REQUIRE_FALSE(r);
  CHECK(r.error() == "IntegrationPackInstance 'EU Sales': HTTP 409 Conflict: Instance already exists");
  CHECK(f.transport->sent.size() == 1);

  Fixture g;
  g.transport->answers = {status(401, "")};
  auto unauthorized = g.client->read({"GET", "/Environment/e", "", std::nullopt, "Environment e", ""});
  REQUIRE_FALSE(unauthorized);
  CHECK(unauthorized.error() ==
        "Environment e: HTTP 401 Unauthorized (check BOOMI_ACCOUNT_ID, BOOMI_USERNAME and BOOMI_API_TOKEN)");
}

TEST_CASE("platform client: find reads a 404 as nothing; read reports it") {
  Fixture f;
  f.transport->answers = {status(404, R"({"message":"No such component"})"),
                          status(404, R"({"message":"No such component"})")};
  auto found = f.client->find({"GET", "/Component/c", "", std::nullopt, "Component c", ""});
  REQUIRE(found);
  CHECK_FALSE(found->has_value());
  auto read = f.client->read({"GET", "/Component/c", "", std::nullopt, "Component c", ""});
  REQUIRE_FALSE(read);
  CHECK(read.error() == "Component c: HTTP 404 Not Found: No such component");
}

TEST_CASE("platform client: a dry run records writes and sends none; offline reads nothing") {
  Fixture f(PlatformMode::kDryRun);
  auto w = f.client->write({"POST", "/IntegrationPackInstance", "", json{{"integrationPackId", "p"}}, "install", ""},
                           json{{"id", "${integrationPackInstanceId:x}"}});
  REQUIRE(w);
  CHECK((*w)["id"] == "${integrationPackInstanceId:x}");
  CHECK(f.transport->sent.empty());
  CHECK(f.client->writes() == json::parse(R"([{"method":"POST","path":"/IntegrationPackInstance","query":{},
                                              "body":{"integrationPackId":"p"}}])"));

  Fixture o(PlatformMode::kOffline);
  auto q = o.client->query("Environment", equals("name", "x"), "Environment x");
  REQUIRE(q);
  CHECK(q->empty());
  auto found = o.client->find({"GET", "/Component/c", "", std::nullopt, "Component c", ""});
  REQUIRE(found);
  CHECK_FALSE(found->has_value());
  CHECK(o.transport->sent.empty());
}

TEST_CASE("platform client: secrets are read at send time and kept masked in the record") {
  Fixture f;
  f.transport->answers = {ok(json::object())};
  f.client->set_secret_resolver([](const std::string& reference) -> Result<std::string> {
    if (reference == "env:CRM_PASSWORD") return std::string("hunter2");
    return Error{"no " + reference};
  });
  json body = {
      {"connections",
       {{"connection", {{{"id", "c"}, {"field", {{{"id", "password"}, {"value", "${secret:env:CRM_PASSWORD}"}}}}}}}}}};
  REQUIRE(f.client->write({"POST", "/EnvironmentExtensions/e", "", body, "EnvironmentExtensions e", ""}));
  CHECK(f.transport->sent[0].body.find("hunter2") != std::string::npos);
  CHECK(f.client->writes().dump().find("hunter2") == std::string::npos);
  CHECK(f.client->writes().dump().find("${secret:env:CRM_PASSWORD}") != std::string::npos);

  json missing = {{"value", "${secret:env:OTHER}"}};
  auto r = f.client->write({"POST", "/EnvironmentExtensions/e", "", missing, "EnvironmentExtensions e", ""});
  REQUIRE_FALSE(r);
  CHECK(r.error() == "EnvironmentExtensions e: no env:OTHER");
}

TEST_CASE("platform client: the base URL") {
  CHECK(platform_base_url("", "acct-1", false) == "https://api.boomi.com/api/rest/v1/acct-1");
  CHECK(platform_base_url("", "acct-1", true) == "https://api.boomi.com/partner/api/rest/v1/acct-1");
  CHECK(platform_base_url("http://127.0.0.1:4010/api/rest/v1/{accountId}/", "acct-1", false) ==
        "http://127.0.0.1:4010/api/rest/v1/acct-1");
  CHECK(platform_base_url("https://api.eu.example/rest", "acct-1", true) == "https://api.eu.example/rest");
}

TEST_CASE("platform client: the platform's message from an error body") {
  CHECK(platform_message(R"({"@type":"Error","message":"Bad id","statusCode":"400"})") == "Bad id");
  CHECK(platform_message("<html>\nGateway</html>") == "<html>");
  CHECK(platform_message("") == "");
}
