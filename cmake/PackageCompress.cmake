# SPDX-License-Identifier: MIT
# CPack runs this on the staging tree before it builds the .deb: Debian wants
# man pages and changelogs compressed with gzip -9n (no name, no time stamp, so
# the package is reproducible).
file(GLOB_RECURSE to_compress
     "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/share/man/man1/*.1"
     "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/share/doc/ipcdemo/changelog")
foreach(file IN LISTS to_compress)
  if(IS_SYMLINK "${file}") # a tool's page: the link follows its target to .gz
    file(READ_SYMLINK "${file}" target)
    file(REMOVE "${file}")
    file(CREATE_LINK "${target}.gz" "${file}.gz" SYMBOLIC)
    continue()
  endif()
  execute_process(COMMAND gzip -9nf "${file}" RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "gzip ${file} failed")
  endif()
endforeach()
