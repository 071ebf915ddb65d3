# SPDX-License-Identifier: MIT
# cmake --install: the binary in bin/, a link per tool name (names asked of the
# binary itself, so the registry stays the only list) in lib/ipcdemo/bin/, the
# man pages and the shell completions in their conventional places.
#
# The tool names (shm-create, mq-send, ...) are generic: in bin/ they could
# clash with any other package's commands, so only `ipcdemo` is there, and
# users who want the names put lib/ipcdemo/bin on PATH (or link them anywhere
# with `ipcdemo --install DIR`).
#
# Everything is placed relative to the prefix given at install time
# (`cmake --install build --prefix /usr`) and under $DESTDIR, as packagers
# expect: install(FILES/TARGETS) with relative destinations do that themselves;
# the links and the zsh directory, made in install(CODE) below, read
# CMAKE_INSTALL_PREFIX when the install runs, not when the build was configured.
install(TARGETS ipcdemo RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

file(GLOB man_pages ${PROJECT_SOURCE_DIR}/man/*.1)
install(FILES ${man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# Completion scripts, generated from the registry into completions/.
install(FILES ${PROJECT_SOURCE_DIR}/completions/ipcdemo DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${PROJECT_SOURCE_DIR}/completions/ipcdemo.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

install(CODE "
  set(ipcdemo_binary \"$<TARGET_FILE:ipcdemo>\")
  set(ipcdemo_zsh_script \"${PROJECT_SOURCE_DIR}/completions/_ipcdemo\")
  set(ipcdemo_bindir \"${CMAKE_INSTALL_BINDIR}\")
  set(ipcdemo_linkdir \"lib/ipcdemo/bin\")
  set(ipcdemo_datadir \"${CMAKE_INSTALL_DATADIR}\")
  set(ipcdemo_mandir \"${CMAKE_INSTALL_MANDIR}\")
")
install(SCRIPT ${CMAKE_CURRENT_LIST_DIR}/InstallLinks.cmake)
