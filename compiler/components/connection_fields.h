#pragma once
/// A connection's fields and which of them are secret, read from its export without ever
/// evaluating the export's text: `bns:encryptedValue/@path` is compared with field xpaths as
/// a string (components.md, "Connections").

#include <pugixml.hpp>

#include "components/component.h"

namespace ipack {

/// Fills `c.own_fields`/`c.fields` from the connection's object: `GenericConnectionConfig/field`
/// (Connector SDK connectors), else the `url`, `user`, `username` and `password` attributes of a
/// built-in connector's settings element (the shallowest of each name: `HttpSettings/@url`, not
/// `HttpSettings/OAuth2Settings/accessTokenEndpoint/@url`).
void read_connection_fields(const pugi::xml_node& object, Component& c);

/// Fills `c.secret_paths`, `c.secret_fields` and `c.secret_property_keys` from the envelope's
/// `encryptedValues`. Call after read_connection_fields.
void read_secrets(const pugi::xml_node& encrypted_values, Component& c);

}  // namespace ipack
