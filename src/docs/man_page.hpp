// SPDX-License-Identifier: MIT
// The generated parts of the man pages: synopsis, commands and their options,
// exit status and environment, all from the registry. The prose around them is
// written by hand in man/src/*.in; scripts/gen-man puts the two together.
#pragma once

#include "cli/spec.hpp"

#include <span>
#include <string>
#include <string_view>

namespace ipcdemo::docs {

// roff-escapes free text: backslashes, and a leading '.' or '\'' on a line.
std::string roff_escape(std::string_view text);

// One group's page: SYNOPSIS; and COMMANDS (every option) with EXIT STATUS. man(7) markup.
std::string man_group_synopsis(const GroupSpec& group);
std::string man_group_body(const GroupSpec& group);
// ipcdemo(1): SYNOPSIS; and the COMMANDS overview, GLOBAL OPTIONS, EXIT STATUS, ENVIRONMENT.
std::string man_overview_synopsis();
std::string man_overview_body(std::span<const GroupSpec> groups);

// For a group without hand-written prose (man/src/group.1.in): NAME from its
// summary, DESCRIPTION from its description.
std::string man_group_name(const GroupSpec& group);
std::string man_group_description(const GroupSpec& group);

// The pages there are: "ipcdemo", then every group with actions, one a line.
std::string man_pages(std::span<const GroupSpec> groups);

// What `ipcdemo __man PAGE PART` prints: PAGE is "ipcdemo" or a group name, PART
// "synopsis" or "body", or for a group also "name" or "description". Empty if
// either is unknown.
std::string man_sections_for(std::string_view page, std::string_view part, std::span<const GroupSpec> groups);

} // namespace ipcdemo::docs
