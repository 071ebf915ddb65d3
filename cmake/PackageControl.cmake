# SPDX-License-Identifier: MIT
# CPack runs this after it built the .deb, to finish the control data that
# CMake's DEB generator cannot write, and rebuilds the package with dpkg-deb
# (which, given SOURCE_DATE_EPOCH, clamps every time stamp: the .deb is
# reproducible):
# - Installed-Size counted right: CMake 3.25's generator counts each tool link
#   as a copy of the binary (it follows symlinks), so apt would announce some
#   70 MB for a 5 MB package. Recomputed from the unpacked tree with
#   dpkg-gencontrol's rule: KiB per file, rounded up, one per link and directory.
# - Multi-Arch: foreign: the package provides commands, which a package of any
#   architecture may use.
# - Built-Using: the Debian source packages whose code the executable holds
#   (Debian policy 7.8: their licences are why the archive keeps those sources),
#   each with the exact version installed now, read with dpkg-query from the
#   files the build used (CPACK_IPCDEMO_BUILT_FROM, set in Package.cmake).
function(source_of file out)
  execute_process(COMMAND dpkg-query -S "${file}" OUTPUT_VARIABLE owner RESULT_VARIABLE failed ERROR_QUIET)
  if(failed)
    message(FATAL_ERROR "Built-Using: no Debian package holds ${file} (dpkg-query -S)")
  endif()
  string(REGEX REPLACE ":.*" "" owner "${owner}") # "libfmt-dev: /usr/..." (or libc6-dev:amd64)
  execute_process(COMMAND dpkg-query -W "-f=\${source:Package} (= \${source:Version})" "${owner}"
                  OUTPUT_VARIABLE source RESULT_VARIABLE failed)
  if(failed OR NOT source)
    message(FATAL_ERROR "Built-Using: dpkg-query -W ${owner} failed")
  endif()
  set(${out} "${source}" PARENT_SCOPE)
endfunction()

set(built_using "")
foreach(file IN LISTS CPACK_IPCDEMO_BUILT_FROM)
  source_of("${file}" source)
  list(APPEND built_using "${source}")
endforeach()
list(REMOVE_DUPLICATES built_using)
list(SORT built_using)
list(JOIN built_using ", " built_using)

foreach(deb IN LISTS CPACK_PACKAGE_FILES)
  if(NOT deb MATCHES "\\.deb$")
    continue()
  endif()
  set(tree "${CPACK_TOPLEVEL_DIRECTORY}/control-fix")
  file(REMOVE_RECURSE "${tree}")
  execute_process(COMMAND dpkg-deb -R "${deb}" "${tree}" RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "dpkg-deb -R ${deb} failed")
  endif()
  set(kib 0)
  file(GLOB_RECURSE entries LIST_DIRECTORIES true "${tree}/*")
  foreach(entry IN LISTS entries)
    if(entry MATCHES "^${tree}/DEBIAN(/|$)")
      continue()
    endif()
    if(IS_SYMLINK "${entry}" OR IS_DIRECTORY "${entry}")
      math(EXPR kib "${kib} + 1")
    else()
      file(SIZE "${entry}" bytes)
      math(EXPR kib "${kib} + (${bytes} + 1023) / 1024")
    endif()
  endforeach()
  # CPack writes the fields in alphabetical order: each is read (with its
  # continuation lines), changed or added, and written in dpkg-gencontrol's order.
  file(STRINGS "${tree}/DEBIAN/control" lines)
  set(names "")
  foreach(line IN LISTS lines)
    if(line MATCHES "^([A-Za-z-]+): ?(.*)$")
      set(name "${CMAKE_MATCH_1}")
      list(APPEND names "${name}")
      set("field_${name}" "${CMAKE_MATCH_2}")
    else()
      string(APPEND "field_${name}" "\n${line}")
    endif()
  endforeach()
  set(field_Installed-Size ${kib})
  set(field_Multi-Arch foreign)
  list(APPEND names Multi-Arch)
  if(built_using)
    set(field_Built-Using "${built_using}")
    list(APPEND names Built-Using)
  endif()
  set(control "")
  foreach(name IN ITEMS Package Version Architecture Multi-Arch Maintainer Installed-Size Depends Built-Using
                        Section Priority Homepage Description ${names})
    if(name IN_LIST names)
      string(APPEND control "${name}: ${field_${name}}\n")
      list(REMOVE_ITEM names ${name})
    endif()
  endforeach()
  file(WRITE "${tree}/DEBIAN/control" "${control}")
  execute_process(COMMAND dpkg-deb --root-owner-group -b "${tree}" "${deb}" OUTPUT_QUIET RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "dpkg-deb -b ${deb} failed")
  endif()
  file(REMOVE_RECURSE "${tree}")
endforeach()
