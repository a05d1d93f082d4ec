#pragma once
/// The public keys a command checks signatures with: --key PUB, or every *.pub.pem of
/// --keyring DIR.

#include <string>
#include <vector>

#include "base/result.h"
#include "bundle/signing.h"

namespace ipack::cli {

/// Nothing when neither is given. Errors say which file or folder could not be read.
Result<std::vector<PublicKey>> load_public_keys(const std::string& key, const std::string& keyring);

}  // namespace ipack::cli
