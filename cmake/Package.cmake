# SPDX-License-Identifier: MIT
# `cpack` (run by scripts/package): a Debian package, ipcdemo_VERSION_ARCH.deb,
# holding what `cmake --install --prefix /usr` lays out plus the files Debian
# policy asks of every package (copyright, changelog, compressed man pages).
set(IPCDEMO_MAINTAINER "ipcdemo developers <ipcdemo@example.org>"
    CACHE STRING "The Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ipcdemo)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${IPCDEMO_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "explore POSIX inter-process communication from a shell")
# CPack indents this under the summary to make the Description field.
set(CPACK_PACKAGE_DESCRIPTION
    "ipcdemo is a busybox-style multi-call tool for file mappings, POSIX shared
memory, named semaphores and message queues: create objects, produce and
consume through them from several terminals, watch every system call
narrated, list what a host has, and measure what each mechanism costs.
Every GROUP-ACTION pair is also a command (shm-produce, mq-recv, ...),
installed in /usr/lib/ipcdemo/bin: put that folder on PATH to use them.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # ipcdemo_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.org/ipcdemo")
# Depends from dpkg-shlibdeps (which needs `file`): libc6 for the package's
# build, nothing for the static release build.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_IPCDEMO_STRIP ${CMAKE_STRIP}) # PackageCompress.cmake strips what CPack's strip leaves
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
                                                GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

# What the executable holds of other Debian packages, by a file of each that the
# build used: PackageControl.cmake names their source packages in Built-Using
# at package time. CLI11 and spdlog are compiled in from their headers, fmt too
# where it is header-only, libstdc++ and libgcc where they are linked
# statically, and glibc only in the fully static build.
set(CPACK_IPCDEMO_BUILT_FROM ${CLI11_CONFIG} ${spdlog_CONFIG})
if(IPCDEMO_STATIC OR IPCDEMO_HARDENED)
  list(APPEND CPACK_IPCDEMO_BUILT_FROM ${fmt_CONFIG})
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    set(runtime_libraries libstdc++.a libgcc.a libgcc_eh.a)
    if(IPCDEMO_STATIC)
      list(APPEND runtime_libraries libc.a)
    endif()
    foreach(library IN LISTS runtime_libraries)
      execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=${library} OUTPUT_VARIABLE path
                      OUTPUT_STRIP_TRAILING_WHITESPACE)
      # The path as the package installed it: dpkg knows /usr/lib/x86_64-linux-gnu/libc.a,
      # not the compiler's /usr/lib/gcc/x86_64-linux-gnu/12/../../../x86_64-linux-gnu/libc.a.
      file(REAL_PATH "${path}" path)
      list(APPEND CPACK_IPCDEMO_BUILT_FROM ${path})
    endforeach()
  endif()
endif()

# Debian's changelog, dated when the build was configured (or SOURCE_DATE_EPOCH).
string(TIMESTAMP IPCDEMO_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(${PROJECT_SOURCE_DIR}/packaging/changelog.in ${PROJECT_BINARY_DIR}/packaging/changelog @ONLY)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright ${PROJECT_BINARY_DIR}/packaging/changelog
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
# What lintian may say of the package and why it is so (each override says why).
install(FILES ${PROJECT_SOURCE_DIR}/packaging/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
        RENAME ipcdemo)
# gzip -9n the man pages and the changelog in the staging tree, as policy asks.
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/PackageCompress.cmake)
# The control fields CPack does not write (Installed-Size counted right,
# Multi-Arch, Built-Using), and the .deb rebuilt reproducibly by dpkg-deb.
set(CPACK_POST_BUILD_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/PackageControl.cmake)

include(CPack)
