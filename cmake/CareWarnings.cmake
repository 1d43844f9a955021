# Warnings on, and errors, for the project's own code (never for ImGui's).
option(CARE_WARNINGS_AS_ERRORS "Treat warnings in project code as errors" ON)

function(care_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Woverloaded-virtual)
  # g++ 12 at -O3 reports a false -Wrestrict inside std::string's own copy when code
  # builds strings with operator+ (GCC bug 105329); clang checks the same code cleanly.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(CARE_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
