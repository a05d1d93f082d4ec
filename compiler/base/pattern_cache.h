#pragma once
/// Extension `pattern`s compiled once per thread: the packs of a bulk run, and the packs and
/// plans of one, repeat the same few patterns, and compiling a std::regex costs far more than
/// reading the manifest's value that holds it.

#include <memory>
#include <regex>
#include <string>

namespace ipack {

/// `pattern` compiled with C++'s ECMAScript grammar, or nullptr with std::regex's reason in
/// `error` when it does not compile. The same pattern gives the same regex on one thread
/// until 256 others have been compiled there.
std::shared_ptr<const std::regex> compiled_pattern(const std::string& pattern, std::string* error = nullptr);

}  // namespace ipack
