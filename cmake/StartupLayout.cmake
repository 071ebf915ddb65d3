# SPDX-License-Identifier: MIT
# Start-up layout of the static release binary.
#
# A short command such as `ipcdemo sem post NAME` costs mostly page faults, not
# instructions: each first touch of a 64 KiB window of code is a fault (the kernel
# maps the window around it), and the ~300 KiB of code a start-up runs used to lie
# scattered over nearly every window of a 3 MiB text. So every function and
# object gets its own section (unused ones are dropped), and lld places the
# functions a start-up runs side by side, in the order of
# cmake/startup-order.txt (made by scripts/gen-startup-order from callgrind runs
# of the commands bench/startup.sh measures). Variables too: each page of data
# a start-up writes is a fault of its own (no fault-around for a copy on write
# or for zero pages), so the variables it touches are packed at the start of
# their sections, those it writes first (from valgrind lackey's trace of every
# load and store). A stale list is harmless: a name
# it lacks is placed as usual, a name that went away is skipped.
# Without lld the binary is only garbage-collected, and start-up is slower.
function(ipcdemo_startup_layout target)
  target_compile_options(ipcdemo_flags INTERFACE -ffunction-sections -fdata-sections)
  target_link_options(${target} PRIVATE -Wl,--gc-sections)
  find_program(IPCDEMO_LLD ld.lld)
  if(NOT IPCDEMO_LLD)
    message(WARNING "ld.lld not found (Debian: lld): the release binary is not laid out for start-up")
    return()
  endif()
  set(order ${PROJECT_SOURCE_DIR}/cmake/startup-order.txt)
  target_link_options(${target} PRIVATE -fuse-ld=lld -Wl,--symbol-ordering-file=${order}
                      -Wl,--no-warn-symbol-ordering)
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${order})
endfunction()
