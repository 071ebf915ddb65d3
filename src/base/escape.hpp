// SPDX-License-Identifier: MIT
// What a name or a message may show on a terminal. Names under /dev/shm and in the
// mqueue file system are chosen by whoever created them, any local user: an ESC
// sequence, a newline or a right-to-left override in a name would otherwise
// repaint the terminal, forge a row of a table, or reverse what the reader sees.
//
// The rule (documented in ipcdemo(1) and SECURITY.md), one character at a time:
//   C0 controls       \a \b \t \n \v \f \r \e, the others as \xHH (\x01)
//   DEL               \x7f
//   C1 controls       U+0080..U+009F written as UTF-8: \u0080..\u009f
//   bidi controls     overrides and isolates U+202A..U+202E, U+2066..U+2069, and
//                     the line and paragraph separators U+2028, U+2029: \u202e
//   invalid UTF-8     each byte that starts no well-formed sequence: \xHH (a raw
//                     C1 byte such as 0x9b, the 8-bit CSI, is one of these: \x9b)
//   backslash         \\ (so that the escaped text reads back unambiguously)
// Everything else, printable ASCII and well-formed UTF-8, is shown as it is.
#pragma once

#include <string>
#include <string_view>

namespace ipcdemo::escape {

// A code point that is never shown raw: a C0 or C1 control, DEL, or one of the
// bidi or separator characters above. JSON escapes the same set.
bool is_hidden(char32_t code_point);

// A name or message text for a terminal or a table: escaped as above, backslash
// included, so that the original bytes can be read back from the result.
std::string visible(std::string_view raw);

// The last line of defence for a whole line already composed (a log or error
// line): the same escapes, but a backslash is left as it is, so that names
// escaped earlier, and narration's C-style quoting, are not escaped twice.
std::string line(std::string_view composed);

} // namespace ipcdemo::escape
