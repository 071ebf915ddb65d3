// SPDX-License-Identifier: MIT
// The one parser per kind of value that every command uses. Each rejects garbage,
// negatives and overflow by throwing UsageError (exit 2) with a message that shows
// what is accepted.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string_view>

namespace ipcdemo::parse {

// Bytes: 4096, 4K, 64KiB, 1M, 1G, 1T (IEC multiples of 1024; case-insensitive).
std::uint64_t size(std::string_view text);
// 1s, 250ms, 10us, 500ns, 2m, 1h, 1.5s; a bare number means seconds; 0 allowed.
std::chrono::nanoseconds duration(std::string_view text);
// Octal permission bits: 600, 0600, 0o600; at most 0777 (no setuid, setgid or sticky).
mode_t mode(std::string_view text);
// A whole number from 0 to `max`.
std::uint64_t unsigned_integer(std::string_view text, std::uint64_t max = UINT64_MAX);
// A finite decimal number (1, -2.5, 1e3).
double number(std::string_view text);

} // namespace ipcdemo::parse
