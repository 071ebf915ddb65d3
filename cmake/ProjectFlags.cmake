# SPDX-License-Identifier: MIT
# One INTERFACE target carries warnings and sanitizer flags; every target links it,
# so no flag is sprinkled through the CMake files.
add_library(ipcdemo_flags INTERFACE)
target_compile_options(ipcdemo_flags INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wconversion -Wno-sign-conversion
                       # The registry's designated initialisers leave defaulted members out on purpose.
                       -Wno-missing-field-initializers)
# GCC 12 warns about "/" + std::string(...) when optimising: a false positive
# (GCC bug 105651), fixed in GCC 13.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(ipcdemo_flags INTERFACE -Wno-restrict)
endif()
if(IPCDEMO_WERROR)
  target_compile_options(ipcdemo_flags INTERFACE -Werror)
endif()
if(IPCDEMO_SANITIZE)
  if(IPCDEMO_STATIC)
    message(FATAL_ERROR "IPCDEMO_SANITIZE and IPCDEMO_STATIC cannot be combined")
  endif()
  # undefined includes signed-integer-overflow; float-cast-overflow (a double too
  # large for the integer it is cast to) is not part of it in GCC, so it is named.
  set(_san -fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer
           -fno-sanitize-recover=all)
  target_compile_options(ipcdemo_flags INTERFACE ${_san})
  target_link_options(ipcdemo_flags INTERFACE ${_san})
endif()
if(IPCDEMO_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "IPCDEMO_FUZZ needs clang (libFuzzer): use the fuzz preset")
  endif()
  if(IPCDEMO_SANITIZE OR IPCDEMO_STATIC)
    message(FATAL_ERROR "IPCDEMO_FUZZ brings its own sanitizers and cannot be static")
  endif()
  # All code gets the fuzzer's coverage instrumentation and the sanitizers; only the
  # fuzz targets link libFuzzer itself (fuzz/CMakeLists.txt), which brings main().
  set(_fuzz -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_compile_options(ipcdemo_flags INTERFACE ${_fuzz})
  target_link_options(ipcdemo_flags INTERFACE -fsanitize=address,undefined)
endif()
# ThreadSanitizer (the tsan preset): for the concurrency tests. It sees the
# threads of one process, and checks that signal handlers stay async-signal-safe.
option(IPCDEMO_TSAN "Build with ThreadSanitizer" OFF)
if(IPCDEMO_TSAN)
  if(IPCDEMO_SANITIZE OR IPCDEMO_STATIC)
    message(FATAL_ERROR "IPCDEMO_TSAN goes with neither IPCDEMO_SANITIZE nor IPCDEMO_STATIC")
  endif()
  target_compile_options(ipcdemo_flags INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(ipcdemo_flags INTERFACE -fsanitize=thread)
endif()
# The Debian package's build (the package preset, scripts/package): a position
# independent executable with read-only relocations bound at start, which
# hardening-check accepts. The compiler's hardening flags (stack protector,
# fortify, ...) come from dpkg-buildflags, exported by scripts/package. glibc
# stays a shared library: a static-pie has no dynamic symbols, so
# hardening-check cannot see its stack protector or fortified calls
# (docs/startup.md has the measurements of both); libstdc++ and libgcc are
# linked in, which keeps start-up close to the static release build's.
if(IPCDEMO_HARDENED)
  if(IPCDEMO_STATIC OR IPCDEMO_SANITIZE OR IPCDEMO_FUZZ OR IPCDEMO_TSAN)
    message(FATAL_ERROR "IPCDEMO_HARDENED is a build of its own: without IPCDEMO_STATIC and the sanitizers")
  endif()
  # -fPIE for all code (CMake's POSITION_INDEPENDENT_CODE would compile the
  # static library ipcdemo_core with -fPIC, which forbids inlining across
  # global functions); Debian's GCC defaults to it, other compilers may not.
  target_compile_options(ipcdemo_flags INTERFACE -fPIE)
endif()
# LLVM's libc++ instead of libstdc++ (the libcxx preset, with clang): nothing in
# the tree may depend on one standard library, and this build shows it. Debian's
# libfmt and libgtest are built against libstdc++, so fmt is used header-only
# (src/CMakeLists.txt) and GoogleTest is built from its source
# (tests/unit/CMakeLists.txt); spdlog is header-only in every build.
option(IPCDEMO_LIBCXX "Build against LLVM's libc++ (clang only; the libcxx preset)" OFF)
if(IPCDEMO_LIBCXX)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "IPCDEMO_LIBCXX needs clang: use the libcxx preset")
  endif()
  if(IPCDEMO_STATIC)
    # The static layout (cmake/StartupLayout.cmake) is tuned to the libstdc++ build.
    message(FATAL_ERROR "IPCDEMO_LIBCXX and IPCDEMO_STATIC cannot be combined")
  endif()
  # Every C++ target of the tree, GoogleTest's too: one standard library per program.
  add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-stdlib=libc++>)
  add_link_options($<$<LINK_LANGUAGE:CXX>:-stdlib=libc++>)
endif()
