// SPDX-License-Identifier: MIT
// "Did you mean ...?": the words a mistyped word was probably meant to be, as git
// suggests for an unknown command.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo::cli {

// Optimal-string-alignment distance: insertions, deletions, substitutions and
// swaps of two neighbours each cost one ("shn" -> "shm" 1, "porduce" -> "produce" 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidates `word` was probably meant to be, best first: a well-known synonym
// ("rm" for "unlink"), then the one word it is a prefix of, then those at the
// smallest edit distance within a bound that grows with the word's length.
// Empty when nothing is close.
std::vector<std::string> suggestions(std::string_view word, const std::vector<std::string>& candidates);

// " did you mean 'a'?" or " did you mean 'a' or 'b'?", or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// `word` safe to echo in a one-line message: control characters (a newline, an
// escape sequence in a hostile argv) as \xNN.
std::string visible(std::string_view word);

// "a, b, c": for "one of: ..." lists.
std::string join(const std::vector<std::string>& words);

} // namespace ipcdemo::cli
