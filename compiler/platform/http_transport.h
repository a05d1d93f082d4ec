#pragma once
/// One HTTP exchange with the Platform API, and the libcurl transport that does it: TLS
/// verification always on, proxies from the usual environment variables (`https_proxy`,
/// `http_proxy`, `no_proxy`, as libcurl reads them), credentials as HTTP Basic, never logged.
/// The client (platform_client.h) decides about retries; a transport only reports what happened.

#include <memory>
#include <optional>
#include <string>

namespace ipack {

struct HttpRequest {
  std::string method;  ///< "GET", "POST", "DELETE"
  std::string url;     ///< absolute, with its query string
  std::string body;    ///< sent when not empty
  std::string content_type = "application/json";
  std::string accept = "application/json";
  double timeout_seconds = 60;
};

/// How an exchange ended that produced no HTTP status.
enum class TransportFailure {
  kNone,       ///< a response arrived (any status)
  kTransient,  ///< the connection was refused, reset or dropped: worth trying again
  kTimeout,    ///< no complete answer within the request's time
  kFatal,      ///< TLS, a malformed URL, anything trying again will not mend
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::optional<std::string> retry_after;  ///< the `Retry-After` header, as sent
  TransportFailure failure = TransportFailure::kNone;
  std::string failure_text;  ///< what went wrong when `failure` is not kNone; never a credential
};

/// The user name and API token the requests authenticate with.
struct Credentials {
  std::string account_id;
  std::string username;  ///< as given; sent as `BOOMI_TOKEN.<username>`
  std::string token;
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual HttpResponse send(const HttpRequest& request) = 0;
};

/// A libcurl transport that authenticates every request with `credentials`.
std::unique_ptr<Transport> make_curl_transport(Credentials credentials);

/// "libcurl/8.5.0 OpenSSL/3.0.13 …", for `ipack --version`.
std::string curl_version_text();
/// Why libcurl cannot be used, or "" when it can. Only the portable binary, which loads the
/// system's libcurl.so.4 at run time (curl_runtime.cc), can lack it.
std::string curl_unavailable_reason();

}  // namespace ipack
