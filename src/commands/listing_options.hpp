// SPDX-License-Identifier: MIT
// The options ls, who, rm and watch share: which objects (kinds, patterns), and
// for ls the columns. Described once so that help, completion and man pages agree.
#pragma once

#include "cli/invocation.hpp"
#include "cli/spec.hpp"
#include "ipc/listing.hpp"

#include <vector>

namespace ipcdemo::commands {

// [PATTERN...]
ArgumentSpec pattern_argument();
// -t, --type shm|sem|mq (repeatable, or a comma list)
OptionSpec type_option();
// -j, --json: the whole listing as one JSON document (ls, who).
OptionSpec listing_json_option();
// ls's columns: -o, --output COLUMNS; -n, --noheadings; -b, --bytes; -H, --holders.
OptionSpec output_option();
OptionSpec noheadings_option();
OptionSpec bytes_option();
OptionSpec holders_option();

// Kinds and patterns from --type and PATTERN...
ls::Request listing_request(const Invocation& invocation);
// Says how to see queues when they were wanted but could not be read, and
// returns true then: the listing is incomplete (exit_code::incomplete), never
// an empty answer with status 0.
bool warn_unlisted_queues(const ls::Request& request, const ls::Listing& listing);
// The warning itself, for a command that keeps the listing's `mqueue_problem` (watch).
void say_queues_unlisted(const std::string& problem);
// Says how many processes could not be inspected (only after a /proc scan).
void warn_uninspectable(const ls::Listing& listing);

} // namespace ipcdemo::commands
