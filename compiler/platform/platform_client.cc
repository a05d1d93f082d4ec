#include "platform/platform_client.h"

#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include <fmt/format.h>

namespace ipack {
namespace {

using nlohmann::json;

const char* status_text(long status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

std::string status_words(long status) {
  std::string text = status_text(status);
  return text.empty() ? fmt::format("HTTP {}", status) : fmt::format("HTTP {} {}", status, text);
}

// What a user can do about a status the platform gives for every kind of object.
std::string status_hint(long status) {
  switch (status) {
    case 401: return " (check BOOMI_ACCOUNT_ID, BOOMI_USERNAME and BOOMI_API_TOKEN)";
    case 403: return " (the API token's user lacks a privilege this needs, or the account is not one it may act on)";
    default: return "";
  }
}

constexpr const char* kSecretPrefix = "${secret:";

Status resolve_secrets(json& value, const std::function<Result<std::string>(const std::string&)>& resolve) {
  if (value.is_string()) {
    const std::string& s = value.get_ref<const std::string&>();
    if (s.rfind(kSecretPrefix, 0) == 0 && s.back() == '}') {
      std::string reference =
          s.substr(std::string(kSecretPrefix).size(), s.size() - 1 - std::string(kSecretPrefix).size());
      if (!resolve) return Error{fmt::format("no way to read the secret {}", reference)};
      auto secret = resolve(reference);
      if (!secret) return Error{secret.error()};
      value = *secret;
    }
    return {};
  }
  if (value.is_structured())
    for (auto& child : value) {
      auto status = resolve_secrets(child, resolve);
      if (!status) return status;
    }
  return {};
}

}  // namespace

Result<Credentials> credentials_from_environment() {
  Credentials c;
  std::vector<std::string> missing;
  auto take = [&](const char* name, std::string& into) {
    const char* v = std::getenv(name);
    if (v && *v)
      into = v;
    else
      missing.push_back(name);
  };
  take("BOOMI_ACCOUNT_ID", c.account_id);
  take("BOOMI_USERNAME", c.username);
  take("BOOMI_API_TOKEN", c.token);
  if (!missing.empty())
    return Error{
        fmt::format("the Platform API credentials come from the environment: set {}", fmt::join(missing, ", "))};
  return c;
}

std::string platform_base_url(const std::string& api_url, const std::string& account_id, bool partner) {
  std::string base = api_url;
  if (base.empty())
    base = partner ? "https://api.boomi.com/partner/api/rest/v1/{accountId}"
                   : "https://api.boomi.com/api/rest/v1/{accountId}";
  const std::string marker = "{accountId}";
  for (size_t at; (at = base.find(marker)) != std::string::npos;) base.replace(at, marker.size(), account_id);
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

PlatformClient::PlatformClient(PlatformSettings settings, std::unique_ptr<Transport> transport)
    : settings_(std::move(settings)), transport_(std::move(transport)) {
  now_ = [] { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); };
  sleep_ = [](double seconds) { std::this_thread::sleep_for(std::chrono::duration<double>(seconds)); };
}

void PlatformClient::set_clock(std::function<double()> now, std::function<void(double)> sleep) {
  now_ = std::move(now);
  sleep_ = std::move(sleep);
}

std::string PlatformClient::url_for(const ApiCall& call) const {
  std::string query = call.query;
  if (!settings_.override_account.empty())
    query += (query.empty() ? "" : "&") + std::string("overrideAccount=") + settings_.override_account;
  return settings_.base_url + call.path + (query.empty() ? "" : "?" + query);
}

Result<json> PlatformClient::send(const ApiCall& call, bool not_found_is_null) {
  HttpRequest request;
  request.method = call.method;
  request.url = url_for(call);
  request.accept = call.accept;
  if (!call.text_body.empty()) {
    request.body = call.text_body;
    request.content_type = "text/plain";
  } else if (call.body) {
    json body = *call.body;
    auto resolved = resolve_secrets(body, resolve_secret_);
    if (!resolved) return Error{fmt::format("{}: {}", call.what, resolved.error())};
    request.body = body.dump();
  }
  static thread_local std::mt19937 random{std::random_device{}()};
  std::uniform_real_distribution<double> jitter(0.0, 1.0);
  const double start = now_();
  const double timeout = settings_.timeout_seconds;
  // One attempt may take a third of the time (at least a second), so a slow answer is retried.
  const double attempt_limit = std::max(timeout / 3, 1.0);
  for (int attempt = 0;; ++attempt) {
    double remaining = timeout - (now_() - start);
    request.timeout_seconds = std::max(0.001, std::min(remaining, attempt_limit));
    HttpResponse response = transport_->send(request);
    std::string reason;
    std::optional<double> retry_after;
    if (response.failure == TransportFailure::kFatal)
      return Error{fmt::format("{}: could not reach the platform: {}", call.what, response.failure_text)};
    if (response.failure != TransportFailure::kNone) {
      reason = response.failure == TransportFailure::kTimeout ? "no answer in time (" + response.failure_text + ")"
                                                              : response.failure_text;
    } else if (is_transient_status(response.status)) {
      reason = status_words(response.status);
      std::string message = platform_message(response.body);
      if (!message.empty()) reason += ": " + message;
      if (response.retry_after) retry_after = parse_retry_after(*response.retry_after, std::time(nullptr));
    } else if (response.status >= 200 && response.status < 300 && call.accept != "application/json") {
      return json(response.body);
    } else if (response.status >= 200 && response.status < 300) {
      if (response.body.find_first_not_of(" \t\r\n") == std::string::npos) return json::object();
      json parsed = json::parse(response.body, nullptr, false);
      if (parsed.is_discarded())
        return Error{
            fmt::format("{}: the platform's answer is not JSON ({})", call.what, status_words(response.status))};
      return parsed;
    } else if (response.status == 404 && not_found_is_null) {
      return json();
    } else {
      std::string message = platform_message(response.body);
      return Error{fmt::format("{}: {}{}{}", call.what, status_words(response.status),
                               message.empty() ? "" : ": " + message, status_hint(response.status))};
    }
    remaining = timeout - (now_() - start);
    auto delay = retry_delay(settings_.retry, attempt, retry_after, remaining, jitter(random));
    if (!delay)
      return Error{fmt::format("{}: {}; gave up after {} within --timeout {:g}s", call.what, reason,
                               attempt == 0 ? std::string("1 attempt") : fmt::format("{} attempts", attempt + 1),
                               timeout)};
    if (notice_) notice_(call.what, reason, *delay);
    sleep_(*delay);
  }
}

Result<json> PlatformClient::read(const ApiCall& call) {
  if (settings_.mode == PlatformMode::kOffline) return Error{fmt::format("{}: cannot be read offline", call.what)};
  return send(call, false);
}

Result<std::string> PlatformClient::read_text(const ApiCall& call) {
  auto r = read(call);
  if (!r) return Error{r.error()};
  if (!r->is_string()) return Error{fmt::format("{}: the platform's answer is not a document", call.what)};
  return r->get<std::string>();
}

Result<std::optional<json>> PlatformClient::find(const ApiCall& call) {
  if (settings_.mode == PlatformMode::kOffline) return std::optional<json>();
  auto r = send(call, true);
  if (!r) return Error{r.error()};
  if (r->is_null()) return std::optional<json>();
  return std::optional<json>(std::move(r).take());
}

Result<std::vector<json>> PlatformClient::query(const std::string& object, const json& expression,
                                                const std::string& what) {
  std::vector<json> results;
  if (settings_.mode == PlatformMode::kOffline) return results;
  ApiCall call{"POST", "/" + object + "/query", "", json{{"QueryFilter", {{"expression", expression}}}}, what, ""};
  for (int page = 0;; ++page) {
    auto r = send(call, false);
    if (!r) return Error{r.error()};
    if (r->contains("result") && (*r)["result"].is_array())
      for (auto& item : (*r)["result"]) results.push_back(std::move(item));
    std::string token = r->value("queryToken", std::string());
    if (token.empty()) break;
    if (page > 10000) return Error{fmt::format("{}: the platform keeps returning pages", what)};
    call = ApiCall{"POST", "/" + object + "/queryMore", "", std::nullopt, what, token};
  }
  return results;
}

Result<json> PlatformClient::write(const ApiCall& call, json dry_run_response) {
  json query = json::object();
  if (!settings_.override_account.empty()) query["overrideAccount"] = settings_.override_account;
  if (!call.query.empty()) {
    size_t start = 0;
    while (start <= call.query.size()) {
      size_t end = call.query.find('&', start);
      std::string pair = call.query.substr(start, end == std::string::npos ? std::string::npos : end - start);
      size_t eq = pair.find('=');
      if (!pair.empty()) query[pair.substr(0, eq)] = eq == std::string::npos ? "" : pair.substr(eq + 1);
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
  writes_.push_back(
      {{"method", call.method}, {"path", call.path}, {"query", query}, {"body", call.body ? *call.body : json()}});
  if (settings_.mode != PlatformMode::kLive) return dry_run_response;
  return send(call, false);
}

json equals(const std::string& property, const std::string& value) {
  return {{"operator", "EQUALS"}, {"property", property}, {"argument", json::array({value})}};
}

json all_of(std::vector<json> expressions) {
  if (expressions.size() == 1) return expressions.front();
  return {{"operator", "and"}, {"nestedExpression", expressions}};
}

std::string platform_message(const std::string& body) {
  json parsed = json::parse(body, nullptr, false);
  if (!parsed.is_discarded() && parsed.is_object() && parsed.contains("message") && parsed["message"].is_string())
    return parsed["message"].get<std::string>();
  std::string first = body.substr(0, body.find('\n'));
  while (!first.empty() && (first.back() == '\r' || first.back() == ' ')) first.pop_back();
  if (first.size() > 300) first = first.substr(0, 300) + "…";
  return first;
}

}  // namespace ipack
