# Warning flags for our own code, in one place: tfms_warnings(target...)
# gives each target the same set. The generated grammar is not ours and
# gets none. -Werror is an option, off by default so a newer compiler's new
# warning does not break a user's build; scripts/test.sh (and so CI) turns
# it on.
option(TFMS_WERROR "Treat compiler warnings as errors" OFF)

set(TFMS_WARNING_FLAGS -Wall -Wextra -Wshadow -Wformat=2)
if(TFMS_WERROR)
  list(APPEND TFMS_WARNING_FLAGS -Werror)
endif()

function(tfms_warnings)
  foreach(_target IN LISTS ARGN)
    target_compile_options(${_target} PRIVATE ${TFMS_WARNING_FLAGS})
  endforeach()
endfunction()
