// Every build's libcurl (compiler/CMakeLists.txt): ipack links no libcurl and defines the few
// libcurl functions it calls here, each loading the system's libcurl.so.4 (every Debian and
// Ubuntu release has one: package libcurl4) on first use. So a start of validate or build does
// not load libcurl and the ~25 libraries it needs (TLS, Kerberos, LDAP, ssh, HTTP/2…), and the
// portable binary, which may need no library but glibc's, works too (libcurl's static archive
// needs libraries Debian ships only as shared ones). Without libcurl.so.4, validate, build and
// the other offline commands work as ever; pull, publish and install fail with exit 3 and say
// what to install.
#include <curl/curl.h>
#include <dlfcn.h>

#include <cstdarg>
#include <mutex>

#include "platform/http_transport.h"

static_assert(sizeof(long) == sizeof(void*) && sizeof(curl_off_t) == sizeof(void*),
              "curl_easy_setopt's argument is forwarded as one 64-bit word");

namespace {

struct Curl {
  void* library = nullptr;
  CURLcode (*global_init)(long) = nullptr;
  CURL* (*easy_init)() = nullptr;
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...) = nullptr;
  CURLcode (*easy_perform)(CURL*) = nullptr;
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...) = nullptr;
  void (*easy_cleanup)(CURL*) = nullptr;
  const char* (*easy_strerror)(CURLcode) = nullptr;
  curl_slist* (*slist_append)(curl_slist*, const char*) = nullptr;
  void (*slist_free_all)(curl_slist*) = nullptr;
  char* (*version)() = nullptr;
  std::string missing;  ///< why libcurl is not there ("" when it is)
};

template <typename F> bool bind(void* library, const char* name, F& slot) {
  slot = reinterpret_cast<F>(::dlsym(library, name));
  return slot != nullptr;
}

const Curl& curl() {
  static Curl c;
  static std::once_flag once;
  std::call_once(once, [] {
    c.library = ::dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!c.library) {
      const char* why = ::dlerror();
      c.missing = std::string("libcurl.so.4 could not be loaded (") + (why ? why : "not found") +
                  "): the platform commands of the portable ipack use the system's libcurl; "
                  "install it (Debian, Ubuntu: apt-get install libcurl4)";
      return;
    }
    bool all =
        bind(c.library, "curl_global_init", c.global_init) && bind(c.library, "curl_easy_init", c.easy_init) &&
        bind(c.library, "curl_easy_setopt", c.easy_setopt) && bind(c.library, "curl_easy_perform", c.easy_perform) &&
        bind(c.library, "curl_easy_getinfo", c.easy_getinfo) && bind(c.library, "curl_easy_cleanup", c.easy_cleanup) &&
        bind(c.library, "curl_easy_strerror", c.easy_strerror) &&
        bind(c.library, "curl_slist_append", c.slist_append) &&
        bind(c.library, "curl_slist_free_all", c.slist_free_all) && bind(c.library, "curl_version", c.version);
    if (!all) {
      c.missing = "the system's libcurl.so.4 lacks a function ipack calls: install a current libcurl4";
      c.easy_init = nullptr;
    }
  });
  return c;
}

}  // namespace

namespace ipack {
std::string curl_unavailable_reason() { return curl().missing; }
}  // namespace ipack

extern "C" {

CURLcode curl_global_init(long flags) { return curl().global_init ? curl().global_init(flags) : CURLE_FAILED_INIT; }

CURL* curl_easy_init() { return curl().easy_init ? curl().easy_init() : nullptr; }

// Every option takes one argument: a long, a curl_off_t or a pointer (to data or a function),
// each passed as one 64-bit integer word on x86-64, so it is forwarded as one.
CURLcode curl_easy_setopt(CURL* handle, CURLoption option, ...) {
  va_list args;
  va_start(args, option);
  void* argument = va_arg(args, void*);
  va_end(args);
  return curl().easy_setopt(handle, option, argument);
}

CURLcode curl_easy_perform(CURL* handle) { return curl().easy_perform(handle); }

CURLcode curl_easy_getinfo(CURL* handle, CURLINFO info, ...) {
  va_list args;
  va_start(args, info);
  void* out = va_arg(args, void*);
  va_end(args);
  return curl().easy_getinfo(handle, info, out);
}

void curl_easy_cleanup(CURL* handle) { curl().easy_cleanup(handle); }

const char* curl_easy_strerror(CURLcode code) {
  return curl().easy_strerror ? curl().easy_strerror(code) : "libcurl is not loaded";
}

curl_slist* curl_slist_append(curl_slist* list, const char* text) {
  return curl().slist_append ? curl().slist_append(list, text) : nullptr;
}

void curl_slist_free_all(curl_slist* list) {
  if (curl().slist_free_all) curl().slist_free_all(list);
}

char* curl_version() {
  static char missing[] = "not found (loaded at run time: libcurl.so.4)";
  return curl().version ? curl().version() : missing;
}

}  // extern "C"
