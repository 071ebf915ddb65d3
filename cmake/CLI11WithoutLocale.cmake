# SPDX-License-Identifier: MIT
# CLI11 from Debian's package, with one change made to a copy in the build tree.
#
# CLI11 2.1 trims every option name it declares, and its trim tests for white
# space with std::isspace(c, std::locale()). The first std::locale a program
# makes has libstdc++ build its whole classic locale: some 36,000 instructions,
# three page faults and 130 KiB of resident memory at every start of every
# command (docs/startup.md), to trim names that are plain ASCII. The copy tests
# for the six characters the classic locale calls space (' ', \t \n \v \f \r)
# without a locale; ipcdemo never sets a global C++ locale, so the answer is the
# same. tests/e2e/startup.bats fails if a start-up builds the locale again.
#
# When the installed headers do not hold the expected text (another CLI11
# version), they are used as they are and a warning says start-up is slower:
# behaviour is the same either way.
#
# Defines ipcdemo_cli11, to link instead of CLI11::CLI11.
find_package(CLI11 REQUIRED)

add_library(ipcdemo_cli11 INTERFACE)
target_link_libraries(ipcdemo_cli11 INTERFACE CLI11::CLI11)

get_target_property(cli11_includes CLI11::CLI11 INTERFACE_INCLUDE_DIRECTORIES)
find_path(IPCDEMO_CLI11_INCLUDE_DIR CLI/StringTools.hpp HINTS ${cli11_includes})
if(NOT IPCDEMO_CLI11_INCLUDE_DIR)
  message(WARNING "CLI/StringTools.hpp not found: CLI11 is used as installed, start-up builds a locale")
  return()
endif()

set(installed ${IPCDEMO_CLI11_INCLUDE_DIR}/CLI)
set(copy ${PROJECT_BINARY_DIR}/cli11-without-locale)
file(GLOB_RECURSE headers RELATIVE ${installed} ${installed}/*.hpp)
# Changed headers of the package make CMake copy them again.
set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${installed}/StringTools.hpp)

file(READ ${installed}/StringTools.hpp text)
set(with_locale "std::isspace<char>(ch, std::locale())")
set(without_locale "(ch == ' ' || (ch >= '\\t' && ch <= '\\r'))")
string(REPLACE "${with_locale}" "${without_locale}" patched "${text}")
# The two trims and split_up's default delimiter: all three, or none.
string(REGEX MATCHALL "std::isspace<char>\\(ch, std::locale\\(\\)\\)" found "${text}")
list(LENGTH found occurrences)
if(NOT occurrences EQUAL 3)
  message(WARNING "CLI11's StringTools.hpp is not the expected 2.1 text (${occurrences} of 3 locale tests "
                  "found): CLI11 is used as installed, start-up builds a locale")
  return()
endif()

# The quoted includes between CLI11's headers look in the including header's own
# directory first, so every header is copied (with its subfolders, as in newer
# CLI11's impl/), not only the one changed.
foreach(header IN LISTS headers)
  if(header STREQUAL "StringTools.hpp")
    # Written beside, then copied only when it differs: no rebuild on every configure.
    file(WRITE ${copy}/StringTools.hpp.new "${patched}")
    configure_file(${copy}/StringTools.hpp.new ${copy}/CLI/${header} COPYONLY)
  else()
    configure_file(${installed}/${header} ${copy}/CLI/${header} COPYONLY)
  endif()
endforeach()
target_include_directories(ipcdemo_cli11 SYSTEM BEFORE INTERFACE ${copy})
