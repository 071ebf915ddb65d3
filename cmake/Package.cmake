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
Every GROUP-ACTION pair is also a command (shm-produce, mq-recv, ...).")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # ipcdemo_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.org/ipcdemo")
# The release build is static (no Depends); a dynamic build gets its Depends
# from dpkg-shlibdeps.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
                                                GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

# Debian's changelog, dated when the build was configured (or SOURCE_DATE_EPOCH).
string(TIMESTAMP IPCDEMO_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(${PROJECT_SOURCE_DIR}/packaging/changelog.in ${PROJECT_BINARY_DIR}/packaging/changelog @ONLY)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright ${PROJECT_BINARY_DIR}/packaging/changelog
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The static release binary is intended (start-up time): say so to lintian.
if(IPCDEMO_STATIC)
  install(FILES ${PROJECT_SOURCE_DIR}/packaging/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
          RENAME ipcdemo)
endif()
# gzip -9n the man pages and the changelog in the staging tree, as policy asks.
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/PackageCompress.cmake)
# Installed-Size counted right (CMake 3.25 counts each tool link as the binary).
set(CPACK_POST_BUILD_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/PackageInstalledSize.cmake)

include(CPack)
