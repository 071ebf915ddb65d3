# cmake --install: the binary, a link per tool name beside it (names asked of
# the binary itself, so the registry stays the only list), the man pages and
# the shell completions in their conventional places.
install(TARGETS ipcdemo RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(CODE "
  execute_process(COMMAND \"$<TARGET_FILE:ipcdemo>\" --list
                  OUTPUT_VARIABLE tool_names RESULT_VARIABLE listed)
  if(NOT listed EQUAL 0)
    message(FATAL_ERROR \"ipcdemo --list failed: cannot install the tool links\")
  endif()
  string(REPLACE \"\\n\" \";\" tool_names \"\${tool_names}\")
  set(bindir \"\$ENV{DESTDIR}${CMAKE_INSTALL_FULL_BINDIR}\")
  # bash-completion loads a command's script by the command's name: one link each.
  set(bashdir \"\$ENV{DESTDIR}${CMAKE_INSTALL_FULL_DATADIR}/bash-completion/completions\")
  foreach(name IN LISTS tool_names)
    if(name)
      message(STATUS \"Installing link: \${bindir}/\${name} -> ipcdemo\")
      file(CREATE_LINK ipcdemo \"\${bindir}/\${name}\" SYMBOLIC)
      file(MAKE_DIRECTORY \"\${bashdir}\")
      file(CREATE_LINK ipcdemo \"\${bashdir}/\${name}\" SYMBOLIC)
    endif()
  endforeach()
")

file(GLOB man_pages ${PROJECT_SOURCE_DIR}/man/*.1)
install(FILES ${man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# Completion scripts, generated from the registry into completions/.
foreach(pair "bash;ipcdemo;bash-completion/completions"
             "zsh;_ipcdemo;zsh/site-functions"
             "fish;ipcdemo.fish;fish/vendor_completions.d")
  list(GET pair 1 file)
  list(GET pair 2 dir)
  if(EXISTS ${PROJECT_SOURCE_DIR}/completions/${file})
    install(FILES ${PROJECT_SOURCE_DIR}/completions/${file} DESTINATION ${CMAKE_INSTALL_DATADIR}/${dir})
  endif()
endforeach()
