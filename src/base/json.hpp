// SPDX-License-Identifier: MIT
// JSON output, written by hand: the documents are small and flat.
#pragma once

#include <string>
#include <string_view>

namespace ipcdemo {

// A JSON string literal that is valid UTF-8 whatever bytes `text` holds.
// - '"' and '\' are escaped, \n \r \t \b \f as such; the other C0 controls, DEL,
//   C1 controls and the bidi and separator characters of base/escape.hpp as \u00XX
//   or \u20XX (what they decode to is unchanged; a consumer printing them raw to a
//   terminal is not fooled).
// - Well-formed UTF-8 is copied.
// - A byte that starts no well-formed UTF-8 sequence (always 0x80..0xFF) becomes the
//   lone surrogate \udcXX, XX being the byte: Python's "surrogateescape". Valid UTF-8
//   never decodes to a surrogate, so the mapping is reversible:
//   json.loads(s).encode("utf-8", "surrogateescape") gives back the original bytes.
std::string json_string(std::string_view text);

} // namespace ipcdemo
