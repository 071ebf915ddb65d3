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
// Says how to see queues when they were wanted but could not be read.
void warn_unlisted_queues(const ls::Request& request, const ls::Listing& listing);
// Says how many processes could not be inspected (only after a /proc scan).
void warn_uninspectable(const ls::Listing& listing);

} // namespace ipcdemo::commands
