#include "platform/http_transport.h"

#include <algorithm>
#include <cctype>
#include <mutex>

#include <curl/curl.h>
#include <fmt/format.h>

#include "base/version.h"

namespace ipack {
namespace {

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t append_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

size_t read_header(char* data, size_t size, size_t count, void* out) {
  std::string line(data, size * count);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    if (name == "retry-after") {
      std::string value = line.substr(colon + 1);
      while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.pop_back();
      while (!value.empty() && value.front() == ' ') value.erase(value.begin());
      static_cast<HttpResponse*>(out)->retry_after = value;
    }
  } else if (line.rfind("HTTP/", 0) == 0) {
    static_cast<HttpResponse*>(out)->retry_after.reset();  // a new response (after a 100 Continue)
  }
  return size * count;
}

TransportFailure classify(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: return TransportFailure::kTimeout;
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return TransportFailure::kTransient;
    default: return TransportFailure::kFatal;
  }
}

class CurlTransport : public Transport {
 public:
  explicit CurlTransport(Credentials credentials) : credentials_(std::move(credentials)) { init_curl_once(); }

  HttpResponse send(const HttpRequest& request) override {
    HttpResponse response;
    CURL* curl = curl_easy_init();
    if (!curl) {
      response.failure = TransportFailure::kFatal;
      std::string missing = curl_unavailable_reason();
      response.failure_text = missing.empty() ? "libcurl could not start a request" : missing;
      return response;
    }
    const std::string user = "BOOMI_TOKEN." + credentials_.username;
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, ("Accept: " + request.accept).c_str());
    if (!request.body.empty()) headers = curl_slist_append(headers, ("Content-Type: " + request.content_type).c_str());
    headers = curl_slist_append(headers, "Expect:");
    const std::string agent = std::string("ipack/") + kVersion;
    char error_text[CURL_ERROR_SIZE] = {};

    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (request.method == "GET") curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    if (!request.body.empty()) {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, agent.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(curl, CURLOPT_USERNAME, user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, credentials_.token.c_str());
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https,http");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect would carry the credentials elsewhere
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max(1.0, request.timeout_seconds * 1000)));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::max(1.0, std::min(request.timeout_seconds, 30.0) * 1000)));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, read_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);

    CURLcode code = curl_easy_perform(curl);
    if (code == CURLE_OK) {
      curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    } else {
      response.failure = classify(code);
      // libcurl's messages name hosts and errors, never the user or password it was given.
      response.failure_text = error_text[0] ? error_text : curl_easy_strerror(code);
      response.body.clear();
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return response;
  }

 private:
  Credentials credentials_;
};

}  // namespace

std::unique_ptr<Transport> make_curl_transport(Credentials credentials) {
  return std::make_unique<CurlTransport>(std::move(credentials));
}

std::string curl_version_text() { return curl_version(); }

}  // namespace ipack
