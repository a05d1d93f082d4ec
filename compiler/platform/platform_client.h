#pragma once
/// The one module that knows how to talk to the Boomi Platform API: the base URL (the account's,
/// or the Partner API's with `overrideAccount`), JSON bodies, query paging (`queryMore`),
/// retries of 429/503/dropped connections within `--timeout`, and errors that name the object,
/// the HTTP status and the platform's message.
///
/// Reads always go to the account unless the client is offline (then every query is empty and
/// every lookup finds nothing). Writes go through `write`: sent on a real run, recorded instead
/// on a dry run; either way `writes()` lists them, as `{"method", "path", "query", "body"}`.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "platform/http_transport.h"
#include "platform/retry_policy.h"

namespace ipack {

enum class PlatformMode { kLive, kDryRun, kOffline };

struct PlatformSettings {
  std::string base_url;          ///< no trailing slash; `{accountId}` already replaced
  std::string override_account;  ///< the managed account (Partner API), or ""
  double timeout_seconds = 300;  ///< one request with its retries ends within this
  RetryPolicy retry;
  PlatformMode mode = PlatformMode::kLive;
};

/// `BOOMI_ACCOUNT_ID`, `BOOMI_USERNAME`, `BOOMI_API_TOKEN` from the environment; an error that
/// names the missing variables (never a value) when one is unset or empty.
Result<Credentials> credentials_from_environment();

/// The base URL: `api_url` (where `{accountId}` is replaced by the account id) or, when empty,
/// Boomi's: `https://api.boomi.com/api/rest/v1/{accountId}`, or the Partner API's
/// (`…/partner/api/rest/v1/{accountId}`) when a managed account is named. A trailing `/` is dropped.
std::string platform_base_url(const std::string& api_url, const std::string& account_id, bool partner);

/// One call: `path` is relative to the base URL ("/Environment/query"); `query` is the query
/// string without `?` (the client adds `overrideAccount`); `what` names the object for errors
/// ("Environment 'Production'").
struct ApiCall {
  std::string method = "GET";
  std::string path;
  std::string query;
  std::optional<nlohmann::json> body;
  std::string what;
  std::string text_body;                    ///< a text/plain body instead of JSON (queryMore's token)
  std::string accept = "application/json";  ///< another type (application/xml) is returned as text
};

/// Called before each wait with the reason ("HTTP 503") and the seconds it will wait.
using RetryNotice = std::function<void(const std::string& what, const std::string& reason, double seconds)>;

class PlatformClient {
 public:
  PlatformClient(PlatformSettings settings, std::unique_ptr<Transport> transport);

  PlatformMode mode() const { return settings_.mode; }
  const PlatformSettings& settings() const { return settings_; }

  /// A read. Offline: an error that says so (callers look things up with `find`/`query`).
  Result<nlohmann::json> read(const ApiCall& call);
  /// A read of a document that is not JSON (`call.accept`, e.g. a component's XML export).
  Result<std::string> read_text(const ApiCall& call);
  /// A read that may find nothing: a 404 (or offline) is an empty optional, not an error.
  Result<std::optional<nlohmann::json>> find(const ApiCall& call);
  /// POST /{object}/query with `filter` (a QueryFilter's expression), then queryMore until the
  /// platform returns no queryToken. Offline: no results.
  Result<std::vector<nlohmann::json>> query(const std::string& object, const nlohmann::json& expression,
                                            const std::string& what);
  /// A write: sent on a live run (its response returned); recorded on a dry run, where the
  /// response is `dry_run_response` (placeholders for the ids the platform would assign).
  Result<nlohmann::json> write(const ApiCall& call, nlohmann::json dry_run_response = nlohmann::json::object());

  /// Every write sent or (dry run) that would be sent, in order: `{"method", "path", "query", "body"}`.
  const nlohmann::json& writes() const { return writes_; }

  void on_retry(RetryNotice notice) { notice_ = std::move(notice); }
  /// Waits between polls of a status, on the client's clock (scaled like the retry backoff).
  void pause(double seconds) { sleep_(seconds * settings_.retry.base_seconds); }
  /// How a live write turns a secret placeholder (`${secret:env:NAME}`, `${secret:file:PATH}`,
  /// a whole JSON string of the body) into its value, just before sending. The recorded
  /// `writes()` keep the placeholder. Without a resolver a placeholder is an error.
  void set_secret_resolver(std::function<Result<std::string>(const std::string& reference)> resolve) {
    resolve_secret_ = std::move(resolve);
  }
  /// For the tests: the clock (seconds) and the sleep the client uses.
  void set_clock(std::function<double()> now, std::function<void(double)> sleep);

 private:
  Result<nlohmann::json> send(const ApiCall& call, bool not_found_is_null);
  std::string url_for(const ApiCall& call) const;

  PlatformSettings settings_;
  std::unique_ptr<Transport> transport_;
  nlohmann::json writes_ = nlohmann::json::array();
  RetryNotice notice_;
  std::function<Result<std::string>(const std::string&)> resolve_secret_;
  std::function<double()> now_;
  std::function<void(double)> sleep_;
};

/// A simple query expression: `{"operator": "EQUALS", "property": P, "argument": [V]}`.
nlohmann::json equals(const std::string& property, const std::string& value);
/// `{"operator": "and", "nestedExpression": [...]}`.
nlohmann::json all_of(std::vector<nlohmann::json> expressions);

/// The platform's message from an error body (`{"@type": "Error", "message": ...}`), or the
/// body's first line when it is not such JSON; "" when empty.
std::string platform_message(const std::string& body);

}  // namespace ipack
