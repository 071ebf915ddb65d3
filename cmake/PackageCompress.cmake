# SPDX-License-Identifier: MIT
# CPack runs this on the staging tree before it builds the .deb: Debian wants
# man pages and changelogs compressed with gzip -9n (no name, no time stamp, so
# the package is reproducible), and executables stripped as dh_strip does:
# CPack's strip leaves the compilers' .comment and the .note section.
file(GLOB executables "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/bin/*")
foreach(file IN LISTS executables)
  if(NOT IS_SYMLINK "${file}")
    execute_process(COMMAND "${CPACK_IPCDEMO_STRIP}" --remove-section=.comment --remove-section=.note "${file}"
                    RESULT_VARIABLE failed)
    if(failed)
      message(FATAL_ERROR "strip ${file} failed")
    endif()
  endif()
endforeach()

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
