# Warnings on, and errors, for the project's own code (never for ImGui's).
option(CARE_WARNINGS_AS_ERRORS "Treat warnings in project code as errors" ON)

function(care_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Woverloaded-virtual)
  if(CARE_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
