#include "bundle/canonical_json.h"

#include <charconv>
#include <stdexcept>

#include "input/source_file.h"

namespace ipack {
namespace {

using nlohmann::json;

// RFC 8785 sorts keys by UTF-16 code units and prints numbers the ECMAScript way; for ASCII
// keys and integers both agree with std::map's byte order and the integers' decimal form. The
// text is what nlohmann's compact dump (strict UTF-8) writes for such a document, byte for byte
// (canonical_json_test.cc compares the two), written here in one pass: pack.json holds every
// closure member with its digest, megabytes for a large pack, and the dump was a fifth of build's
// serial work.
void write_string(std::string& out, const std::string& s, bool key) {
  bool ascii = false;
  if (first_invalid_utf8(s, ascii) != std::string::npos)
    throw std::logic_error("canonical_json: a string is not UTF-8");
  if (key && !ascii) throw std::logic_error("canonical_json: keys must be ASCII");
  out += '"';
  size_t run = 0;  // the start of the bytes written as they are
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s, run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {  // the other control characters: \u00xx, lower-case hexadecimal
        static constexpr char kHex[] = "0123456789abcdef";
        char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out.append(escape, sizeof escape);
      }
    }
  }
  out.append(s, run, std::string::npos);
  out += '"';
}

template <typename Integer> void write_integer(std::string& out, Integer n) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, end);
}

void write(std::string& out, const json& v) {
  switch (v.type()) {
    case json::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, child] : v.get_ref<const json::object_t&>()) {
        if (!first) out += ',';
        first = false;
        write_string(out, key, true);
        out += ':';
        write(out, child);
      }
      out += '}';
      return;
    }
    case json::value_t::array: {
      out += '[';
      bool first = true;
      for (const json& child : v.get_ref<const json::array_t&>()) {
        if (!first) out += ',';
        first = false;
        write(out, child);
      }
      out += ']';
      return;
    }
    case json::value_t::string: write_string(out, v.get_ref<const std::string&>(), false); return;
    case json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; return;
    case json::value_t::null: out += "null"; return;
    case json::value_t::number_integer: write_integer(out, v.get<json::number_integer_t>()); return;
    case json::value_t::number_unsigned: write_integer(out, v.get<json::number_unsigned_t>()); return;
    case json::value_t::number_float: throw std::logic_error("canonical_json: floating-point numbers are not written");
    case json::value_t::binary: {
      const json::binary_t& text = v.get_binary();
      if (!text.has_subtype() || text.subtype() != kCanonicalText)
        throw std::logic_error("canonical_json: binary values are not written");
      out.append(reinterpret_cast<const char*>(text.data()), text.size());
      return;
    }
    default: throw std::logic_error("canonical_json: discarded values are not written");
  }
}

}  // namespace

nlohmann::json canonical_text(const std::string& text) {
  return json::binary(json::binary_t::container_type(text.begin(), text.end()), kCanonicalText);
}

void append_canonical_string(std::string& out, const std::string& s) { write_string(out, s, false); }

std::string canonical_json(const nlohmann::json& value) {
  std::string out;
  write(out, value);
  return out;
}

}  // namespace ipack
