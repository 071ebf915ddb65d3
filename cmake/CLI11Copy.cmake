# SPDX-License-Identifier: MIT
# CLI11 from Debian's package, through a copy of its headers made in the build
# tree with two changes, both for start-up (docs/startup.md):
#
# 1. No <iostream>. CLI11 includes it for std::cout and std::cerr in code
#    ipcdemo never runs (App::exit's default streams, AutoTimer, the warnings
#    for deprecated and retired options), and a program that includes it builds
#    the standard streams, and with them libstdc++'s classic locale, at every
#    start: a dozen page faults and some 800 KiB of resident memory. In the copy
#    each `#include <iostream>` includes src/cli/cli11_streams.hpp instead, and
#    std::cout and std::cerr are ipcdemo::cli::cli11_stdout() and
#    cli11_stderr(): streams over stdio's stdout and stderr, built the first
#    time they are used, never at start-up. Nothing is declared in namespace
#    std and nothing depends on one standard library's internals: the copy
#    builds with libstdc++ and libc++ alike.
# 2. No std::locale in trim. CLI11 trims every option name it declares, testing
#    for white space with std::isspace(c, std::locale()); the first std::locale
#    makes libstdc++ build its classic locale (36,000 instructions, three page
#    faults, 130 KiB). The copy tests for the six characters the classic locale
#    calls space (' ', \t \n \v \f \r) without a locale; ipcdemo never sets a
#    global C++ locale, so the answers are the same (tests/unit/cli11_trim_test).
#
# Every change names the header it is made in and how many times its text must
# be found there; the copy then must hold no <iostream>, no standard stream
# object and no trim by locale. CLI11 2.1 (Debian 12) and 2.4 (Debian 13, where
# the code moved to CLI/impl/*_inl.hpp) are known. Any other text stops the
# configure with the version and what to do: a silent fallback to the stock
# headers would lose the start-up work without anyone being told.
#
# Project mode (CMakeLists.txt includes this file): defines ipcdemo_cli11, to
# link instead of CLI11::CLI11. IPCDEMO_CLI11_INCLUDE_DIR (a cache variable,
# found from CLI11::CLI11) names the headers copied; set it to try another tree,
# e.g. another release's libcli11-dev unpacked with `dpkg-deb -x DEB DIR`:
#   cmake --preset dev -DIPCDEMO_CLI11_INCLUDE_DIR=DIR/usr/include
# Script mode (tests/cmake/cli11_copy.bats): only the copy, from FROM to TO:
#   cmake -DFROM=INCLUDE_DIR -DTO=DIR -P cmake/CLI11Copy.cmake

if(CMAKE_SCRIPT_MODE_FILE)
  cmake_minimum_required(VERSION 3.25) # the project's policies, for the functions below
endif()

# What replaces `#include <iostream>` and the two stream objects in the copy.
set(IPCDEMO_CLI11_STREAMS_INCLUDE "#include \"cli/cli11_streams.hpp\" // ipcdemo: not <iostream>")
set(IPCDEMO_CLI11_STDOUT "::ipcdemo::cli::cli11_stdout()")
set(IPCDEMO_CLI11_STDERR "::ipcdemo::cli::cli11_stderr()")
set(IPCDEMO_CLI11_TRIM_WITH_LOCALE "std::isspace<char>(ch, std::locale())")
set(IPCDEMO_CLI11_TRIM_WITHOUT_LOCALE "(ch == ' ' || (ch >= '\\t' && ch <= '\\r'))")

# _ipcdemo_cli11_fail(REASON): stops the configure, saying what to do.
function(_ipcdemo_cli11_fail reason)
  message(FATAL_ERROR
    "CLI11 ${_ipcdemo_cli11_version} (${_ipcdemo_cli11_from}): ${reason}\n"
    "cmake/CLI11Copy.cmake changes a copy of CLI11's headers so that a start-up "
    "builds neither the standard streams nor a locale, and knows the headers of "
    "CLI11 2.1 (Debian 12) and 2.4 (Debian 13). For this version: find where its "
    "headers include <iostream>, use std::cout or std::cerr and trim with "
    "std::locale() (grep -rn 'iostream\\|std::cout\\|std::cerr\\|std::locale()' CLI/), "
    "add its list of changes there, and check tests/e2e/startup.bats on the release "
    "preset. (To try another CLI11 tree: -DIPCDEMO_CLI11_INCLUDE_DIR=DIR.)")
endfunction()

# _ipcdemo_cli11_edit(FILE EXPECTED FROM TO): in the staged copy of FILE
# (relative to CLI/), replaces FROM by TO, which must occur EXPECTED times.
function(_ipcdemo_cli11_edit file expected from to)
  set(path ${_ipcdemo_cli11_stage}/CLI/${file})
  if(NOT EXISTS ${path})
    _ipcdemo_cli11_fail("CLI/${file} is missing.")
  endif()
  file(READ ${path} text)
  string(REPLACE "${from}" "" without "${text}")
  string(LENGTH "${text}" length)
  string(LENGTH "${without}" length_without)
  string(LENGTH "${from}" length_from)
  math(EXPR found "(${length} - ${length_without}) / ${length_from}")
  if(NOT found EQUAL expected)
    _ipcdemo_cli11_fail("CLI/${file} holds ${found} of the ${expected} expected \"${from}\".")
  endif()
  string(REPLACE "${from}" "${to}" text "${text}")
  file(WRITE ${path} "${text}")
endfunction()

# ipcdemo_cli11_copy(FROM TO): copies FROM/CLI (an include directory's CLI11) to
# TO/CLI with the changes above, or stops the configure. A header is written
# only when its text changed (configure_file), so a configure rebuilds nothing;
# headers of another version left in TO are removed.
function(ipcdemo_cli11_copy from to)
  set(_ipcdemo_cli11_from ${from})
  set(_ipcdemo_cli11_stage ${to}.stage)
  set(_ipcdemo_cli11_version "(version unknown)")
  if(EXISTS ${from}/CLI/Version.hpp)
    file(STRINGS ${from}/CLI/Version.hpp version_line REGEX "^#define CLI11_VERSION \"")
    if(version_line MATCHES "\"([^\"]*)\"")
      set(_ipcdemo_cli11_version ${CMAKE_MATCH_1})
    endif()
  endif()
  if(NOT EXISTS ${from}/CLI/CLI.hpp)
    _ipcdemo_cli11_fail("no CLI/CLI.hpp there.")
  endif()

  file(REMOVE_RECURSE ${_ipcdemo_cli11_stage})
  file(GLOB_RECURSE headers RELATIVE ${from}/CLI ${from}/CLI/*.hpp)
  file(COPY ${from}/CLI DESTINATION ${_ipcdemo_cli11_stage})

  set(include "#include <iostream>")
  if(EXISTS ${from}/CLI/impl/StringTools_inl.hpp)
    # CLI11 2.4 (Debian 13): the bodies are in impl/*_inl.hpp.
    _ipcdemo_cli11_edit(impl/StringTools_inl.hpp 3 "${IPCDEMO_CLI11_TRIM_WITH_LOCALE}" "${IPCDEMO_CLI11_TRIM_WITHOUT_LOCALE}")
    _ipcdemo_cli11_edit(App.hpp 1 "std::cout" "${IPCDEMO_CLI11_STDOUT}")
    _ipcdemo_cli11_edit(impl/App_inl.hpp 3 "std::cout" "${IPCDEMO_CLI11_STDOUT}")
  elseif(EXISTS ${from}/CLI/StringTools.hpp)
    # CLI11 2.1 (Debian 12): everything in the headers themselves.
    _ipcdemo_cli11_edit(StringTools.hpp 3 "${IPCDEMO_CLI11_TRIM_WITH_LOCALE}" "${IPCDEMO_CLI11_TRIM_WITHOUT_LOCALE}")
    _ipcdemo_cli11_edit(App.hpp 4 "std::cout" "${IPCDEMO_CLI11_STDOUT}")
  else()
    _ipcdemo_cli11_fail("neither CLI/StringTools.hpp (CLI11 2.1) nor CLI/impl/StringTools_inl.hpp (2.4) is there.")
  endif()
  # The same in both: App::exit's default error stream, AutoTimer's output (and
  # a comment naming std::cout), and the five headers that include <iostream>.
  _ipcdemo_cli11_edit(App.hpp 1 "std::cerr" "${IPCDEMO_CLI11_STDERR}")
  _ipcdemo_cli11_edit(Timer.hpp 2 "std::cout" "${IPCDEMO_CLI11_STDOUT}")
  foreach(header App.hpp Config.hpp ConfigFwd.hpp Timer.hpp Validators.hpp)
    _ipcdemo_cli11_edit(${header} 1 "${include}" "${IPCDEMO_CLI11_STREAMS_INCLUDE}")
  endforeach()

  # What no header of the copy may hold any more, wherever a new version put it.
  foreach(header IN LISTS headers)
    file(READ ${_ipcdemo_cli11_stage}/CLI/${header} text)
    if(text MATCHES "#[ \t]*include[ \t]*<iostream>|std::w?(cout|cerr|clog|cin)[^a-z_]")
      _ipcdemo_cli11_fail("CLI/${header} still holds \"${CMAKE_MATCH_0}\" after the known changes.")
    endif()
    string(FIND "${text}" "${IPCDEMO_CLI11_TRIM_WITH_LOCALE}" at)
    if(NOT at EQUAL -1)
      _ipcdemo_cli11_fail("CLI/${header} still trims with \"${IPCDEMO_CLI11_TRIM_WITH_LOCALE}\" after the known changes.")
    endif()
  endforeach()

  # Copied with every subfolder: the quoted includes between CLI11's headers look
  # in the including header's own directory first.
  foreach(header IN LISTS headers)
    configure_file(${_ipcdemo_cli11_stage}/CLI/${header} ${to}/CLI/${header} COPYONLY)
  endforeach()
  file(GLOB_RECURSE copied RELATIVE ${to}/CLI ${to}/CLI/*)
  foreach(header IN LISTS copied)
    if(NOT header IN_LIST headers)
      file(REMOVE ${to}/CLI/${header})
    endif()
  endforeach()
  file(REMOVE_RECURSE ${_ipcdemo_cli11_stage})
  message(STATUS "CLI11 ${_ipcdemo_cli11_version}: headers copied from ${from} without <iostream> and locale")
endfunction()

if(CMAKE_SCRIPT_MODE_FILE)
  if(NOT DEFINED FROM OR NOT DEFINED TO)
    message(FATAL_ERROR "usage: cmake -DFROM=INCLUDE_DIR -DTO=DIR -P cmake/CLI11Copy.cmake")
  endif()
  ipcdemo_cli11_copy(${FROM} ${TO})
  return()
endif()

find_package(CLI11 REQUIRED)
get_target_property(cli11_includes CLI11::CLI11 INTERFACE_INCLUDE_DIRECTORIES)
find_path(IPCDEMO_CLI11_INCLUDE_DIR CLI/CLI.hpp HINTS ${cli11_includes}
          DOC "CLI11's include directory, copied with changes by cmake/CLI11Copy.cmake")
if(NOT IPCDEMO_CLI11_INCLUDE_DIR)
  message(FATAL_ERROR "CLI/CLI.hpp not found (libcli11-dev: scripts/install-deps)")
endif()
set(ipcdemo_cli11_copy_dir ${PROJECT_BINARY_DIR}/cli11-without-locale)
ipcdemo_cli11_copy(${IPCDEMO_CLI11_INCLUDE_DIR} ${ipcdemo_cli11_copy_dir})
# New headers of the package, or a change here, make CMake copy them again.
file(GLOB_RECURSE cli11_installed_headers ${IPCDEMO_CLI11_INCLUDE_DIR}/CLI/*.hpp)
set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${cli11_installed_headers})

add_library(ipcdemo_cli11 INTERFACE)
target_link_libraries(ipcdemo_cli11 INTERFACE CLI11::CLI11)
# The copy first, so that no header of the package is ever reached, and src/
# for cli/cli11_streams.hpp, which the copy includes.
target_include_directories(ipcdemo_cli11 SYSTEM BEFORE INTERFACE ${ipcdemo_cli11_copy_dir})
target_include_directories(ipcdemo_cli11 INTERFACE ${PROJECT_SOURCE_DIR}/src)
