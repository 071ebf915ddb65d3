# SPDX-License-Identifier: MIT
# Runs at install time (install(SCRIPT) from Install.cmake), so that
# CMAKE_INSTALL_PREFIX is the prefix of this install and $ENV{DESTDIR} applies.
# Set before: ipcdemo_binary, ipcdemo_zsh_script, ipcdemo_bindir, ipcdemo_linkdir,
# ipcdemo_datadir, ipcdemo_mandir.

execute_process(COMMAND "${ipcdemo_binary}" --list OUTPUT_VARIABLE tool_names RESULT_VARIABLE listed)
if(NOT listed EQUAL 0)
  message(FATAL_ERROR "ipcdemo --list failed: cannot install the tool links")
endif()
string(REPLACE "\n" ";" tool_names "${tool_names}")

set(root "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}")
set(linkdir "${root}/${ipcdemo_linkdir}")
# Relative links: they stay right wherever DESTDIR puts the tree
# (lib/ipcdemo/bin/shm-produce -> ../../../bin/ipcdemo).
file(RELATIVE_PATH binary "${linkdir}" "${root}/${ipcdemo_bindir}/ipcdemo")
# bash-completion and fish load a command's script by the command's name: one
# link each.
set(bashdir "${root}/${ipcdemo_datadir}/bash-completion/completions")
set(fishdir "${root}/${ipcdemo_datadir}/fish/vendor_completions.d")
# `man shm-produce` opens the group's page.
set(mandir "${root}/${ipcdemo_mandir}/man1")
file(MAKE_DIRECTORY "${linkdir}" "${bashdir}" "${fishdir}" "${mandir}")
foreach(name IN LISTS tool_names)
  if(name)
    message(STATUS "Installing link: ${linkdir}/${name} -> ${binary}")
    file(CREATE_LINK "${binary}" "${linkdir}/${name}" SYMBOLIC)
    file(CREATE_LINK ipcdemo "${bashdir}/${name}" SYMBOLIC)
    file(CREATE_LINK ipcdemo.fish "${fishdir}/${name}.fish" SYMBOLIC)
    string(REGEX REPLACE "-.*" "" group "${name}")
    file(CREATE_LINK "ipcdemo-${group}.1" "${mandir}/${name}.1" SYMBOLIC)
  endif()
endforeach()

# zsh: Debian's zsh looks in vendor-completions for what packages under /usr
# install; everywhere else site-functions is the place.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(zshdir "${CMAKE_INSTALL_PREFIX}/${ipcdemo_datadir}/zsh/vendor-completions")
else()
  set(zshdir "${CMAKE_INSTALL_PREFIX}/${ipcdemo_datadir}/zsh/site-functions")
endif()
# file(INSTALL) adds $DESTDIR itself.
file(INSTALL "${ipcdemo_zsh_script}" DESTINATION "${zshdir}")
