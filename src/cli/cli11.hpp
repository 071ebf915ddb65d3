// SPDX-License-Identifier: MIT
// CLI11, as ipcdemo builds it (the target ipcdemo_cli11): the copy of Debian's
// headers that cmake/CLI11Copy.cmake makes, which builds neither the standard
// streams nor a locale at start-up (docs/startup.md, docs/ARCHITECTURE.md).
#pragma once

#include <CLI/CLI.hpp>

// The copy includes cli/cli11_streams.hpp where CLI11 includes <iostream>.
#ifndef IPCDEMO_CLI11_STREAMS
#error "CLI11's own headers were included, not the build's copy: link ipcdemo_cli11 (cmake/CLI11Copy.cmake)"
#endif
